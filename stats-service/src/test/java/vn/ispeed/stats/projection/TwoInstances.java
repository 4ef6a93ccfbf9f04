package vn.ispeed.stats.projection;

import vn.ispeed.events.MeasurementLocated;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Two projection instances (as two pods) applying their own batches to the live tables at the same time. */
final class TwoInstances {
    private TwoInstances() {
    }

    /**
     * Applies {@code batches.get(i)} with {@code instances.get(i)}, each on its own thread, both released together,
     * as the consumer would: a batch that still conflicts after its own retries is applied again.
     *
     * @return how many batches were applied again that way
     */
    static int apply(List<Projector> instances, List<List<List<MeasurementLocated>>> batches, String consumer)
            throws Exception {
        AtomicInteger again = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < instances.size(); w++) {
                Projector p = instances.get(w);
                List<List<MeasurementLocated>> mine = batches.get(w);
                done.add(pool.submit(() -> {
                    start.await();
                    for (List<MeasurementLocated> batch : mine) {
                        applyUntilDone(p, batch, consumer, again);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return again.get();
    }

    private static void applyUntilDone(Projector p, List<MeasurementLocated> batch, String consumer, AtomicInteger again)
            throws Exception {
        while (true) {
            try {
                p.apply(Tables.LIVE, consumer, List.copyOf(batch), List.of(), false);
                return;
            } catch (SQLException e) {
                if (!"40001".equals(e.getSQLState())) {
                    throw e;
                }
                again.incrementAndGet();
            }
        }
    }

    /** {@code tests} cut into batches of {@code size}, in order. */
    static List<List<MeasurementLocated>> batches(List<MeasurementLocated> tests, int size) {
        List<List<MeasurementLocated>> out = new ArrayList<>();
        for (int i = 0; i < tests.size(); i += size) {
            out.add(tests.subList(i, Math.min(tests.size(), i + size)));
        }
        return out;
    }
}
