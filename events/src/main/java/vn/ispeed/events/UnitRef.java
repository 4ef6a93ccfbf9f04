package vn.ispeed.events;

/**
 * One administrative unit on a located test's path.
 *
 * @param level {@code province}, {@code district} or {@code commune}
 * @param type  the unit's type as the code list writes it (Tỉnh, Thành phố, Phường, Xã, Đặc khu, ...)
 */
public record UnitRef(String level, String code, String name, String type) {
    public UnitRef {
        Require.text(level, "path.level");
        Require.text(code, "path.code");
        Require.field(name, "path.name");
    }
}
