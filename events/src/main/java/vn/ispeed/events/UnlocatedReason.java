package vn.ispeed.events;

/** Why a test could not be placed in a unit of a boundary set; never guessed. */
public enum UnlocatedReason {
    /** The test carried no location. */
    NO_LOCATION,
    /** The reported accuracy is worse than the configured limit. */
    LOW_ACCURACY,
    /** Abroad or at sea: the data has no land mask to tell them apart. */
    OUTSIDE_BOUNDARIES,
    /** The unit exists but the set has no polygon for it (Quảng Ninh in vn-2024). */
    NO_BOUNDARY_DATA
}
