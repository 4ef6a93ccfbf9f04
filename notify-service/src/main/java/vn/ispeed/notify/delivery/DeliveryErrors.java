package vn.ispeed.notify.delivery;

/** A short, class-name-free description of a send failure for the delivery log. */
final class DeliveryErrors {
    private DeliveryErrors() {
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e instanceof java.util.concurrent.TimeoutException ? "timed out" : "failed";
        }
        message = message.replaceAll("[\\r\\n]+", " ");
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
