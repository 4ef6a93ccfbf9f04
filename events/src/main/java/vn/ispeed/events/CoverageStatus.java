package vn.ispeed.events;

/** Whether a statistics cell may be published. */
public enum CoverageStatus {
    PUBLISHED, INSUFFICIENT
}
