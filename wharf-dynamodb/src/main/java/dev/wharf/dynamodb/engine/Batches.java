package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.BatchGetItemRequest;
import dev.wharf.dynamodb.api.BatchGetItemResponse;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.BatchWriteItemResponse;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.KeysAndAttributes;
import dev.wharf.dynamodb.api.WriteRequest;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.storage.TableBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * BatchGetItem and BatchWriteItem. A BatchWriteItem's puts and deletes, across its tables, are one store batch,
 * committed under all their items' locks (taken in stripe order), so that they are durable together; Wharf never
 * throttles, so UnprocessedItems is always empty. A BatchGetItem answers up to 16 MB and leaves the keys past that
 * in UnprocessedKeys, as DynamoDB does.
 */
final class Batches {

    static final int GET_KEYS_MAX = 100;
    static final int WRITES_MAX = 25;
    static final long GET_BYTES_MAX = 16L * 1024 * 1024;
    static final String DUPLICATES = "Provided list of item keys contains duplicates";

    private final Tables tables;
    private final Items items;
    private final Metering metering;

    Batches(Tables tables, Items items, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.metering = metering;
    }

    /** One table's keys of a BatchGetItem, resolved and checked. */
    private record TableKeys(
            Table table, List<PrimaryKey> keys, @Nullable Projection projection, boolean consistent) {}

    BatchGetItemResponse get(DynamoDbContext context, BatchGetItemRequest request) {
        long started = metering.started();
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        Map<String, KeysAndAttributes> requested = request.requestItems();
        MemberConstraints.check().notNull("requestItems", requested).validate(DynamoDbError.Validation);
        int total = 0;
        List<TableKeys> reads = new ArrayList<>();
        for (Map.Entry<String, KeysAndAttributes> entry :
                java.util.Objects.requireNonNull(requested).entrySet()) {
            KeysAndAttributes wanted = entry.getValue();
            List<Map<String, AttributeValue>> keys = wanted.keys();
            MemberConstraints.check()
                    .notNull("requestItems." + entry.getKey() + ".member.keys", keys)
                    .validate(DynamoDbError.Validation);
            total += java.util.Objects.requireNonNull(keys).size();
            if (total > GET_KEYS_MAX) {
                throw DynamoDbError.Validation.with("Too many items requested for the BatchGetItem call");
            }
            Projection projection = Expressions.readProjection(
                    wanted.projectionExpression(), wanted.attributesToGet(), wanted.expressionAttributeNames());
            Table table = tables.serving(context, entry.getKey());
            List<PrimaryKey> resolved = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : keys) {
                PrimaryKey primary = Keys.fromKey(table.schema.keys(), key);
                if (!seen.add(placeOf(primary))) {
                    throw DynamoDbError.Validation.with(DUPLICATES);
                }
                resolved.add(primary);
            }
            reads.add(new TableKeys(table, resolved, projection, Boolean.TRUE.equals(wanted.consistentRead())));
        }
        return read(reads, requested, capacity, started);
    }

    private BatchGetItemResponse read(
            List<TableKeys> reads, Map<String, KeysAndAttributes> requested, String capacity, long started) {
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        List<Capacity.Tally> tallies = new ArrayList<>();
        long bytes = 0;
        for (TableKeys read : reads) {
            Table table = read.table();
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            responses.put(table.name, found);
            Capacity.Tally tally = new Capacity.Tally(table);
            tallies.add(tally);
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            for (PrimaryKey key : read.keys()) {
                if (bytes >= GET_BYTES_MAX) {
                    left.add(AttributeValues.itemToApi(key.attributes()));
                    continue;
                }
                Item item = items.read(table.schema, key);
                tally.read += Capacity.readUnits(Items.size(item), read.consistent());
                if (item != null) {
                    bytes += item.sizeBytes();
                    found.add(AttributeValues.itemToApi(Expressions.project(read.projection(), item)));
                }
            }
            if (!left.isEmpty()) {
                KeysAndAttributes asked = java.util.Objects.requireNonNull(requested.get(table.name));
                unprocessed.put(
                        table.name,
                        new KeysAndAttributes(
                                left,
                                asked.attributesToGet(),
                                asked.consistentRead(),
                                asked.projectionExpression(),
                                asked.expressionAttributeNames()));
            }
        }
        BatchGetItemResponse response =
                new BatchGetItemResponse(responses, unprocessed, Capacity.consumed(capacity, tallies));
        metering.succeeded(ItemOperation.BatchGetItem, tallies, started);
        return response;
    }

    BatchWriteItemResponse write(DynamoDbContext context, BatchWriteItemRequest request) {
        long started = metering.started();
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        Map<String, List<WriteRequest>> requested = request.requestItems();
        MemberConstraints.check().notNull("requestItems", requested).validate(DynamoDbError.Validation);
        List<Write> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, List<WriteRequest>> entry :
                java.util.Objects.requireNonNull(requested).entrySet()) {
            Table table = tables.serving(context, entry.getKey());
            for (WriteRequest write : entry.getValue()) {
                Write resolved = resolve(table, write);
                if (!seen.add(table.id + "/" + placeOf(resolved.key()))) {
                    throw DynamoDbError.Validation.with(DUPLICATES);
                }
                writes.add(resolved);
            }
            if (writes.size() > WRITES_MAX) {
                throw DynamoDbError.Validation.with("Too many items requested for the BatchWriteItem call");
            }
        }
        if (writes.isEmpty()) {
            throw DynamoDbError.Validation.with("1 validation error detected: Value null at 'requestItems' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        List<Capacity.Tally> tallies = commit(writes);
        BatchWriteItemResponse response =
                new BatchWriteItemResponse(Map.of(), null, Capacity.consumed(capacity, tallies));
        metering.succeeded(ItemOperation.BatchWriteItem, tallies, started);
        return response;
    }

    /** One put or delete of a BatchWriteItem: the item to put, or null for a delete. */
    private record Write(
            Table table, PrimaryKey key, @Nullable Item item) {}

    private static Write resolve(Table table, WriteRequest write) {
        boolean put = write.putRequest() != null;
        boolean delete = write.deleteRequest() != null;
        if (put == delete) {
            throw DynamoDbError.Validation.with(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the"
                            + " supported datatypes");
        }
        if (put) {
            Map<String, AttributeValue> sent =
                    java.util.Objects.requireNonNull(write.putRequest()).item();
            MemberConstraints.check().notNull("item", sent).validate(DynamoDbError.Validation);
            Item item = AttributeValues.itemFromApi(java.util.Objects.requireNonNull(sent));
            item.checkSize();
            PrimaryKey key = Keys.ofItem(table.schema.keys(), item);
            Keys.checkIndexKeys(table.schema, item);
            return new Write(table, key, item);
        }
        return new Write(
                table,
                Keys.fromKey(
                        table.schema.keys(),
                        java.util.Objects.requireNonNull(write.deleteRequest()).key()),
                null);
    }

    /** Commits every write in one batch under all their locks; answers each table's units, in first-use order. */
    private List<Capacity.Tally> commit(List<Write> writes) {
        List<Integer> stripes = new ArrayList<>();
        writes.forEach(write -> stripes.add(ItemLocks.stripe(write.table().id, write.key())));
        Map<String, Capacity.Tally> tallies = new LinkedHashMap<>();
        try (ItemLocks.Held held = items.locks().lockAll(stripes)) {
            TableBatch batch = new TableBatch();
            List<Items.Change> changes = new ArrayList<>();
            for (Write write : writes) {
                Schema schema = write.table().schema;
                Item item = write.item();
                if (item != null) {
                    Keys.checkIndexKeys(schema, item);
                }
                Items.Change change =
                        new Items.Change(write.table(), schema, write.key(), items.read(schema, write.key()), item);
                items.stage(
                        batch,
                        change,
                        tallies.computeIfAbsent(write.table().name, name -> new Capacity.Tally(write.table())));
                changes.add(change);
            }
            items.store().commit(batch);
            changes.forEach(items::applied);
        }
        return new ArrayList<>(tallies.values());
    }

    /** An item's place as text, for duplicate checks within one table. */
    static String placeOf(PrimaryKey key) {
        return java.util.HexFormat.of().formatHex(key.partition()) + "/"
                + java.util.HexFormat.of().formatHex(key.sort());
    }
}
