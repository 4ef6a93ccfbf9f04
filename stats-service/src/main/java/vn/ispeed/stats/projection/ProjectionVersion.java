package vn.ispeed.stats.projection;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Bumped after every committed batch and swap, so read caches know when their answer is stale. */
@ApplicationScoped
public class ProjectionVersion {
    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    public void bump() {
        version.incrementAndGet();
    }
}
