package vn.ispeed.stats.catalogue;

/**
 * An administrative unit of a boundary set.
 *
 * @param name         the name the API shows: as the set's code list gives it ("Hoàn Kiếm" in vn-2025, "Quận Hoàn
 *                     Kiếm" in vn-2024)
 * @param level        nation, province, district or commune
 * @param parentCode   the unit one level up (null for the nation)
 * @param provinceCode the province the unit belongs to (itself for a province; null for the nation)
 * @param type         the kind of unit as the code list names it ("Phường", "Xã", "Quận", "Tỉnh", ...; null for the nation)
 * @param shortName    the name without its type, in both sets ("Hoàn Kiếm")
 * @param fullName     the type and the name, in both sets ("Phường Hoàn Kiếm", "Quận Hoàn Kiếm")
 */
public record Unit(String boundarySet, String code, String name, String level, String parentCode, String provinceCode,
                   String type, String shortName, String fullName) {
    public static final String NATION = "nation";
    public static final String PROVINCE = "province";
    public static final String DISTRICT = "district";
    public static final String COMMUNE = "commune";
    public static final String NATION_CODE = "VN";
}
