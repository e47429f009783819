package dev.wharf.protocol.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One shape of a service model.
 *
 * @param id the absolute shape id, such as {@code com.amazonaws.sqs#CreateQueueRequest}
 * @param type the shape's type
 * @param members a structure's members in model order, empty otherwise
 * @param member a list's member, or null
 * @param key a map's key, or null
 * @param value a map's value, or null
 */
public record Shape(
        String id,
        ShapeType type,
        Map<String, Member> members,
        @Nullable Member member,
        @Nullable Member key,
        @Nullable Member value) {

    /** The shape's name without its namespace. */
    public String name() {
        return id.substring(id.indexOf('#') + 1);
    }

    public boolean isScalar() {
        return type.isScalar();
    }
}
