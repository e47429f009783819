package dev.wharf.dynamodb.engine;

import static dev.wharf.dynamodb.engine.Fixtures.CONTEXT;
import static dev.wharf.dynamodb.engine.Fixtures.assertError;
import static dev.wharf.dynamodb.engine.Fixtures.attribute;
import static dev.wharf.dynamodb.engine.Fixtures.gsi;
import static dev.wharf.dynamodb.engine.Fixtures.hash;
import static dev.wharf.dynamodb.engine.Fixtures.item;
import static dev.wharf.dynamodb.engine.Fixtures.n;
import static dev.wharf.dynamodb.engine.Fixtures.nn;
import static dev.wharf.dynamodb.engine.Fixtures.range;
import static dev.wharf.dynamodb.engine.Fixtures.s;
import static dev.wharf.dynamodb.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.QueryResponse;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.ScanResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query and Scan: key conditions, order, filters, projections, Select, pages, segments and indexes. */
class DynamoDbReadsTest {

    private final Fixtures fixtures = new Fixtures();

    /** A table of partitions "p0".."p4", sorted by number 0..9, each item owned by "w" + (sk % 3). */
    @BeforeEach
    void fill() {
        fixtures.engine.createTable(
                CONTEXT,
                table(
                        "events",
                        List.of(attribute("pk", "S"), attribute("sk", "N"), attribute("owner", "S")),
                        List.of(hash("pk"), range("sk")),
                        List.of(gsi("byOwner", List.of(hash("owner"), range("sk")), "KEYS_ONLY"))));
        fixtures.settle();
        for (int p = 0; p < 5; p++) {
            for (int k = 0; k < 10; k++) {
                fixtures.engine.putItem(
                        CONTEXT,
                        Requests.put(
                                "events",
                                item(
                                        "pk",
                                        s("p" + p),
                                        "sk",
                                        n(Integer.toString(k)),
                                        "owner",
                                        s("w" + (k % 3)),
                                        "data",
                                        s("d" + p + k))));
            }
        }
    }

    private QueryResponse query(String condition, Map<String, AttributeValue> values) {
        return fixtures.engine.query(
                CONTEXT, Requests.query("events", null, condition, null, values, null, null, null));
    }

    private static List<String> sorts(@Nullable List<Map<String, AttributeValue>> items) {
        List<String> sorts = new ArrayList<>();
        for (Map<String, AttributeValue> item : nn(items)) {
            sorts.add(nn(nn(item.get("sk")).n()));
        }
        return sorts;
    }

    @Test
    void aQueryReadsOnePartitionInSortKeyOrderBothWays() {
        QueryResponse all = query("pk = :p", Map.of(":p", s("p1")));
        assertThat(sorts(all.items())).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(all.count()).isEqualTo(10);
        assertThat(all.scannedCount()).isEqualTo(10);
        assertThat(all.lastEvaluatedKey()).isNull();

        QueryResponse backwards = fixtures.engine.query(
                CONTEXT, Requests.query("events", null, "pk = :p", null, Map.of(":p", s("p1")), null, false, null));
        assertThat(sorts(backwards.items())).containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");

        assertThat(sorts(query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":p", s("p2"), ":a", n("3"), ":b", n("5")))
                        .items()))
                .containsExactly("3", "4", "5");
        assertThat(sorts(query("pk = :p AND sk > :a", Map.of(":p", s("p2"), ":a", n("7")))
                        .items()))
                .containsExactly("8", "9");
        assertThat(sorts(query("pk = :p AND sk <= :a", Map.of(":p", s("p2"), ":a", n("1")))
                        .items()))
                .containsExactly("0", "1");
        assertThat(query("pk = :p", Map.of(":p", s("nobody"))).items()).isEmpty();
    }

    @Test
    void aLimitCutsThePageAndLastEvaluatedKeyGoesOnInEitherDirection() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            QueryResponse page = fixtures.engine.query(
                    CONTEXT, Requests.query("events", null, "pk = :p", null, Map.of(":p", s("p3")), 4, false, start));
            seen.addAll(sorts(page.items()));
            start = page.lastEvaluatedKey();
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0");
        assertThat(pages).isEqualTo(3);
        QueryResponse cut = fixtures.engine.query(
                CONTEXT, Requests.query("events", null, "pk = :p", null, Map.of(":p", s("p3")), 2, null, null));
        assertThat(cut.lastEvaluatedKey()).isEqualTo(item("pk", s("p3"), "sk", n("1")));
    }

    @Test
    void aFilterCountsWhatItReadsAndSelectCountAnswersNoItems() {
        QueryRequest filtered = new QueryRequest(
                "events",
                null,
                "COUNT",
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
                "#o = :w",
                "pk = :p",
                Map.of("#o", "owner"),
                Map.of(":p", s("p0"), ":w", s("w1")));
        QueryResponse counted = fixtures.engine.query(CONTEXT, filtered);
        assertThat(counted.items()).isNull();
        assertThat(counted.count()).isEqualTo(3);
        assertThat(counted.scannedCount()).isEqualTo(10);

        assertError(
                () -> fixtures.engine.query(
                        CONTEXT,
                        new QueryRequest(
                                "events",
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
                                null,
                                null,
                                "sk > :a",
                                "pk = :p",
                                null,
                                Map.of(":p", s("p0"), ":a", n("1")))),
                DynamoDbError.Validation,
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        QueryResponse projected = fixtures.engine.query(
                CONTEXT,
                new QueryRequest(
                        "events",
                        null,
                        null,
                        null,
                        2,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "#d",
                        null,
                        "pk = :p",
                        Map.of("#d", "data"),
                        Map.of(":p", s("p0"))));
        assertThat(projected.items()).containsExactly(item("data", s("d00")), item("data", s("d01")));
    }

    @Test
    void aGlobalIndexIsQueriedByItsOwnKeysAndPagesByTheIndexAndTableKeys() {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = fixtures.engine.query(
                    CONTEXT,
                    Requests.query(
                            "events",
                            "byOwner",
                            "#o = :w AND sk >= :k",
                            Map.of("#o", "owner"),
                            Map.of(":w", s("w0"), ":k", n("6")),
                            3,
                            null,
                            start));
            for (Map<String, AttributeValue> item : nn(page.items())) {
                assertThat(item.keySet()).containsExactlyInAnyOrder("pk", "sk", "owner");
                items.add(nn(item.get("pk")).s() + "/" + nn(item.get("sk")).n());
            }
            start = page.lastEvaluatedKey();
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk", "owner");
            }
        } while (start != null);
        // Owner w0 holds sort keys 0, 3, 6 and 9 in each of the five partitions: 6 and 9, in sort key order.
        assertThat(items).hasSize(10);
        assertThat(items.subList(0, 5)).allMatch(entry -> entry.endsWith("/6"));
        assertThat(items.subList(5, 10)).allMatch(entry -> entry.endsWith("/9"));

        assertError(
                () -> fixtures.engine.query(
                        CONTEXT,
                        new QueryRequest(
                                "events",
                                "byOwner",
                                "ALL_ATTRIBUTES",
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
                                null,
                                "#o = :w",
                                Map.of("#o", "owner"),
                                Map.of(":w", s("w0")))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global"
                        + " secondary index byOwner because its projection type is not ALL");
        assertError(
                () -> fixtures.engine.query(
                        CONTEXT,
                        Requests.query("events", "nope", "pk = :p", null, Map.of(":p", s("p0")), null, null, null)),
                DynamoDbError.Validation,
                "The table does not have the specified index: nope");
        assertError(
                () -> fixtures.engine.query(
                        CONTEXT,
                        new QueryRequest(
                                "events",
                                "byOwner",
                                null,
                                null,
                                null,
                                true,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "#o = :w",
                                Map.of("#o", "owner"),
                                Map.of(":w", s("w0")))),
                DynamoDbError.Validation,
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void keyConditionsThatDoNotFitTheSchemaAreRefused() {
        assertError(
                () -> query("sk = :k", Map.of(":k", n("1"))),
                DynamoDbError.Validation,
                "Query condition missed key schema element: pk");
        assertError(
                () -> query("pk = :p", Map.of(":p", n("1"))),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
        assertError(
                () -> fixtures.engine.query(
                        CONTEXT,
                        new QueryRequest(
                                "events", null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null)),
                DynamoDbError.Validation,
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }

    @Test
    void segmentsOfAScanAreDisjointAndTogetherEveryItemAndPagesGoOn() {
        Set<String> seen = new HashSet<>();
        int total = 4;
        for (int segment = 0; segment < total; segment++) {
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = fixtures.engine.scan(CONTEXT, Requests.scan("events", 7, segment, total, start));
                for (Map<String, AttributeValue> item : nn(page.items())) {
                    assertThat(seen.add(nn(item.get("pk")).s() + "/"
                                    + nn(item.get("sk")).n()))
                            .isTrue();
                }
                start = page.lastEvaluatedKey();
            } while (start != null);
        }
        assertThat(seen).hasSize(50);

        ScanResponse whole = fixtures.engine.scan(CONTEXT, Requests.scan("events", null, null, null, null));
        assertThat(whole.count()).isEqualTo(50);
        assertThat(whole.lastEvaluatedKey()).isNull();
        assertError(
                () -> fixtures.engine.scan(CONTEXT, Requests.scan("events", null, 2, 2, null)),
                DynamoDbError.Validation,
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not"
                        + " less than TotalSegments: 2");
        assertError(
                () -> fixtures.engine.scan(CONTEXT, Requests.scan("events", null, 1, null, null)),
                DynamoDbError.Validation,
                "The TotalSegments parameter is required but was not present in the request when Segment parameter"
                        + " is present");
    }

    @Test
    void aScanFiltersOnAnyAttributeAndScansAnIndex() {
        ScanResponse filtered = fixtures.engine.scan(
                CONTEXT,
                new ScanRequest(
                        "events",
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
                        null,
                        "sk = :k",
                        null,
                        Map.of(":k", n("4")),
                        null));
        assertThat(filtered.count()).isEqualTo(5);
        assertThat(filtered.scannedCount()).isEqualTo(50);
        ScanResponse index = fixtures.engine.scan(
                CONTEXT,
                new ScanRequest(
                        "events", "byOwner", null, null, "COUNT", null, null, null, null, null, null, null, null, null,
                        null, null));
        assertThat(index.count()).isEqualTo(50);
    }

    @Test
    void aPageStopsAtOneMegabyteRead() {
        fixtures.createTable("heavy", false);
        String blob = "x".repeat(100_000);
        for (int i = 0; i < 30; i++) {
            fixtures.engine.putItem(CONTEXT, Requests.put("heavy", item("pk", s("k" + i), "blob", s(blob))));
        }
        ScanResponse first = fixtures.engine.scan(CONTEXT, Requests.scan("heavy", null, null, null, null));
        assertThat(first.count()).isEqualTo(11);
        assertThat(first.lastEvaluatedKey()).isNotNull();
        ScanResponse rest =
                fixtures.engine.scan(CONTEXT, Requests.scan("heavy", null, null, null, first.lastEvaluatedKey()));
        assertThat(rest.count()).isEqualTo(11);
    }
}
