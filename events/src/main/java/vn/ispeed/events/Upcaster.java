package vn.ispeed.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the JSON of an old event version into the next one. Pure: the input is a copy, the
 * output is the new payload (without the {@code type} field, which the codec sets to {@link #toType()}).
 * Upcasters chain: v1 → v2 → v3 until a registered type is reached.
 */
public interface Upcaster {
    String fromType();

    String toType();

    ObjectNode upcast(ObjectNode payload);
}
