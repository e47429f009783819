package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.KeySchemaElement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The keys of a table or an index: its partition (HASH) key and, if it has one, its sort (RANGE) key. */
record KeySchema(KeyAttribute hash, @Nullable KeyAttribute range) {

    /** Whether an attribute of this name is one of the keys. */
    boolean isKey(String name) {
        return hash.name().equals(name) || (range != null && range.name().equals(name));
    }

    /** The key attributes, partition key first. */
    List<KeyAttribute> attributes() {
        return range == null ? List.of(hash) : List.of(hash, range);
    }

    /** The KeySchema as DescribeTable answers it. */
    List<KeySchemaElement> toApi() {
        List<KeySchemaElement> elements = new ArrayList<>();
        elements.add(new KeySchemaElement(hash.name(), "HASH"));
        if (range != null) {
            elements.add(new KeySchemaElement(range.name(), "RANGE"));
        }
        return elements;
    }
}
