package vn.ispeed.stats.cell;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A stored cell's mergeable state, read when a derived period (last 12 months) merges month cells. */
@Entity
@Immutable
@Table(name = "cell")
public class CellStateEntity extends CellRow {
    @Column(name = "dl_sum")
    public double dlSum;
    @Column(name = "ul_sum")
    public double ulSum;
    @Column(name = "lat_sum")
    public double latSum;
    @Column(name = "devices_sketch")
    public byte[] devicesSketch;
    @Column(name = "dl_sketch")
    public byte[] dlSketch;
    @Column(name = "ul_sketch")
    public byte[] ulSketch;
    @Column(name = "lat_sketch")
    public byte[] latSketch;
    @Column(name = "jitter_sketch")
    public byte[] jitterSketch;
    @Column(name = "loss_sketch")
    public byte[] lossSketch;

    public CellState state() {
        return new CellState(tests, dlSum, ulSum, latSum, DistinctDevices.fromBytes(devicesSketch),
                Quantiles.fromBytes(dlSketch), Quantiles.fromBytes(ulSketch), Quantiles.fromBytes(latSketch),
                Quantiles.fromBytes(jitterSketch), Quantiles.fromBytes(lossSketch));
    }
}
