package vn.ispeed.notify.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A {@code CoverageChanged} as received, unique by {@link #eventKey}, so a redelivered event is
 * ignored. Rows waiting for their coalescing window have {@code alertPending}; once batched they
 * carry the batch's key. The digest reads the latest row per cell from here.
 */
@Entity
@Table(name = "coverage_event")
public class ReceivedCoverage extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "event_key")
    public String eventKey;
    @Column(name = "boundary_set")
    public String boundarySet;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "unit_name")
    public String unitName;
    public String level;
    @Column(name = "province_code")
    public String provinceCode;
    public String network;
    public String period;
    public String previous;
    public String status;
    public long tests;
    public long devices;
    @Column(name = "need_tests")
    public long needTests;
    @Column(name = "need_devices")
    public long needDevices;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "alert_pending")
    public boolean alertPending;
    @Column(name = "batch_key")
    public String batchKey;
}
