package vn.ispeed.testsupport;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * An in-process SMTP server (GreenMail) per test JVM on a free loopback port, with the Quarkus
 * mailer pointed at it for real sending. Read what arrived with
 * {@code GreenMailResource.greenMail().getReceivedMessages()} (or {@code waitForIncomingEmail});
 * tests that count mails call {@code greenMail().purgeEmailFromAllMailboxes()} first, since the
 * server is shared by every test class of the JVM.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    public static final String FROM = "ispeed@localhost";

    private static GreenMail greenMail;

    public static synchronized GreenMail greenMail() {
        if (greenMail == null) {
            GreenMail started = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-test-server-stop"));
            greenMail = started;
        }
        return greenMail;
    }

    public static int smtpPort() {
        return greenMail().getSmtp().getPort();
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtpPort()),
                "quarkus.mailer.from", FROM,
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}
