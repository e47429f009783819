package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/**
 * A member of a structure, or the key, value or member of a collection.
 *
 * @param name the member name, as JSON protocols write it
 * @param target the id of the shape the member holds
 * @param xmlName the name the Query protocol uses instead, or null
 * @param flattened whether a list or map member is written without a wrapper in the Query protocol
 * @param required whether the member is marked required
 */
public record Member(String name, String target, @Nullable String xmlName, boolean flattened, boolean required) {

    /** The name under which the Query protocol reads and writes this member. */
    public String queryName() {
        return xmlName == null ? name : xmlName;
    }
}
