package vn.ispeed.notify.message;

/** A rendered message: the mail parts and the webhook JSON body. */
public record Message(String subject, String text, String html, String json) {
}
