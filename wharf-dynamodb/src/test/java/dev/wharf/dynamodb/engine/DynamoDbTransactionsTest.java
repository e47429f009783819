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
import dev.wharf.dynamodb.api.BatchGetItemRequest;
import dev.wharf.dynamodb.api.BatchGetItemResponse;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.CancellationReason;
import dev.wharf.dynamodb.api.ConditionCheck;
import dev.wharf.dynamodb.api.Delete;
import dev.wharf.dynamodb.api.DeleteRequest;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.api.Get;
import dev.wharf.dynamodb.api.KeysAndAttributes;
import dev.wharf.dynamodb.api.Put;
import dev.wharf.dynamodb.api.PutRequest;
import dev.wharf.dynamodb.api.TransactGetItem;
import dev.wharf.dynamodb.api.TransactGetItemsRequest;
import dev.wharf.dynamodb.api.TransactWriteItem;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.Update;
import dev.wharf.dynamodb.api.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems. */
class DynamoDbTransactionsTest {

    private final Fixtures fixtures = new Fixtures();

    @BeforeEach
    void tables() {
        fixtures.createTable("accounts", false);
        fixtures.createTable("audit", false);
        fixtures.engine.putItem(CONTEXT, Requests.put("accounts", item("pk", s("alice"), "balance", n("100"))));
        fixtures.engine.putItem(CONTEXT, Requests.put("accounts", item("pk", s("bob"), "balance", n("5"))));
    }

    private @Nullable Map<String, AttributeValue> get(String table, String key) {
        return fixtures.engine
                .getItem(CONTEXT, Requests.get(table, item("pk", s(key))))
                .item();
    }

    private static TransactWriteItem update(
            String key, String expression, String condition, Map<String, AttributeValue> values) {
        return new TransactWriteItem(
                null,
                null,
                null,
                new Update(item("pk", s(key)), expression, "accounts", condition, null, values, "ALL_OLD"));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return new TransactWriteItem(null, new Put(item, table, null, null, null, null), null, null);
    }

    private static TransactWriteItemsRequest transaction(@Nullable String token, TransactWriteItem... actions) {
        return new TransactWriteItemsRequest(List.of(actions), null, null, token);
    }

    @Test
    void aTransactionCommitsEveryActionTogether() {
        fixtures.engine.transactWriteItems(
                CONTEXT,
                transaction(
                        null,
                        update("alice", "SET balance = balance - :x", "balance >= :x", Map.of(":x", n("30"))),
                        update("bob", "SET balance = balance + :x", "attribute_exists(pk)", Map.of(":x", n("30"))),
                        put("audit", item("pk", s("t1"), "amount", n("30")))));

        assertThat(nn(get("accounts", "alice")).get("balance")).isEqualTo(n("70"));
        assertThat(nn(get("accounts", "bob")).get("balance")).isEqualTo(n("35"));
        assertThat(get("audit", "t1")).isEqualTo(item("pk", s("t1"), "amount", n("30")));
    }

    @Test
    void aFailedConditionCancelsEveryActionWithOneReasonEachInOrder() {
        AwsException cancelled = catchThrowableOfType(
                AwsException.class,
                () -> fixtures.engine.transactWriteItems(
                        CONTEXT,
                        transaction(
                                null,
                                put("audit", item("pk", s("t2"))),
                                update("bob", "SET balance = balance - :x", "balance >= :x", Map.of(":x", n("30"))),
                                update(
                                        "alice",
                                        "SET balance = absentee + :x",
                                        "attribute_exists(pk)",
                                        Map.of(":x", n("1"))),
                                new TransactWriteItem(
                                        new ConditionCheck(
                                                item("pk", s("carol")),
                                                "accounts",
                                                "attribute_not_exists(pk)",
                                                null,
                                                null,
                                                null),
                                        null,
                                        null,
                                        null))));

        assertThat(cancelled.code()).isEqualTo(DynamoDbError.TransactionCanceled);
        assertThat(cancelled.getMessage())
                .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None,"
                        + " ConditionalCheckFailed, ValidationError, None]");
        assertThat(cancelled.detail())
                .isEqualTo(new ErrorDetails.TransactionCanceled(List.of(
                        new CancellationReason(null, "None", null),
                        new CancellationReason(
                                item("pk", s("bob"), "balance", n("5")),
                                "ConditionalCheckFailed",
                                "The conditional request failed"),
                        new CancellationReason(
                                null,
                                "ValidationError",
                                "The provided expression refers to an attribute that does not exist in the item"),
                        new CancellationReason(null, "None", null))));
        assertThat(get("audit", "t2")).isNull();
        assertThat(nn(get("accounts", "alice")).get("balance")).isEqualTo(n("100"));
    }

    @Test
    void aClientRequestTokenMakesARetryAnswerWithoutRunningAgain() {
        TransactWriteItemsRequest add =
                transaction("token-1", update("bob", "ADD balance :x", "attribute_exists(pk)", Map.of(":x", n("10"))));
        fixtures.engine.transactWriteItems(CONTEXT, add);
        fixtures.engine.transactWriteItems(CONTEXT, add);
        assertThat(nn(get("accounts", "bob")).get("balance")).isEqualTo(n("15"));

        assertError(
                () -> fixtures.engine.transactWriteItems(
                        CONTEXT,
                        transaction(
                                "token-1",
                                update("bob", "ADD balance :x", "attribute_exists(pk)", Map.of(":x", n("11"))))),
                DynamoDbError.IdempotentParameterMismatch,
                "The request uses the same client token as a previous, but non-identical request.");
        fixtures.clock.advance(java.time.Duration.ofMinutes(11));
        fixtures.engine.transactWriteItems(CONTEXT, add);
        assertThat(nn(get("accounts", "bob")).get("balance")).isEqualTo(n("25"));
    }

    @Test
    void twoActionsOnOneItemAndTooManyActionsAreRefused() {
        assertError(
                () -> fixtures.engine.transactWriteItems(
                        CONTEXT,
                        transaction(
                                null,
                                put("accounts", item("pk", s("alice"))),
                                new TransactWriteItem(
                                        null,
                                        null,
                                        new Delete(item("pk", s("alice")), "accounts", null, null, null, null),
                                        null))),
                DynamoDbError.Validation,
                "Transaction request cannot include multiple operations on one item");
        List<TransactWriteItem> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(put("audit", item("pk", s("m" + i))));
        }
        assertThatValidation(() ->
                fixtures.engine.transactWriteItems(CONTEXT, new TransactWriteItemsRequest(many, null, null, null)));
    }

    private static void assertThatValidation(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        AwsException error = catchThrowableOfType(AwsException.class, call);
        assertThat(error.code()).isEqualTo(DynamoDbError.Validation);
        assertThat(error.getMessage()).contains("Member must have length less than or equal to 100");
    }

    @Test
    void transactGetItemsReadsItemsInOrderAndMissingOnesEmpty() {
        var response = fixtures.engine.transactGetItems(
                CONTEXT,
                new TransactGetItemsRequest(
                        List.of(
                                new TransactGetItem(new Get(item("pk", s("bob")), "accounts", null, null)),
                                new TransactGetItem(new Get(item("pk", s("nobody")), "accounts", null, null)),
                                new TransactGetItem(new Get(item("pk", s("alice")), "accounts", "balance", null))),
                        "TOTAL"));
        assertThat(nn(response.responses()).get(0).item()).isEqualTo(item("pk", s("bob"), "balance", n("5")));
        assertThat(nn(response.responses()).get(1).item()).isNull();
        assertThat(nn(response.responses()).get(2).item()).isEqualTo(item("balance", n("100")));
        assertThat(nn(nn(response.consumedCapacity()).get(0).capacityUnits())).isEqualTo(6.0);
    }

    @Test
    void batchWriteItemPutsAndDeletesAcrossTablesAndBatchGetItemReadsThem() {
        var written = fixtures.engine.batchWriteItem(
                CONTEXT,
                new BatchWriteItemRequest(
                        Map.of(
                                "accounts",
                                List.of(
                                        new WriteRequest(null, new DeleteRequest(item("pk", s("bob")))),
                                        new WriteRequest(new PutRequest(item("pk", s("carol"))), null)),
                                "audit",
                                List.of(new WriteRequest(new PutRequest(item("pk", s("b1"))), null))),
                        null,
                        null));
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(get("accounts", "bob")).isNull();

        BatchGetItemResponse read = fixtures.engine.batchGetItem(
                CONTEXT,
                new BatchGetItemRequest(
                        Map.of(
                                "accounts",
                                new KeysAndAttributes(
                                        List.of(item("pk", s("alice")), item("pk", s("bob")), item("pk", s("carol"))),
                                        null,
                                        null,
                                        null,
                                        null),
                                "audit",
                                new KeysAndAttributes(List.of(item("pk", s("b1"))), null, null, null, null)),
                        null));
        assertThat(nn(nn(read.responses()).get("accounts"))).hasSize(2);
        assertThat(nn(nn(read.responses()).get("audit"))).containsExactly(item("pk", s("b1")));
        assertThat(read.unprocessedKeys()).isEmpty();

        assertError(
                () -> fixtures.engine.batchGetItem(
                        CONTEXT,
                        new BatchGetItemRequest(
                                Map.of(
                                        "accounts",
                                        new KeysAndAttributes(
                                                List.of(item("pk", s("a")), item("pk", s("a"))),
                                                null,
                                                null,
                                                null,
                                                null)),
                                null)),
                DynamoDbError.Validation,
                "Provided list of item keys contains duplicates");
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(new WriteRequest(new PutRequest(item("pk", s("w" + i))), null));
        }
        assertError(
                () -> fixtures.engine.batchWriteItem(
                        CONTEXT, new BatchWriteItemRequest(Map.of("audit", many), null, null)),
                DynamoDbError.Validation,
                "Too many items requested for the BatchWriteItem call");
    }
}
