package vn.ispeed.events;

/**
 * Why a located test's path stops above the finest level of its set although the set has a way to go finer (vn-2024
 * communes, through the vn-2025 ward the point lies in and the old → new mapping). Never guessed.
 */
public enum UnresolvedReason {
    /**
     * The ward holds the whole or a part of several 2024 communes of the located district (or of one that took in
     * others between May 2024 and July 2025): the candidates are listed in the event.
     */
    AMBIGUOUS_2024_COMMUNE,
    /** None of the ward's 2024 communes lies in the located district: the two boundary layers disagree here (a border). */
    WARD_OUTSIDE_2024_DISTRICT,
    /** The point lies in no ward of the set the mapping starts from (a gap or the shore the district layer covers). */
    NO_WARD,
    /** The ward has no entry in the mapping. */
    NO_MAPPING
}
