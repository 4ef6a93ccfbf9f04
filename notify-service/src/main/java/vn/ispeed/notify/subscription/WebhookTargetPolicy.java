package vn.ispeed.notify.subscription;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.config.NotifyConfig;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses webhook targets inside the platform's own network (SSRF): loopback, private, link-local,
 * carrier-grade NAT, unique-local, multicast and unspecified addresses, unless the host is on
 * {@code notify.webhook.allow-hosts}. Checked when a subscription is saved and again before every
 * send, because a name can be re-pointed after it was accepted.
 */
@ApplicationScoped
public class WebhookTargetPolicy {
    private final NotifyConfig config;
    private final Vertx vertx;

    public WebhookTargetPolicy(NotifyConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    static boolean allowListed(NotifyConfig config, String host) {
        String h = strip(host).toLowerCase(Locale.ROOT);
        return config.webhook().allowHosts().orElse(List.of()).stream()
                .map(a -> strip(a.trim()).toLowerCase(Locale.ROOT))
                .anyMatch(h::equals);
    }

    /** Empty when the target may be called, else why not. Name resolution runs off the event loop. */
    public Uni<Optional<String>> check(URI url) {
        String host = url.getHost();
        if (allowListed(config, host)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(strip(host));
            } catch (UnknownHostException e) {
                return Optional.of("host " + host + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    return Optional.of("host " + host + " resolves to a loopback, private or link-local address");
                }
            }
            return Optional.<String>empty();
        }), false);
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // this network
                    || (first == 100 && second >= 64 && second < 128)   // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240;                            // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                       // unique local fc00::/7
                return true;
            }
            boolean mapped = true;                              // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
