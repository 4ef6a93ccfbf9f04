package vn.ispeed.stats.cell;

import vn.ispeed.events.NetworkType;

/**
 * Identity of a stored cell and where it sits in the unit tree.
 *
 * @param operator an operator id, or {@link #ALL_OPERATORS}
 */
public record CellKey(String boundarySet, String unitCode, String unitName, String level, String parentCode,
                      String provinceCode, NetworkType network, String operator, String period, String periodKind) {
    public static final String ALL_OPERATORS = "ALL";

    public String key() {
        return key(boundarySet, unitCode, network, operator, period);
    }

    public static String key(String set, String unit, NetworkType network, String operator, String period) {
        return set + '|' + unit + '|' + network + '|' + operator + '|' + period;
    }
}
