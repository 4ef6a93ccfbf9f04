package vn.ispeed.notify.delivery;

/** How one attempt ended; a permanent failure is not retried. */
public record SendOutcome(boolean sent, boolean permanent, String error) {
    public static SendOutcome ok() {
        return new SendOutcome(true, false, null);
    }

    public static SendOutcome retry(String error) {
        return new SendOutcome(false, false, error);
    }

    public static SendOutcome giveUp(String error) {
        return new SendOutcome(false, true, error);
    }
}
