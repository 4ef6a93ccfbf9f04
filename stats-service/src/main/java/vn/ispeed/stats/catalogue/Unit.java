package vn.ispeed.stats.catalogue;

/**
 * An administrative unit of a boundary set.
 *
 * @param level        nation, province, district or commune
 * @param parentCode   the unit one level up (null for the nation)
 * @param provinceCode the province the unit belongs to (itself for a province; null for the nation)
 */
public record Unit(String boundarySet, String code, String name, String level, String parentCode, String provinceCode) {
    public static final String NATION = "nation";
    public static final String PROVINCE = "province";
    public static final String DISTRICT = "district";
    public static final String COMMUNE = "commune";
    public static final String NATION_CODE = "VN";
}
