package dev.wharf.dynamodb.engine;

import static dev.wharf.dynamodb.engine.Fixtures.CONTEXT;
import static dev.wharf.dynamodb.engine.Fixtures.assertError;
import static dev.wharf.dynamodb.engine.Fixtures.attribute;
import static dev.wharf.dynamodb.engine.Fixtures.b;
import static dev.wharf.dynamodb.engine.Fixtures.bool;
import static dev.wharf.dynamodb.engine.Fixtures.gsi;
import static dev.wharf.dynamodb.engine.Fixtures.hash;
import static dev.wharf.dynamodb.engine.Fixtures.item;
import static dev.wharf.dynamodb.engine.Fixtures.list;
import static dev.wharf.dynamodb.engine.Fixtures.map;
import static dev.wharf.dynamodb.engine.Fixtures.n;
import static dev.wharf.dynamodb.engine.Fixtures.nn;
import static dev.wharf.dynamodb.engine.Fixtures.s;
import static dev.wharf.dynamodb.engine.Fixtures.ss;
import static dev.wharf.dynamodb.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.ConsumedCapacity;
import dev.wharf.dynamodb.api.DescribeTableRequest;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.TableDescription;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** GetItem, PutItem and DeleteItem: keys, values, ReturnValues, consumed capacity and durability. */
class DynamoDbItemsTest {

    private final Fixtures fixtures = new Fixtures();

    private @Nullable Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return fixtures.engine.getItem(CONTEXT, Requests.get(table, key)).item();
    }

    @Test
    void anItemOfEveryTypeIsPutAndReadBackAsItWasGiven() {
        fixtures.createTable("things", false);
        Map<String, AttributeValue> item = item(
                "pk", s("thing"),
                "number", n("1.50"),
                "binary", b(new byte[] {0, 1, 2}),
                "flag", bool(true),
                "list", list(s("a"), n("2")),
                "map", map(item("nested", s("yes"))),
                "strings", ss("x", "y"),
                "empty", s(""));

        fixtures.engine.putItem(CONTEXT, Requests.put("things", item));

        Map<String, AttributeValue> read = nn(get("things", item("pk", s("thing"))));
        assertThat(read.keySet()).containsExactlyElementsOf(item.keySet());
        assertThat(nn(read.get("number")).n()).isEqualTo("1.5");
        assertThat(nn(read.get("binary")).b()).containsExactly(0, 1, 2);
        assertThat(read.get("map")).isEqualTo(item.get("map"));
        assertThat(nn(read.get("strings")).sS()).containsExactly("x", "y");
        assertThat(get("things", item("pk", s("other")))).isNull();
    }

    @Test
    void putReplacesTheWholeItemAndReturnsTheOldOneWhenAsked() {
        fixtures.createTable("replaced", true);
        fixtures.engine.putItem(CONTEXT, Requests.put("replaced", item("pk", s("a"), "sk", s("1"), "old", s("yes"))));

        Map<String, AttributeValue> old = fixtures.engine
                .putItem(
                        CONTEXT,
                        Requests.put("replaced", item("pk", s("a"), "sk", s("1"), "new", n("1")), "ALL_OLD", null))
                .attributes();

        assertThat(old).isEqualTo(item("pk", s("a"), "sk", s("1"), "old", s("yes")));
        assertThat(get("replaced", item("pk", s("a"), "sk", s("1"))))
                .isEqualTo(item("pk", s("a"), "sk", s("1"), "new", n("1")));
        assertThat(fixtures.engine
                        .putItem(CONTEXT, Requests.put("replaced", item("pk", s("b"), "sk", s("1")), "ALL_OLD", null))
                        .attributes())
                .isNull();
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.put("replaced", item("pk", s("a"), "sk", s("1")), "ALL_NEW", null)),
                DynamoDbError.Validation,
                "Return values set to invalid value");
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.put("replaced", item("pk", s("a"), "sk", s("1")), "SOME", null)),
                DynamoDbError.Validation,
                "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    }

    @Test
    void deleteRemovesTheItemAndAMissingItemIsNoError() {
        fixtures.createTable("deleted", false);
        fixtures.engine.putItem(CONTEXT, Requests.put("deleted", item("pk", s("a"), "v", n("1"))));

        assertThat(fixtures.engine
                        .deleteItem(CONTEXT, Requests.delete("deleted", item("pk", s("a")), "ALL_OLD"))
                        .attributes())
                .isEqualTo(item("pk", s("a"), "v", n("1")));
        assertThat(get("deleted", item("pk", s("a")))).isNull();
        assertThat(fixtures.engine
                        .deleteItem(CONTEXT, Requests.delete("deleted", item("pk", s("a")), "ALL_OLD"))
                        .attributes())
                .isNull();
    }

    @Test
    void keysAreCheckedAsDynamoDbChecksThem() {
        fixtures.createTable("keyed", true);
        String mismatch = "The provided key element does not match the schema";
        assertError(() -> get("keyed", item("pk", s("a"))), DynamoDbError.Validation, mismatch);
        assertError(() -> get("keyed", item("pk", s("a"), "sk", n("1"))), DynamoDbError.Validation, mismatch);
        assertError(
                () -> get("keyed", item("pk", s("a"), "sk", s("1"), "more", s("x"))),
                DynamoDbError.Validation,
                mismatch);
        assertError(
                () -> get("keyed", item("pk", s(""), "sk", s("1"))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an"
                        + " empty string value. Key: pk");
        assertError(
                () -> fixtures.engine.putItem(CONTEXT, Requests.put("keyed", item("pk", s("a")))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Missing the key sk in the item");
        assertError(
                () -> fixtures.engine.putItem(CONTEXT, Requests.put("keyed", item("pk", s("a"), "sk", n("1")))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Type mismatch for key sk expected: S actual: N");
        assertError(
                () -> fixtures.engine.putItem(CONTEXT, Requests.put("keyed", item("pk", s(""), "sk", s("1")))),
                DynamoDbError.Validation,
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                        + " an empty string value. Key: pk");
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.put("keyed", item("pk", s("x".repeat(2049)), "sk", s("1")))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit"
                        + " of2048 bytes");
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.put("keyed", item("pk", s("a"), "sk", s("x".repeat(1025))))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size"
                        + " limit of 1024 bytes");
        assertError(
                () -> get("missing", item("pk", s("a"))),
                DynamoDbError.ResourceNotFound,
                "Requested resource not found");
    }

    @Test
    void anItemOver400KbIsRefused() {
        fixtures.createTable("big", false);
        assertError(
                () -> fixtures.engine.putItem(
                        CONTEXT, Requests.put("big", item("pk", s("a"), "blob", s("x".repeat(409_600))))),
                DynamoDbError.Validation,
                "Item size has exceeded the maximum allowed size");
        fixtures.engine.putItem(CONTEXT, Requests.put("big", item("pk", s("a"), "blob", s("x".repeat(409_600 - 7)))));
        assertThat(get("big", item("pk", s("a")))).containsKey("blob");
    }

    @Test
    void indexKeysOfTheWrongTypeAreRefusedAndItemsWithoutThemAreNotIndexed() {
        fixtures.engine.createTable(
                CONTEXT,
                table(
                        "sparse",
                        List.of(attribute("pk", "S"), attribute("g", "N")),
                        List.of(hash("pk")),
                        List.of(gsi("byG", List.of(hash("g")), "ALL"))));
        fixtures.settle();

        assertError(
                () -> fixtures.engine.putItem(CONTEXT, Requests.put("sparse", item("pk", s("a"), "g", s("1")))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Type mismatch for Index Key g Expected: N Actual: S"
                        + " IndexName: byG");
        fixtures.engine.putItem(CONTEXT, Requests.put("sparse", item("pk", s("a"))));
        fixtures.engine.putItem(CONTEXT, Requests.put("sparse", item("pk", s("b"), "g", n("1"))));
        int[] entries = {0};
        fixtures.storage.tables().scanItems(1, 1, 0, 1, null, (p, sort, value) -> ++entries[0] > 0);
        assertThat(entries[0]).isEqualTo(1);
        fixtures.engine.deleteItem(CONTEXT, Requests.delete("sparse", item("pk", s("b")), null));
        entries[0] = 0;
        fixtures.storage.tables().scanItems(1, 1, 0, 1, null, (p, sort, value) -> ++entries[0] > 0);
        assertThat(entries[0]).isZero();
    }

    @Test
    void consumedCapacityIsCountedAsAwsDocumentsIt() {
        fixtures.engine.createTable(
                CONTEXT,
                table(
                        "metered",
                        List.of(attribute("pk", "S"), attribute("g", "S")),
                        List.of(hash("pk")),
                        List.of(gsi("byG", List.of(hash("g")), "ALL"))));
        fixtures.settle();
        Map<String, AttributeValue> big = item("pk", s("a"), "g", s("x"), "data", s("x".repeat(5_000)));

        ConsumedCapacity put = nn(fixtures.engine
                .putItem(CONTEXT, Requests.put("metered", big, null, "INDEXES"))
                .consumedCapacity());
        // 5,012 bytes: 5 units for the table and 5 for the index's copy.
        assertThat(put.tableName()).isEqualTo("metered");
        assertThat(put.capacityUnits()).isEqualTo(10.0);
        assertThat(nn(put.table()).capacityUnits()).isEqualTo(5.0);
        assertThat(nn(nn(put.globalSecondaryIndexes()).get("byG")).capacityUnits())
                .isEqualTo(5.0);

        ConsumedCapacity strong = nn(fixtures.engine
                .getItem(CONTEXT, Requests.get("metered", item("pk", s("a")), true, "TOTAL"))
                .consumedCapacity());
        assertThat(strong.capacityUnits()).isEqualTo(2.0);
        assertThat(strong.table()).isNull();
        ConsumedCapacity eventual = nn(fixtures.engine
                .getItem(CONTEXT, Requests.get("metered", item("pk", s("none")), false, "TOTAL"))
                .consumedCapacity());
        assertThat(eventual.capacityUnits()).isEqualTo(0.5);
        assertThat(fixtures.engine
                        .getItem(CONTEXT, Requests.get("metered", item("pk", s("a"))))
                        .consumedCapacity())
                .isNull();
    }

    @Test
    void itemsAndTheApproximateCountsSurviveARestart() {
        fixtures.createTable("counted", false);
        for (int i = 0; i < 10; i++) {
            fixtures.engine.putItem(CONTEXT, Requests.put("counted", item("pk", s("k" + i), "v", n("1"))));
        }
        fixtures.engine.deleteItem(CONTEXT, Requests.delete("counted", item("pk", s("k0")), null));
        TableDescription before = nn(fixtures.engine
                .describeTable(CONTEXT, new DescribeTableRequest("counted"))
                .table());
        assertThat(before.itemCount()).isEqualTo(9);
        assertThat(before.tableSizeBytes()).isPositive();
        fixtures.engine.close();

        fixtures.reopen();

        TableDescription after = nn(fixtures.engine
                .describeTable(CONTEXT, new DescribeTableRequest("counted"))
                .table());
        assertThat(after.itemCount()).isEqualTo(9);
        assertThat(after.tableSizeBytes()).isEqualTo(before.tableSizeBytes());
        assertThat(get("counted", item("pk", s("k5")))).isEqualTo(item("pk", s("k5"), "v", n("1")));
    }
}
