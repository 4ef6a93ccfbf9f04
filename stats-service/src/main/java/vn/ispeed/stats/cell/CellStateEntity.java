package vn.ispeed.stats.cell;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A stored cell's mergeable state, read when a derived period (last 12 months) merges month cells. */
@Entity
@Immutable
@Table(name = "cell")
public class CellStateEntity extends PanacheEntityBase {
    @Id
    @Column(name = "cell_key")
    public String cellKey;
    @Column(name = "boundary_set")
    public String boundarySet;
    @Column(name = "unit_code")
    public String unitCode;
    public String level;
    @Column(name = "parent_code")
    public String parentCode;
    public String network;
    public String operator;
    public String period;
    public long tests;
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
