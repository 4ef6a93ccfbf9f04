package vn.ispeed.testsupport;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process SMTP server receives what a real SMTP client sends to the port the resource hands out. */
class GreenMailResourceTest {

    @Test
    void a_mail_sent_over_smtp_arrives() throws Exception {
        var config = new GreenMailResource().start();
        GreenMailResource.greenMail().purgeEmailFromAllMailboxes();

        Properties props = new Properties();
        props.put("mail.smtp.host", config.get("quarkus.mailer.host"));
        props.put("mail.smtp.port", config.get("quarkus.mailer.port"));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(config.get("quarkus.mailer.from")));
        message.setRecipients(Message.RecipientType.TO, "so-tttt@hanoi.example");
        message.setSubject("Không đủ mẫu: 12 xã", "UTF-8");
        message.setText("fixed broadband: 12 communes without enough samples", "UTF-8");
        Transport.send(message);

        assertThat(GreenMailResource.greenMail().waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = GreenMailResource.greenMail().getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Không đủ mẫu: 12 xã");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("so-tttt@hanoi.example");
        assertThat(config).containsEntry("quarkus.mailer.mock", "false").containsEntry("quarkus.mailer.start-tls", "DISABLED");
    }
}
