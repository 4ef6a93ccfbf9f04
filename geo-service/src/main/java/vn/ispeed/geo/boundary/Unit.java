package vn.ispeed.geo.boundary;

import vn.ispeed.events.UnitRef;

import java.util.List;

/**
 * One administrative unit of a boundary set.
 *
 * @param index      position in the set's unit list
 * @param levelIndex 0 = top level (province)
 * @param parentCode null at the top level
 * @param path       the units from the top level down to this one (shared, immutable)
 * @param searchKey  the name without diacritics, lower case (see {@link TextKey})
 */
public record Unit(int index, String level, int levelIndex, String code, String name, String type,
                   String parentCode, List<UnitRef> path, String searchKey) {

    public UnitRef ref() {
        return path.get(path.size() - 1);
    }
}
