package dev.wharf.dynamodb.engine;

import static dev.wharf.dynamodb.engine.Fixtures.CONTEXT;
import static dev.wharf.dynamodb.engine.Fixtures.attribute;
import static dev.wharf.dynamodb.engine.Fixtures.hash;
import static dev.wharf.dynamodb.engine.Fixtures.item;
import static dev.wharf.dynamodb.engine.Fixtures.nn;
import static dev.wharf.dynamodb.engine.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.DeleteTableRequest;
import dev.wharf.dynamodb.api.DescribeTableRequest;
import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.GlobalSecondaryIndex;
import dev.wharf.dynamodb.api.Projection;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.dynamodb.api.Put;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.PutRequest;
import dev.wharf.dynamodb.api.StatisticSet;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.dynamodb.api.TransactWriteItem;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.WriteRequest;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The figures the engine counts for CloudWatch's AWS/DynamoDB metrics: per table the capacity consumed (the table's,
 * and each global index's apart), failed conditions, per operation the latency and the items Query and Scan returned,
 * the server's errors; per account the user errors; and what a snapshot resets.
 */
class DynamoDbMetricsTest {

    /** A request's latency: the fake nanosecond clock moves at both of its readings. */
    private static final double LATENCY_MILLIS = Fixtures.NANOS_PER_READING / 1e6;

    private final Fixtures fixtures = new Fixtures();

    private static TableMetrics table(DynamoDbMetrics metrics, String name) {
        return metrics.tables().stream()
                .filter(table -> table.tableName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figures of " + name + " in " + metrics));
    }

    private static TableMetrics.Operation operation(TableMetrics table, String name) {
        return table.operations().stream()
                .filter(operation -> operation.operation().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figures of " + name + " in " + table));
    }

    private static TableMetrics.Index index(TableMetrics table, String name) {
        return table.globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figures of " + name + " in " + table));
    }

    @Test
    void putsAFailedConditionAQueryAndAGetAreCountedPerTableAndOperation() {
        fixtures.createTable("orders", true);
        for (String sk : List.of("1", "2", "3")) {
            fixtures.engine.putItem(
                    CONTEXT, Requests.put("orders", item("pk", s(sk.equals("3") ? "b" : "a"), "sk", s(sk))));
        }
        AwsException failed = catchThrowableOfType(
                AwsException.class,
                () -> fixtures.engine.putItem(
                        CONTEXT,
                        Requests.putIf(
                                "orders",
                                item("pk", s("a"), "sk", s("1")),
                                "attribute_not_exists(pk)",
                                null,
                                null,
                                null)));
        fixtures.engine.onFailure(CONTEXT, "PutItem", null, failed);
        assertThat(nn(fixtures.engine
                        .query(
                                CONTEXT,
                                Requests.query("orders", null, "pk = :p", null, Map.of(":p", s("a")), null, null, null))
                        .count()))
                .isEqualTo(2);
        fixtures.engine.getItem(CONTEXT, Requests.get("orders", item("pk", s("z"), "sk", s("0")), true, "NONE"));

        DynamoDbMetrics metrics = fixtures.engine.metricsSnapshot();

        TableMetrics orders = table(metrics, "orders");
        assertThat(orders.accountId()).isEqualTo(CONTEXT.accountId());
        assertThat(orders.consumedWriteCapacityUnits())
                .as("three puts and the failed conditional put, one unit each")
                .isEqualTo(new StatisticSet(4, 4, 1, 1));
        assertThat(orders.consumedReadCapacityUnits())
                .as("the eventually consistent Query's half unit and the consistent GetItem's unit")
                .isEqualTo(new StatisticSet(2, 1.5, 0.5, 1));
        assertThat(orders.conditionalCheckFailedRequests()).isEqualTo(1);
        assertThat(orders.provisionedReadCapacityUnits()).isNull();
        assertThat(orders.provisionedWriteCapacityUnits()).isNull();
        assertThat(orders.globalSecondaryIndexes()).isEmpty();
        assertThat(orders.operations())
                .extracting(TableMetrics.Operation::operation)
                .containsExactly("GetItem", "PutItem", "Query");
        assertThat(operation(orders, "PutItem"))
                .as("the failed put is not a successful request")
                .isEqualTo(new TableMetrics.Operation(
                        "PutItem", new StatisticSet(3, 3 * LATENCY_MILLIS, LATENCY_MILLIS, LATENCY_MILLIS), null, 0));
        assertThat(operation(orders, "Query"))
                .isEqualTo(new TableMetrics.Operation(
                        "Query",
                        new StatisticSet(1, LATENCY_MILLIS, LATENCY_MILLIS, LATENCY_MILLIS),
                        new StatisticSet(1, 2, 2, 2),
                        0));
        assertThat(operation(orders, "GetItem").returnedItemCount()).isNull();
        assertThat(metrics.accounts()).as("a failed condition is no user error").isEmpty();

        assertThat(fixtures.engine.metricsSnapshot().tables())
                .as("a snapshot takes the figures, and a quiet on-demand table has none")
                .isEmpty();
    }

    private static GlobalSecondaryIndex provisionedGsi(String name, String key, long read, long write) {
        return new GlobalSecondaryIndex(
                name,
                List.of(hash(key)),
                new Projection("ALL", null),
                new ProvisionedThroughput(read, write),
                null,
                null);
    }

    @Test
    void aGlobalIndexHasItsOwnFiguresAndAProvisionedTableItsCapacityEveryInterval() {
        fixtures.engine.createTable(
                CONTEXT,
                new CreateTableRequest(
                        List.of(attribute("pk", "S"), attribute("g", "S")),
                        "leases",
                        List.of(hash("pk")),
                        null,
                        List.of(provisionedGsi("byG", "g", 3, 4)),
                        null,
                        new ProvisionedThroughput(5L, 10L),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        fixtures.settle();
        fixtures.engine.putItem(CONTEXT, Requests.put("leases", item("pk", s("a"), "g", s("x"))));
        fixtures.engine.putItem(CONTEXT, Requests.put("leases", item("pk", s("b"))));
        fixtures.engine.query(
                CONTEXT, Requests.query("leases", "byG", "g = :g", null, Map.of(":g", s("x")), null, null, null));

        TableMetrics leases = table(fixtures.engine.metricsSnapshot(), "leases");

        assertThat(leases.consumedWriteCapacityUnits())
                .as("the index's entry is not the table's")
                .isEqualTo(new StatisticSet(2, 2, 1, 1));
        assertThat(leases.consumedReadCapacityUnits())
                .as("the Query read the index alone")
                .isNull();
        assertThat(leases.provisionedReadCapacityUnits()).isEqualTo(5L);
        assertThat(leases.provisionedWriteCapacityUnits()).isEqualTo(10L);
        assertThat(index(leases, "byG"))
                .isEqualTo(new TableMetrics.Index(
                        "byG", new StatisticSet(1, 0.5, 0.5, 0.5), new StatisticSet(1, 1, 1, 1), 3L, 4L));
        assertThat(operation(leases, "Query").returnedItemCount()).isEqualTo(new StatisticSet(1, 1, 1, 1));

        TableMetrics quiet = table(fixtures.engine.metricsSnapshot(), "leases");
        assertThat(quiet)
                .as("a provisioned table reports its capacity with nothing else")
                .isEqualTo(new TableMetrics(
                        CONTEXT.accountId(),
                        "leases",
                        null,
                        null,
                        5L,
                        10L,
                        0,
                        List.of(new TableMetrics.Index("byG", null, null, 3L, 4L)),
                        List.of()));
    }

    @Test
    void aBatchAndATransactionGiveOneSamplePerTableTheyTouched() {
        fixtures.createTable("accounts", false);
        fixtures.createTable("audit", false);
        fixtures.engine.batchWriteItem(
                CONTEXT,
                new BatchWriteItemRequest(
                        Map.of(
                                "accounts",
                                List.of(
                                        new WriteRequest(new PutRequest(item("pk", s("alice"))), null),
                                        new WriteRequest(new PutRequest(item("pk", s("bob"))), null)),
                                "audit",
                                List.of(new WriteRequest(new PutRequest(item("pk", s("a1"))), null))),
                        null,
                        null));
        fixtures.engine.transactWriteItems(
                CONTEXT,
                new TransactWriteItemsRequest(
                        List.of(new TransactWriteItem(
                                null, new Put(item("pk", s("a2")), "audit", null, null, null, null), null, null)),
                        null,
                        null,
                        null));

        DynamoDbMetrics metrics = fixtures.engine.metricsSnapshot();

        assertThat(table(metrics, "accounts").consumedWriteCapacityUnits()).isEqualTo(new StatisticSet(1, 2, 2, 2));
        assertThat(table(metrics, "audit").consumedWriteCapacityUnits())
                .as("the batch's unit, and the transaction's two")
                .isEqualTo(new StatisticSet(2, 3, 1, 2));
        assertThat(operation(table(metrics, "accounts"), "BatchWriteItem").successfulRequestLatency())
                .isEqualTo(new StatisticSet(1, LATENCY_MILLIS, LATENCY_MILLIS, LATENCY_MILLIS));
        assertThat(operation(table(metrics, "audit"), "BatchWriteItem").successfulRequestLatency())
                .as("the same call's latency, on each table")
                .isEqualTo(new StatisticSet(1, LATENCY_MILLIS, LATENCY_MILLIS, LATENCY_MILLIS));
        assertThat(operation(table(metrics, "audit"), "TransactWriteItems").successfulRequestLatency())
                .isNotNull();
        assertThat(table(metrics, "accounts").operations()).hasSize(1);
    }

    @Test
    void clientErrorsAreTheAccountsUserErrorsAndServerErrorsTheTablesSystemErrors() {
        FailingStore store = new FailingStore(fixtures.storage.tables());
        DynamoDbEngine engine = fixtures.open(store);
        engine.createTable(CONTEXT, Fixtures.table("jobs", List.of(attribute("pk", "S")), List.of(hash("pk")), null));
        fixtures.settle();
        AwsException missing = catchThrowableOfType(
                AwsException.class, () -> engine.describeTable(CONTEXT, new DescribeTableRequest("nothing")));
        engine.onFailure(CONTEXT, "DescribeTable", new DescribeTableRequest("nothing"), missing);
        PutItemRequest put = Requests.put("nothing", item("pk", s("a")));
        engine.onFailure(
                CONTEXT, "PutItem", put, catchThrowableOfType(AwsException.class, () -> engine.putItem(CONTEXT, put)));
        engine.onFailure(
                new dev.wharf.dynamodb.api.DynamoDbContext("210987654321", "us-east-1"),
                "ListTables",
                null,
                dev.wharf.dynamodb.api.DynamoDbError.Validation.with("bad"));

        store.failing = true;
        PutItemRequest lost = Requests.put("jobs", item("pk", s("a")));
        RuntimeException disk = catchThrowableOfType(IllegalStateException.class, () -> engine.putItem(CONTEXT, lost));
        engine.onFailure(CONTEXT, "PutItem", lost, disk);
        engine.onFailure(CONTEXT, "DeleteTable", new DeleteTableRequest("jobs"), new IllegalStateException("disk"));
        store.failing = false;

        DynamoDbMetrics metrics = engine.metricsSnapshot();

        assertThat(metrics.accounts())
                .containsExactlyInAnyOrder(
                        new DynamoDbMetrics.Account(CONTEXT.accountId(), 2),
                        new DynamoDbMetrics.Account("210987654321", 1));
        TableMetrics jobs = table(metrics, "jobs");
        assertThat(jobs.operations())
                .as("the control plane's failure is no item operation's")
                .containsExactly(new TableMetrics.Operation("PutItem", null, null, 1));
        assertThat(jobs.consumedWriteCapacityUnits()).isNull();
        assertThat(engine.metricsSnapshot().accounts())
                .as("a snapshot resets the counts")
                .isEmpty();
    }

    @Test
    void aDeletedTablesFiguresGoWithIt() {
        fixtures.createTable("gone", false);
        fixtures.engine.putItem(CONTEXT, Requests.put("gone", item("pk", s("a"))));
        assertThat(fixtures.engine.hasTable(CONTEXT.accountId(), "gone")).isTrue();

        fixtures.engine.deleteTable(CONTEXT, new DeleteTableRequest("gone"));
        fixtures.settle();

        assertThat(fixtures.engine.hasTable(CONTEXT.accountId(), "gone")).isFalse();
        assertThat(fixtures.engine.metricsSnapshot().tables()).isEmpty();
        assertThatThrownBy(() -> fixtures.engine.putItem(CONTEXT, Requests.put("gone", item("pk", s("b")))))
                .isInstanceOf(AwsException.class);
    }

    @Test
    void theTablesAnItemRequestNamesAreEachCountedOnce() {
        assertThat(Metering.tableNames(new TransactWriteItemsRequest(
                        List.of(
                                new TransactWriteItem(
                                        null, new Put(item("pk", s("a")), "t1", null, null, null, null), null, null),
                                new TransactWriteItem(
                                        null, new Put(item("pk", s("b")), "t1", null, null, null, null), null, null),
                                new TransactWriteItem(
                                        null, new Put(item("pk", s("c")), "t2", null, null, null, null), null, null)),
                        null,
                        null,
                        null)))
                .containsExactly("t1", "t2");
        assertThat(Metering.tableNames(new DescribeTableRequest("t"))).isEmpty();
        assertThat(ItemOperation.named("Query")).isEqualTo(ItemOperation.Query);
        assertThat(ItemOperation.named("CreateTable")).isNull();
    }

    /** The memory store, whose writes fail while {@link #failing} is set, as a full disk's would. */
    private static final class FailingStore implements TableStore {
        private final TableStore store;
        volatile boolean failing;

        FailingStore(TableStore store) {
            this.store = store;
        }

        @Override
        public PendingCommit submit(TableBatch batch) {
            if (failing) {
                throw new IllegalStateException("the disk is full");
            }
            return store.submit(batch);
        }

        @Override
        public void scanTables(TableRecordVisitor visitor) {
            store.scanTables(visitor);
        }

        @Override
        public byte @Nullable [] readItem(long tableId, int index, byte[] partition, byte[] sort) {
            return store.readItem(tableId, index, partition, sort);
        }

        @Override
        public void scanPartition(
                long tableId,
                int index,
                byte[] partition,
                byte @Nullable [] sortFrom,
                byte @Nullable [] sortTo,
                boolean descending,
                ItemVisitor visitor) {
            store.scanPartition(tableId, index, partition, sortFrom, sortTo, descending, visitor);
        }

        @Override
        public void scanItems(
                long tableId, int index, int segment, int totalSegments, @Nullable ItemKey after, ItemVisitor visitor) {
            store.scanItems(tableId, index, segment, totalSegments, after, visitor);
        }
    }
}
