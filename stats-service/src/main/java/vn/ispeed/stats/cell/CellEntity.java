package vn.ispeed.stats.cell;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A stored cell as the API reads it: identity and materialised figures. The projection writes the
 * table (with JDBC, see {@code Projector}); the API never writes it, hence immutable.
 */
@Entity
@Immutable
@Table(name = "cell")
public class CellEntity extends CellRow {
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "province_code")
    public String provinceCode;
    public long devices;
    @Column(name = "dl_median")
    public Double dlMedian;
    @Column(name = "dl_mean")
    public Double dlMean;
    @Column(name = "dl_p10")
    public Double dlP10;
    @Column(name = "dl_p90")
    public Double dlP90;
    @Column(name = "ul_median")
    public Double ulMedian;
    @Column(name = "ul_mean")
    public Double ulMean;
    @Column(name = "ul_p10")
    public Double ulP10;
    @Column(name = "ul_p90")
    public Double ulP90;
    @Column(name = "lat_median")
    public Double latMedian;
    @Column(name = "lat_mean")
    public Double latMean;
    @Column(name = "lat_p10")
    public Double latP10;
    @Column(name = "lat_p90")
    public Double latP90;
    @Column(name = "jitter_median")
    public Double jitterMedian;
    @Column(name = "loss_median")
    public Double lossMedian;
    @Column(name = "dl_ci_low")
    public Double dlCiLow;
    @Column(name = "dl_ci_high")
    public Double dlCiHigh;

    public Figures figures() {
        return new Figures(tests, devices, stat(dlMedian, dlMean, dlP10, dlP90), stat(ulMedian, ulMean, ulP10, ulP90),
                stat(latMedian, latMean, latP10, latP90), jitterMedian, lossMedian, dlCiLow, dlCiHigh);
    }

    private static Stat stat(Double median, Double mean, Double p10, Double p90) {
        return median == null ? null : new Stat(median, mean, p10, p90);
    }
}
