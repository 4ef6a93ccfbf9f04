package vn.ispeed.notify.delivery;

import java.util.UUID;

/**
 * A claimed delivery with what is needed to send it, read in the claiming transaction so the send
 * itself touches no database.
 *
 * @param target e-mail addresses (comma-joined) or the webhook URL as the subscription has them now
 * @param secret the webhook secret, null for e-mail
 */
public record SendTask(UUID id, UUID subscriptionId, String provinceCode, String kind, String eventKey,
                       String channel, String target, String secret, String subject, String text, String html,
                       String json, int attempt) {
}
