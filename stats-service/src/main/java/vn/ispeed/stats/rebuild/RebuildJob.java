package vn.ispeed.stats.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Progress of one rebuild, as the ops endpoint shows it. */
public final class RebuildJob {
    public enum State { RUNNING, SWAPPING, DONE, FAILED }

    private final UUID id = UUID.randomUUID();
    private final String relocatedSet;
    private final Instant locatedSince;
    private volatile long superseded;
    private final Instant startedAt = Instant.now();
    private volatile State state = State.RUNNING;
    private volatile long offsetsTotal;
    private volatile long offsetsDone;
    private volatile long events;
    private volatile Instant finishedAt;
    private volatile String error;

    /**
     * @param relocatedSet  the set re-located before this rebuild, if any, and from when its events count
     * @param superseded    events left out because a relocation superseded them
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record View(UUID id, State state, long offsetsDone, long offsetsTotal, double percent, long events,
                       double eventsPerSecond, Instant startedAt, Instant finishedAt, String error, String relocatedSet,
                       Instant locatedSince, long superseded) {
    }

    RebuildJob(String relocatedSet, Instant locatedSince) {
        this.relocatedSet = relocatedSet;
        this.locatedSince = locatedSince;
    }

    public View view() {
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double pct = offsetsTotal == 0 ? (state == State.DONE ? 100 : 0) : Math.min(100, 100.0 * offsetsDone / offsetsTotal);
        return new View(id, state, offsetsDone, offsetsTotal, Math.round(pct * 10) / 10.0, events,
                Math.round(events / seconds), startedAt, finishedAt, error, relocatedSet, locatedSince, superseded);
    }

    public UUID id() {
        return id;
    }

    public State state() {
        return state;
    }

    void state(State s) {
        state = s;
    }

    void total(long total) {
        offsetsTotal = total;
    }

    void progress(long done, long moreEvents) {
        offsetsDone = done;
        events += moreEvents;
    }

    void superseded(long more) {
        superseded += more;
    }

    void done() {
        finishedAt = Instant.now();
        offsetsDone = Math.max(offsetsDone, offsetsTotal);
        state = State.DONE;
    }

    void failed(String message) {
        finishedAt = Instant.now();
        error = message;
        state = State.FAILED;
    }
}
