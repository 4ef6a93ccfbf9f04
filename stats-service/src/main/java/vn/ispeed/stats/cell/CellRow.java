package vn.ispeed.stats.cell;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The identity of a stored cell, shared by the two read-only views of table {@code cell}:
 * {@link CellEntity} (materialised figures, for the API) and {@link CellStateEntity} (the
 * mergeable sketches, for derived periods), so the API never loads sketch blobs it does not need.
 */
@MappedSuperclass
public abstract class CellRow extends PanacheEntityBase {
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
}
