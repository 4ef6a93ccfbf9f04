package vn.ispeed.stats.cell;

import vn.ispeed.events.Metrics;

import java.nio.charset.StandardCharsets;

/**
 * The mergeable state of one cell: exact counts and sums, a distinct-device sketch and one
 * quantile sketch per metric. Two states of the same cell merge exactly (counts and sums add,
 * sketches merge), which is what lets a parent be folded from facts directly and "last 12 months"
 * be derived from twelve month cells.
 */
public final class CellState {
    private long tests;
    private double downloadSum;
    private double uploadSum;
    private double latencySum;
    private final DistinctDevices devices;
    private final Quantiles download;
    private final Quantiles upload;
    private final Quantiles latency;
    private final Quantiles jitter;
    private final Quantiles loss;

    public CellState(long tests, double downloadSum, double uploadSum, double latencySum, DistinctDevices devices,
            Quantiles download, Quantiles upload, Quantiles latency, Quantiles jitter, Quantiles loss) {
        this.tests = tests;
        this.downloadSum = downloadSum;
        this.uploadSum = uploadSum;
        this.latencySum = latencySum;
        this.devices = devices;
        this.download = download;
        this.upload = upload;
        this.latency = latency;
        this.jitter = jitter;
        this.loss = loss;
    }

    public static CellState empty() {
        return new CellState(0, 0, 0, 0, DistinctDevices.empty(), Quantiles.empty(), Quantiles.empty(),
                Quantiles.empty(), Quantiles.empty(), Quantiles.empty());
    }

    /** Folds one test into the cell. */
    public void add(String deviceId, Metrics m) {
        add(deviceId.getBytes(StandardCharsets.UTF_8), m);
    }

    /** Folds one test into the cell; the device id in UTF-8, encoded once for all the cells of a test. */
    public void add(byte[] deviceId, Metrics m) {
        tests++;
        downloadSum += m.downloadKbps();
        uploadSum += m.uploadKbps();
        latencySum += m.latencyMs();
        devices.add(deviceId);
        download.add(m.downloadKbps());
        upload.add(m.uploadKbps());
        latency.add(m.latencyMs());
        if (m.jitterMs() != null) {
            jitter.add(m.jitterMs());
        }
        if (m.packetLossPct() != null) {
            loss.add(m.packetLossPct());
        }
    }

    /** An estimate of the heap this state takes (see {@link Quantiles#heapBytes}). */
    public long heapBytes() {
        return 64 + devices.heapBytes() + download.heapBytes() + upload.heapBytes() + latency.heapBytes()
                + jitter.heapBytes() + loss.heapBytes();
    }

    public void merge(CellState other) {
        tests += other.tests;
        downloadSum += other.downloadSum;
        uploadSum += other.uploadSum;
        latencySum += other.latencySum;
        devices.merge(other.devices);
        download.merge(other.download);
        upload.merge(other.upload);
        latency.merge(other.latency);
        jitter.merge(other.jitter);
        loss.merge(other.loss);
    }

    public Figures figures() {
        if (tests == 0) {
            return Figures.none();
        }
        // the download's median, p10, p90 and its median's confidence interval in one pass over its sketch
        long[] ranks = MedianCi.ranks(download.count());
        double[] dl = download.isEmpty() ? null
                : download.quantilesAndOrderStatistics(MEDIAN_P10_P90, ranks == null ? new long[0] : ranks);
        return new Figures(tests, devices.estimate(),
                stat(dl, downloadSum), stat(upload.quantiles(MEDIAN_P10_P90), uploadSum),
                stat(latency.quantiles(MEDIAN_P10_P90), latencySum),
                jitter.quantile(0.5), loss.quantile(0.5), ranks == null ? null : dl[3], ranks == null ? null : dl[4]);
    }

    private static final double[] MEDIAN_P10_P90 = {0.5, 0.1, 0.9};

    private Stat stat(double[] v, double sum) {
        return v == null ? null : new Stat(v[0], sum / tests, v[1], v[2]);
    }

    public long tests() {
        return tests;
    }

    public double downloadSum() {
        return downloadSum;
    }

    public double uploadSum() {
        return uploadSum;
    }

    public double latencySum() {
        return latencySum;
    }

    public DistinctDevices devices() {
        return devices;
    }

    public Quantiles download() {
        return download;
    }

    public Quantiles upload() {
        return upload;
    }

    public Quantiles latency() {
        return latency;
    }

    public Quantiles jitter() {
        return jitter;
    }

    public Quantiles loss() {
        return loss;
    }
}
