package dev.wharf.dynamodb.engine;

import static dev.wharf.dynamodb.engine.Fixtures.CONTEXT;
import static dev.wharf.dynamodb.engine.Fixtures.assertError;
import static dev.wharf.dynamodb.engine.Fixtures.item;
import static dev.wharf.dynamodb.engine.Fixtures.n;
import static dev.wharf.dynamodb.engine.Fixtures.nn;
import static dev.wharf.dynamodb.engine.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.AttributeValueUpdate;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.api.ExpectedAttributeValue;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import dev.wharf.storage.rocksdb.RocksDbStorageEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditional writes, UpdateItem and its ReturnValues, the legacy Expected and AttributeUpdates, and linearizability. */
class DynamoDbWritesTest {

    private final Fixtures fixtures = new Fixtures();

    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    private @Nullable Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return fixtures.engine.getItem(CONTEXT, Requests.get(table, key)).item();
    }

    @Test
    void aConditionalPutFailsWithDynamoDbsErrorAndTheOldItemWhenAsked() {
        fixtures.createTable("leases", false);
        Map<String, AttributeValue> lease = item("pk", s("shard-1"), "owner", s("a"), "counter", n("1"));
        fixtures.engine.putItem(CONTEXT, Requests.putIf("leases", lease, "attribute_not_exists(pk)", null, null, null));

        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.putIf("leases", lease, "attribute_not_exists(pk)", null, null, null)),
                DynamoDbError.ConditionalCheckFailed,
                "The conditional request failed");
        AwsException failed = catchThrowableOfType(
                AwsException.class,
                () -> fixtures.engine.putItem(
                        CONTEXT,
                        Requests.putIf(
                                "leases",
                                item("pk", s("shard-1"), "owner", s("b")),
                                "#o = :expected",
                                Map.of("#o", "owner"),
                                Map.of(":expected", s("b")),
                                "ALL_OLD")));
        assertThat(failed.detail()).isEqualTo(new ErrorDetails.ConditionalCheckFailed(lease));
        fixtures.engine.putItem(
                CONTEXT,
                Requests.putIf(
                        "leases",
                        item("pk", s("shard-1"), "owner", s("b")),
                        "#o = :expected",
                        Map.of("#o", "owner"),
                        Map.of(":expected", s("a")),
                        null));
        assertThat(get("leases", item("pk", s("shard-1")))).isEqualTo(item("pk", s("shard-1"), "owner", s("b")));
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT,
                        Requests.putIf("leases", lease, "attribute_exists(pk)", null, Map.of(":unused", s("x")), null)),
                DynamoDbError.Validation,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void updateItemSetsAddsAndRemovesAndAnswersEachReturnValues() {
        fixtures.createTable("counters", false);
        Map<String, AttributeValue> key = item("pk", s("c"));

        UpdateItemRequest first = Requests.update(
                "counters",
                key,
                "SET holder = :o ADD hits :one",
                null,
                null,
                Map.of(":o", s("a"), ":one", n("1")),
                "ALL_NEW");
        assertThat(fixtures.engine.updateItem(CONTEXT, first).attributes())
                .isEqualTo(item("pk", s("c"), "holder", s("a"), "hits", n("1")));
        assertThat(fixtures.engine
                        .updateItem(
                                CONTEXT,
                                Requests.update(
                                        "counters",
                                        key,
                                        "ADD hits :one",
                                        null,
                                        null,
                                        Map.of(":one", n("1")),
                                        "UPDATED_OLD"))
                        .attributes())
                .isEqualTo(item("hits", n("1")));
        assertThat(fixtures.engine
                        .updateItem(
                                CONTEXT,
                                Requests.update(
                                        "counters",
                                        key,
                                        "ADD hits :one",
                                        null,
                                        null,
                                        Map.of(":one", n("1")),
                                        "UPDATED_NEW"))
                        .attributes())
                .isEqualTo(item("hits", n("3")));
        assertThat(fixtures.engine
                        .updateItem(
                                CONTEXT, Requests.update("counters", key, "REMOVE holder", null, null, null, "ALL_OLD"))
                        .attributes())
                .isEqualTo(item("pk", s("c"), "holder", s("a"), "hits", n("3")));
        assertThat(get("counters", key)).isEqualTo(item("pk", s("c"), "hits", n("3")));
        assertThat(fixtures.engine
                        .updateItem(
                                CONTEXT,
                                Requests.update(
                                        "counters", item("pk", s("new")), "REMOVE x", null, null, null, "UPDATED_OLD"))
                        .attributes())
                .isNull();
        assertThat(get("counters", item("pk", s("new")))).isEqualTo(item("pk", s("new")));
    }

    @Test
    void updateItemRefusesToChangeAKeyAndChecksItsCondition() {
        fixtures.createTable("guarded", true);
        Map<String, AttributeValue> key = item("pk", s("a"), "sk", s("1"));
        assertError(
                () -> fixtures.engine.updateItem(
                        CONTEXT,
                        Requests.update("guarded", key, "SET sk = :v", null, null, Map.of(":v", s("2")), null)),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the"
                        + " key");
        assertError(
                () -> fixtures.engine.updateItem(
                        CONTEXT,
                        Requests.update(
                                "guarded",
                                key,
                                "SET v = :v",
                                "attribute_exists(pk)",
                                null,
                                Map.of(":v", s("x")),
                                null)),
                DynamoDbError.ConditionalCheckFailed,
                "The conditional request failed");
        assertThat(get("guarded", key)).isNull();
        assertError(
                () -> fixtures.engine.updateItem(
                        CONTEXT,
                        Requests.update(
                                "guarded", key, "SET v = absentee + :one", null, null, Map.of(":one", n("1")), null)),
                DynamoDbError.Validation,
                "The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void theLegacyExpectedAndAttributeUpdatesWorkAsTheExpressionsDo() {
        fixtures.createTable("legacy", false);
        Map<String, AttributeValue> key = item("pk", s("a"));
        UpdateItemRequest put = new UpdateItemRequest(
                "legacy",
                key,
                Map.of(
                        "owner",
                        new AttributeValueUpdate(s("w1"), "PUT"),
                        "count",
                        new AttributeValueUpdate(n("5"), "ADD")),
                Map.of("owner", new ExpectedAttributeValue(null, false, null, null)),
                null,
                "ALL_NEW",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(nn(fixtures.engine.updateItem(CONTEXT, put).attributes()))
                .containsEntry("owner", s("w1"))
                .containsEntry("count", n("5"));
        assertError(
                () -> fixtures.engine.updateItem(CONTEXT, put),
                DynamoDbError.ConditionalCheckFailed,
                "The conditional request failed");
        DeleteItemRequest delete = new DeleteItemRequest(
                "legacy",
                key,
                Map.of("owner", new ExpectedAttributeValue(s("w1"), null, null, null)),
                null,
                "ALL_OLD",
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(fixtures.engine.deleteItem(CONTEXT, delete).attributes()).containsEntry("owner", s("w1"));
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT,
                        new dev.wharf.dynamodb.api.PutItemRequest(
                                "legacy",
                                key,
                                Map.of("owner", new ExpectedAttributeValue(null, false, null, null)),
                                null,
                                null,
                                null,
                                null,
                                "attribute_not_exists(pk)",
                                null,
                                null,
                                null)),
                DynamoDbError.Validation,
                "Can not use both expression and non-expression parameters in the same request: Non-expression"
                        + " parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    @Test
    void conditionalIncrementsOfOneItemAreLinearizableOverRocksDb() throws Exception {
        fixtures.storage = RocksDbStorageEngine.open(dataDir, dev.wharf.storage.DurabilityMode.RELAXED);
        try {
            fixtures.reopen();
            fixtures.createTable("race", false);
            fixtures.engine.putItem(CONTEXT, Requests.put("race", item("pk", s("x"), "n", n("0"))));
            int threads = 8;
            int attempts = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> increments(attempts)));
            }
            int won = 0;
            for (Future<Integer> worker : workers) {
                won += worker.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            // Each success read n and wrote n + 1 only if n was still what it read: no increment is lost or doubled.
            assertThat(nn(get("race", item("pk", s("x")))).get("n")).isEqualTo(n(Integer.toString(won)));
            assertThat(won).isPositive();
        } finally {
            fixtures.storage.close();
        }
    }

    /** Optimistic increments: read the counter, write it plus one if it is unchanged. Answers the successes. */
    private int increments(int attempts) {
        int won = 0;
        for (int i = 0; i < attempts; i++) {
            Map<String, AttributeValue> current = nn(get("race", item("pk", s("x"))));
            AttributeValue seen = nn(current.get("n"));
            int next = Integer.parseInt(nn(seen.n())) + 1;
            try {
                fixtures.engine.updateItem(
                        CONTEXT,
                        Requests.update(
                                "race",
                                item("pk", s("x")),
                                "SET n = :next",
                                "n = :seen",
                                null,
                                Map.of(":next", n(Integer.toString(next)), ":seen", seen),
                                null));
                won++;
            } catch (AwsException e) {
                assertThat(e.code()).isEqualTo(DynamoDbError.ConditionalCheckFailed);
            }
        }
        return won;
    }
}
