package vn.ispeed.stats.publication;

import vn.ispeed.events.CoverageStatus;

/**
 * Whether a cell may be published and, when not, what it still needs.
 *
 * @param needTests    further tests needed (for the precision rule: an estimate, the CI narrows as 1/√n)
 * @param needDevices  further distinct devices needed
 * @param precisionMet whether the optional precision rule holds (true when the rule is off)
 */
public record Publication(CoverageStatus status, long needTests, long needDevices, boolean precisionMet) {
    public boolean published() {
        return status == CoverageStatus.PUBLISHED;
    }
}
