package dev.wharf.dynamodb.engine.value;

import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * An item: its attributes by name, in the order they were given, immutable. Two items are equal when they hold the
 * same attributes, whatever their order.
 */
public final class Item {

    public static final Item EMPTY = new Item(new LinkedHashMap<>());

    private final SequencedMap<String, Value> attributes;

    private Item(LinkedHashMap<String, Value> attributes) {
        this.attributes = Collections.unmodifiableSequencedMap(attributes);
    }

    /** An item of these attributes, copied. */
    public static Item of(Map<String, Value> attributes) {
        return attributes.isEmpty() ? EMPTY : new Item(new LinkedHashMap<>(attributes));
    }

    /** The attribute of that name, or null when the item has none. */
    public @Nullable Value get(String name) {
        return attributes.get(name);
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** The attributes, unmodifiable, in their order. */
    public SequencedMap<String, Value> attributes() {
        return attributes;
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** This item with the attribute set to the value, in its place if the item had it, last if not. */
    public Item with(String name, Value value) {
        LinkedHashMap<String, Value> changed = new LinkedHashMap<>(attributes);
        changed.put(name, value);
        return new Item(changed);
    }

    /** This item without the attribute; itself when it has none of that name. */
    public Item without(String name) {
        if (!attributes.containsKey(name)) {
            return this;
        }
        LinkedHashMap<String, Value> changed = new LinkedHashMap<>(attributes);
        changed.remove(name);
        return changed.isEmpty() ? EMPTY : new Item(changed);
    }

    /**
     * The item's size as DynamoDB counts it toward the 400 KB limit and capacity units: each attribute's name in
     * UTF-8 plus its value's size.
     */
    public int sizeBytes() {
        long size = 0;
        for (Map.Entry<String, Value> entry : attributes.entrySet()) {
            size += Value.utf8Length(entry.getKey()) + (long) entry.getValue().sizeBytes();
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /** Throws DynamoDB's ValidationException for a PutItem when the item is larger than 400 KB. */
    public void checkSize() {
        if (sizeBytes() > DynamoDbLimits.ITEM_SIZE_BYTES_MAX) {
            throw DynamoDbError.Validation.with("Item size has exceeded the maximum allowed size");
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Item that && attributes.equals(that.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return attributes.toString();
    }
}
