package dev.wharf.dynamodb.engine;

import dev.wharf.common.Arn;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ListTablesResponse;
import dev.wharf.dynamodb.api.TableDescription;
import dev.wharf.dynamodb.api.Tag;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Finds, creates, settles and saves tables. Every table is in memory (a few hundred bytes each, bounded by the
 * account quota), rebuilt at start by one scan of the table records; items stay in the store.
 *
 * <p>Transitions (CREATING, UPDATING, DELETING, an index's CREATING and DELETING) end when their time has come, the
 * next time anyone looks at the table, as Kinesis's streams do: no thread sweeps them. A table whose deletion is due
 * loses its items then, as one range delete.
 *
 * <p>Thread-safe. {@link #registry} serializes creations and deletions, so that a name and the account's quota are
 * checked and taken together; it is taken before a table's lock, never after.
 */
final class Tables {

    private final TableStore store;
    private final Clock clock;
    private final DynamoDbConfig config;
    /** Tables by account and name ({@code account/name}; names hold no slash), in name order for ListTables. */
    private final NavigableMap<String, Table> tables = new ConcurrentSkipListMap<>();
    /** Guards creations, deletions and {@link #nextId}. */
    private final Object registry = new Object();

    private long nextId = 1;

    Tables(TableStore store, Clock clock, DynamoDbConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        load();
    }

    private void load() {
        Map<Long, Table> byId = new HashMap<>();
        Map<Long, byte[]> stats = new HashMap<>();
        store.scanTables((tableId, name, value) -> {
            if (name.equals(TableRecords.TABLE)) {
                byId.put(tableId, TableRecords.decode(value));
            } else if (name.equals(TableRecords.STATS)) {
                stats.put(tableId, value);
            }
        });
        for (Table table : byId.values()) {
            byte[] counts = stats.get(table.id);
            if (counts != null) {
                TableRecords.decodeStats(table, counts);
            }
            tables.put(key(table.accountId, table.name), table);
            nextId = Math.max(nextId, table.id + 1);
        }
    }

    private static String key(String accountId, String name) {
        return accountId + "/" + name;
    }

    long now() {
        return clock.millis();
    }

    DynamoDbConfig config() {
        return config;
    }

    TableStore store() {
        return store;
    }

    /** The table of that name, its transitions brought up to date, or null when there is none. */
    @Nullable
    Table find(String accountId, String name) {
        Table table = tables.get(key(accountId, name));
        if (table == null) {
            return null;
        }
        table.lock.lock();
        try {
            List<SecondaryIndex> before = table.indexes;
            switch (table.settle(now())) {
                case UNCHANGED -> {
                    return table;
                }
                case CHANGED -> {
                    // A deleted index's entries went at its deletion; a write that raced it may have added one since.
                    TableBatch batch = new TableBatch();
                    for (SecondaryIndex index : before) {
                        if (table.indexes.stream().noneMatch(kept -> kept.number() == index.number())) {
                            batch.deleteIndex(table.id, index.number());
                        }
                    }
                    store.commit(batch.putTableRecord(table.id, TableRecords.TABLE, TableRecords.encode(table)));
                    return table;
                }
                case GONE -> store.commit(new TableBatch().deleteTable(table.id));
            }
        } finally {
            table.lock.unlock();
        }
        tables.remove(key(accountId, name), table);
        return null;
    }

    /**
     * The table of that name, whatever its state, as DescribeTable and the control plane find it.
     *
     * @throws dev.wharf.common.AwsException ResourceNotFoundException when there is none
     */
    Table described(DynamoDbContext context, @Nullable String name) {
        TableRequests.checkTableName(name);
        Table table = find(context.accountId(), String.valueOf(name));
        if (table == null) {
            throw DynamoDbError.ResourceNotFound.with("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    /**
     * The table of that name, for an item operation: ACTIVE or UPDATING, as AWS serves items only then.
     *
     * @throws dev.wharf.common.AwsException ResourceNotFoundException otherwise
     */
    Table serving(DynamoDbContext context, @Nullable String name) {
        TableRequests.checkTableName(name);
        Table table = find(context.accountId(), String.valueOf(name));
        if (table == null || !table.servesItems()) {
            throw DynamoDbError.ResourceNotFound.with("Requested resource not found");
        }
        return table;
    }

    /** Lock must be held: writes the table's record and waits for it. */
    void save(Table table) {
        store.commit(new TableBatch().putTableRecord(table.id, TableRecords.TABLE, TableRecords.encode(table)));
    }

    /** Creates a table, CREATING for the configured transition. */
    TableDescription create(DynamoDbContext context, CreateTableRequest request) {
        TableRequests.checkCreate(request);
        Map<String, Type> types =
                TableRequests.attributeTypes(java.util.Objects.requireNonNull(request.attributeDefinitions()));
        KeySchema keys = TableRequests.keySchema(request.keySchema(), types);
        long now = now();
        long settles = now + config.transition().toMillis();
        List<SecondaryIndex> indexes = TableRequests.indexes(request, keys, types, settles);
        TableRequests.checkDefinitionsUsed(types, keys, indexes);
        String name = String.valueOf(request.tableName());
        synchronized (registry) {
            if (find(context.accountId(), name) != null) {
                throw DynamoDbError.ResourceInUse.with("Table already exists: " + name);
            }
            if (count(context.accountId()) >= config.tablesPerAccount()) {
                throw DynamoDbError.LimitExceeded.with("Subscriber limit exceeded: Only " + config.tablesPerAccount()
                        + " tables can be created per account");
            }
            String arn = Arn.of("dynamodb", context.region(), context.accountId(), "table/" + name)
                    .toString();
            Table table = new Table(
                    nextId++, context.accountId(), name, arn, UUID.randomUUID().toString(), now, keys, indexes);
            table.lock.lock();
            try {
                table.settlesAtMillis = settles;
                table.attributeDefinitions = List.copyOf(request.attributeDefinitions());
                table.nextIndex = indexes.size() + 1;
                TableSettings.applyBilling(table, request.billingMode(), request.provisionedThroughput(), now);
                table.deletionProtection = Boolean.TRUE.equals(request.deletionProtectionEnabled());
                table.streamSpecification = request.streamSpecification();
                table.tableClass = request.tableClass();
                TableSettings.addTags(table, request.tags());
                // A new id may be one a deleted table had: its range delete came first in the store's order.
                store.commit(new TableBatch()
                        .deleteTable(table.id)
                        .putTableRecord(table.id, TableRecords.TABLE, TableRecords.encode(table)));
                tables.put(key(context.accountId(), name), table);
                return TableDescriptions.describe(table);
            } finally {
                table.lock.unlock();
            }
        }
    }

    private int count(String accountId) {
        int[] count = {0};
        forEach(accountId, null, table -> count[0]++);
        return count[0];
    }

    /** Starts a table's deletion: DELETING for the transition, then gone with its items. */
    TableDescription delete(DynamoDbContext context, @Nullable String name) {
        synchronized (registry) {
            Table table = described(context, name);
            table.lock.lock();
            try {
                if (table.status.equals(Table.CREATING)) {
                    throw DynamoDbError.ResourceInUse.with(
                            "Attempt to change a resource which is still in use: Table is being created: " + name);
                }
                if (table.status.equals(Table.DELETING)) {
                    throw DynamoDbError.ResourceInUse.with(
                            "Attempt to change a resource which is still in use: Table is being deleted: " + name);
                }
                if (table.deletionProtection) {
                    throw DynamoDbError.Validation.with("Resource cannot be deleted as it is currently protected"
                            + " against deletion. Disable deletion protection first.");
                }
                table.status = Table.DELETING;
                table.settlesAtMillis = now() + config.transition().toMillis();
                save(table);
                return TableDescriptions.describe(table);
            } finally {
                table.lock.unlock();
            }
        }
    }

    /** ListTables: the account's table names in order, after {@code exclusiveStart}, at most {@code limit}. */
    ListTablesResponse list(DynamoDbContext context, @Nullable String exclusiveStart, int limit) {
        List<String> names = new ArrayList<>();
        boolean[] more = {false};
        forEach(context.accountId(), exclusiveStart, table -> {
            if (names.size() == limit) {
                more[0] = true;
            } else {
                names.add(table.name);
            }
        });
        return new ListTablesResponse(names, more[0] ? names.get(names.size() - 1) : null);
    }

    /** Visits an account's tables in name order, after {@code after} when it is given. */
    private void forEach(String accountId, @Nullable String after, Consumer<Table> visitor) {
        String prefix = accountId + "/";
        String from = after == null ? prefix : prefix + after;
        for (Map.Entry<String, Table> entry :
                tables.tailMap(from, after == null).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            Table table = find(accountId, entry.getValue().name);
            if (table != null) {
                visitor.accept(table);
            }
        }
    }

    /** Visits every table of every account, as background work does. */
    void forEachTable(Consumer<Table> visitor) {
        for (Table table : List.copyOf(tables.values())) {
            Table live = find(table.accountId, table.name);
            if (live != null) {
                visitor.accept(live);
            }
        }
    }

    /**
     * The table an ARN names, as the tagging operations take it.
     *
     * @throws dev.wharf.common.AwsException ValidationException for an ARN that names no table, ResourceNotFound
     *     for a table that does not exist
     */
    Table byArn(DynamoDbContext context, @Nullable String resourceArn, String missing) {
        String name = TableSettings.tableName(resourceArn, context);
        Table table = name == null ? null : find(context.accountId(), name);
        if (table == null) {
            throw DynamoDbError.ResourceNotFound.with(missing);
        }
        return table;
    }

    /** Lock must be held: the tags as ListTagsOfResource answers them. */
    static List<Tag> tags(Table table) {
        List<Tag> tags = new ArrayList<>();
        table.tags.forEach((key, value) -> tags.add(new Tag(key, value)));
        return tags;
    }
}
