package vn.ispeed.notify.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** An independent HMAC: the openssl command line, as a receiver's shell script would compute it. */
final class OpenSslReference {
    private OpenSslReference() {
    }

    static String hmac(String secret, String message) {
        try {
            Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", secret).redirectErrorStream(true).start();
            p.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.substring(out.lastIndexOf(' ') + 1);
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for this reference test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
