package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.ItemBytes;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One page of a Query or Scan, filled as the store visits items: each item read counts (ScannedCount, and the read
 * units), those the filter passes are answered (Count, Items), and the page ends at the request's Limit of items read
 * or once 1 MB has been read, as DynamoDB's pages do, with the last item read's key as LastEvaluatedKey. Not
 * thread-safe: one request fills one.
 */
final class Page {

    /** The data one page reads at most: 1 MB, as DynamoDB counts it. */
    static final long PAGE_BYTES = 1_048_576;

    private final Items items;
    private final ItemQueries.Source source;
    private final Condition filter;
    private final @Nullable Projection projection;
    private final String select;
    private final int limit;
    /** A local index's entry that does not hold every attribute, answered with ALL_ATTRIBUTES: the item is read. */
    private final boolean fetch;

    private final List<Map<String, AttributeValue>> returned = new ArrayList<>();
    private int scanned;
    private int count;
    private long bytes;
    private @Nullable Item last;
    private boolean cut;

    Page(
            Items items,
            ItemQueries.Source source,
            Condition filter,
            @Nullable Projection projection,
            String select,
            int limit) {
        this.items = items;
        this.source = source;
        this.filter = filter;
        this.projection = projection;
        this.select = select;
        this.limit = limit;
        SecondaryIndex index = source.index();
        this.fetch = index != null
                && select.equals(ItemQueries.ALL_ATTRIBUTES)
                && !index.projectionType().equals("ALL");
    }

    /** The store's visitor: takes one item and says whether the page goes on. */
    boolean offer(byte[] partition, byte[] sort, byte[] value) {
        Item item = ItemBytes.decode(value);
        scanned++;
        bytes += item.sizeBytes();
        last = item;
        if (Expressions.passes(filter, item)) {
            count++;
            if (!select.equals(ItemQueries.COUNT)) {
                Item answered = fetch ? full(item) : item;
                returned.add(AttributeValues.itemToApi(Expressions.project(projection, answered)));
            }
        }
        cut = scanned >= limit || bytes >= PAGE_BYTES;
        return !cut;
    }

    private Item full(Item entry) {
        Schema schema = source.schema();
        Item item = items.read(schema, Keys.ofStored(schema.keys(), entry));
        return item == null ? entry : item;
    }

    @Nullable
    List<Map<String, AttributeValue>> returned() {
        return select.equals(ItemQueries.COUNT) ? null : returned;
    }

    int count() {
        return count;
    }

    int scanned() {
        return scanned;
    }

    /** The key of the last item read when the page was cut short, else null: the read is complete. */
    @Nullable
    Map<String, AttributeValue> lastEvaluatedKey() {
        Item item = last;
        return cut && item != null ? keyOf(source, item) : null;
    }

    /** The read units of everything read, counted to the table or to the index read. */
    Capacity.Tally tally(Table table, boolean consistent) {
        Capacity.Tally tally = new Capacity.Tally(table);
        double units = Capacity.readUnits(bytes, consistent);
        SecondaryIndex index = source.index();
        if (index == null) {
            tally.read += units;
        } else {
            tally.index(index, units, 0);
        }
        return tally;
    }

    /** An item's key as LastEvaluatedKey gives it: the table's keys, and an index's too when an index was read. */
    static Map<String, AttributeValue> keyOf(ItemQueries.Source source, Item item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        List<KeyAttribute> attributes = new ArrayList<>(source.schema().keys().attributes());
        SecondaryIndex index = source.index();
        if (index != null) {
            attributes.addAll(index.keys().attributes());
        }
        for (KeyAttribute attribute : attributes) {
            Value value = item.get(attribute.name());
            if (value != null) {
                key.put(attribute.name(), AttributeValues.toApi(value));
            }
        }
        return key;
    }
}
