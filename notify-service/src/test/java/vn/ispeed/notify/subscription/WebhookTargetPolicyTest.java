package vn.ispeed.notify.subscription;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetPolicyTest {

    private static boolean internal(String literal) throws UnknownHostException {
        return WebhookTargetPolicy.isInternal(InetAddress.getByName(literal));
    }

    @Test
    void refusesAddressesInsideTheNetwork() throws UnknownHostException {
        for (String a : new String[]{"127.0.0.1", "10.0.0.8", "172.16.5.4", "172.31.255.1", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1",
                "fd00::1", "::ffff:10.0.0.1", "::"}) {
            assertThat(internal(a)).as(a).isTrue();
        }
    }

    @Test
    void acceptsPublicAddresses() throws UnknownHostException {
        for (String a : new String[]{"8.8.8.8", "203.162.4.191", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"}) {
            assertThat(internal(a)).as(a).isFalse();
        }
    }
}
