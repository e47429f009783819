package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ROLE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.AmazonopensearchserviceBufferingHints;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationConfiguration;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationDescription;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationUpdate;
import dev.wharf.firehose.api.AmazonopensearchserviceRetryOptions;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DocumentIdOptions;
import dev.wharf.firehose.api.ElasticsearchBufferingHints;
import dev.wharf.firehose.api.ElasticsearchDestinationConfiguration;
import dev.wharf.firehose.api.ElasticsearchDestinationDescription;
import dev.wharf.firehose.api.ElasticsearchDestinationUpdate;
import dev.wharf.firehose.api.ElasticsearchRetryOptions;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.UpdateDestinationRequest;
import dev.wharf.s3.api.BucketShapes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Amazon OpenSearch Service and Elasticsearch destinations: their rules, how they are described and updated, and
 * their bulk deliveries through a scripted cluster with the fake clock: the index actions, the rotated index names,
 * the items a cluster refuses, the retries and the S3 backup.
 */
class FirehoseOpenSearchTest {

    private static final String VALID = "1 validation error detected: ";
    private static final String MEMBER = "amazonopensearchserviceDestinationConfiguration.";
    private static final String CLUSTER = "https://search.example.com:9200";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cluster that the test scripts: it keeps every bulk request and answers as {@link #script} says. */
    static final class ScriptedCluster implements EndpointPort {

        /** What the cluster answers to one bulk request, given its action lines. */
        interface Script {
            Answer answer(List<JsonNode> actions) throws IOException;
        }

        /** One bulk request: its action lines and documents, and when it came. */
        record Seen(Post post, List<JsonNode> actions, List<String> documents, long atMillis) {}

        final List<Seen> posts = new ArrayList<>();
        private final TestClock clock;
        Script script = actions -> bulk(actions.stream().map(a -> 201).toList());

        ScriptedCluster(TestClock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized Answer post(Post post) throws IOException {
            String[] lines = new String(post.body(), StandardCharsets.UTF_8).split("\n");
            List<JsonNode> actions = new ArrayList<>();
            List<String> documents = new ArrayList<>();
            for (int i = 0; i + 1 < lines.length; i += 2) {
                actions.add(JSON.readTree(lines[i]));
                documents.add(lines[i + 1]);
            }
            posts.add(new Seen(post, actions, documents, clock.millis()));
            return script.answer(actions);
        }

        @Override
        public void close() {}
    }

    /** A bulk answer with one item per status, failing items with a mapper_parsing_exception. */
    static EndpointPort.Answer bulk(List<Integer> statuses) {
        StringBuilder items = new StringBuilder();
        boolean errors = false;
        for (int status : statuses) {
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"index\":{\"status\":")
                    .append(status);
            if (status >= 300) {
                errors = true;
                items.append(",\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse\"}");
            }
            items.append("}}");
        }
        return new EndpointPort.Answer(
                200,
                Map.of("content-type", "application/json"),
                ("{\"took\":3,\"errors\":" + errors + ",\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8),
                false);
    }

    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T11:59:59.500Z"));
    private final ScriptedCluster cluster = new ScriptedCluster(clock);
    private final FirehoseFixture fixture = new FirehoseFixture(cluster, clock);

    @AfterEach
    void close() {
        fixture.close();
    }

    static AmazonopensearchserviceDestinationConfiguration opensearch(
            @Nullable String endpoint,
            @Nullable String rotation,
            @Nullable Integer retrySeconds,
            @Nullable String backupMode,
            @Nullable DocumentIdOptions ids) {
        return new AmazonopensearchserviceDestinationConfiguration(
                ROLE,
                null,
                endpoint,
                "logs",
                null,
                rotation,
                new AmazonopensearchserviceBufferingHints(0, 1),
                retrySeconds == null ? null : new AmazonopensearchserviceRetryOptions(retrySeconds),
                backupMode,
                new S3DestinationConfiguration(ROLE, "arn:aws:s3:::backup", null, null, null, null, null, null),
                null,
                null,
                null,
                ids);
    }

    private static CreateDeliveryStreamRequest create(
            @Nullable AmazonopensearchserviceDestinationConfiguration opensearch,
            @Nullable ElasticsearchDestinationConfiguration elasticsearch) {
        return new CreateDeliveryStreamRequest(
                "events",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                elasticsearch,
                opensearch,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private void active(AmazonopensearchserviceDestinationConfiguration destination) {
        fixture.bucket("backup");
        fixture.firehose.createDeliveryStream(ALICE, create(destination, null));
        clock.advance(Duration.ofSeconds(1));
    }

    private void refused(
            AmazonopensearchserviceDestinationConfiguration destination, FirehoseError error, String message) {
        assertError(() -> fixture.firehose.createDeliveryStream(ALICE, create(destination, null)), error, message);
    }

    private AmazonopensearchserviceDestinationDescription describeOpenSearch() {
        return Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("events").destinations())
                        .get(0)
                        .amazonopensearchserviceDestinationDescription());
    }

    private List<JsonNode> errorLines(String type) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (BucketShapes.ListedObject object : fixture.objects("backup")) {
            if (object.key().startsWith(type + "/")) {
                for (String line :
                        new String(fixture.body("backup", object.key()), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    private void runFor(int steps) {
        for (int i = 0; i < steps; i++) {
            clock.advance(Duration.ofMillis(100));
            fixture.deliver();
        }
    }

    @Test
    void createChecksTheMembersAsTheModelConstrainsThem() {
        refused(
                opensearch("ftp://cluster", "OneYear", 7201, "All", new DocumentIdOptions("RANDOM")),
                FirehoseError.Validation,
                "5 validation errors detected: Value 'ftp://cluster' at '" + MEMBER + "clusterEndpoint' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: https:.*; Value"
                        + " 'OneYear' at '" + MEMBER + "indexRotationPeriod' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [NoRotation, OneHour, OneDay, OneWeek, OneMonth]; Value '7201' at '"
                        + MEMBER + "retryOptions.durationInSeconds' failed to satisfy constraint: Member must have"
                        + " value less than or equal to 7200; Value 'All' at '" + MEMBER + "s3BackupMode' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [FailedDocumentsOnly,"
                        + " AllDocuments]; Value 'RANDOM' at '" + MEMBER + "documentIdOptions.defaultDocumentIdFormat'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [FIREHOSE_DEFAULT,"
                        + " NO_DOCUMENT_ID]");
        AmazonopensearchserviceDestinationConfiguration given = opensearch(CLUSTER, null, null, null, null);
        refused(
                new AmazonopensearchserviceDestinationConfiguration(
                        ROLE,
                        "arn:aws:es:us-east-1:111111111111:domain/logs",
                        null,
                        "logs",
                        null,
                        null,
                        new AmazonopensearchserviceBufferingHints(901, 101),
                        null,
                        null,
                        given.s3Configuration(),
                        null,
                        null,
                        null,
                        null),
                FirehoseError.Validation,
                "2 validation errors detected: Value '901' at '" + MEMBER + "bufferingHints.intervalInSeconds' failed"
                        + " to satisfy constraint: Member must have value less than or equal to 900; Value '101' at '"
                        + MEMBER + "bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 100");
    }

    @Test
    void aDomainArnIsRefusedForItCannotBeResolvedHere() {
        AmazonopensearchserviceDestinationConfiguration given = opensearch(null, null, null, null, null);
        refused(given, FirehoseError.InvalidArgument, "Either ClusterEndpoint or DomainARN must be given.");
        refused(
                new AmazonopensearchserviceDestinationConfiguration(
                        ROLE,
                        "arn:aws:es:us-east-1:111111111111:domain/logs",
                        null,
                        "logs",
                        null,
                        null,
                        null,
                        null,
                        null,
                        given.s3Configuration(),
                        null,
                        null,
                        null,
                        null),
                FirehoseError.InvalidArgument,
                "Wharf cannot resolve the domain arn:aws:es:us-east-1:111111111111:domain/logs; give the cluster's"
                        + " ClusterEndpoint instead of its DomainARN.");
    }

    @Test
    void describeShowsTheDefaults() {
        active(new AmazonopensearchserviceDestinationConfiguration(
                ROLE,
                null,
                CLUSTER,
                "logs",
                null,
                null,
                null,
                null,
                null,
                new S3DestinationConfiguration(ROLE, "arn:aws:s3:::backup", null, null, null, null, null, null),
                null,
                null,
                null,
                null));

        AmazonopensearchserviceDestinationDescription described = describeOpenSearch();
        assertThat(described.clusterEndpoint()).isEqualTo(CLUSTER);
        assertThat(described.domainARN()).isNull();
        assertThat(described.indexName()).isEqualTo("logs");
        assertThat(described.indexRotationPeriod()).isEqualTo("OneDay");
        assertThat(described.bufferingHints()).isEqualTo(new AmazonopensearchserviceBufferingHints(300, 5));
        assertThat(described.retryOptions()).isEqualTo(new AmazonopensearchserviceRetryOptions(300));
        assertThat(described.s3BackupMode()).isEqualTo("FailedDocumentsOnly");
        assertThat(described.documentIdOptions()).isEqualTo(new DocumentIdOptions("FIREHOSE_DEFAULT"));
        assertThat(Objects.requireNonNull(described.s3DestinationDescription()).bucketARN())
                .isEqualTo("arn:aws:s3:::backup");
    }

    @Test
    void updateMergesTheMembersItNames() {
        active(opensearch(CLUSTER, "NoRotation", 60, null, null));

        fixture.firehose.updateDestination(
                ALICE,
                new UpdateDestinationRequest(
                        "events",
                        "1",
                        FirehoseEngine.DESTINATION,
                        null,
                        null,
                        null,
                        null,
                        new AmazonopensearchserviceDestinationUpdate(
                                null,
                                null,
                                null,
                                "metrics",
                                null,
                                "OneMonth",
                                new AmazonopensearchserviceBufferingHints(null, 20),
                                null,
                                null,
                                null,
                                null,
                                null),
                        null,
                        null,
                        null,
                        null,
                        null));

        AmazonopensearchserviceDestinationDescription described = describeOpenSearch();
        assertThat(fixture.describe("events").versionId()).isEqualTo("2");
        assertThat(described.clusterEndpoint()).isEqualTo(CLUSTER);
        assertThat(described.indexName()).isEqualTo("metrics");
        assertThat(described.indexRotationPeriod()).isEqualTo("OneMonth");
        assertThat(described.bufferingHints()).isEqualTo(new AmazonopensearchserviceBufferingHints(0, 20));
        assertThat(described.retryOptions()).isEqualTo(new AmazonopensearchserviceRetryOptions(60));
    }

    @Test
    void deliversOneBulkRequestWithRotatedIndexNamesAndStableIds() {
        active(opensearch(CLUSTER, "OneHour", null, null, null));
        fixture.put("events", "{\"n\":1}\n");
        clock.advance(Duration.ofSeconds(1));
        fixture.put("events", "{\"n\":2}");

        fixture.deliver();

        assertThat(cluster.posts).hasSize(1);
        ScriptedCluster.Seen seen = cluster.posts.get(0);
        assertThat(seen.post().uri()).hasToString(CLUSTER + "/_bulk");
        assertThat(seen.post().headers()).containsEntry("Content-Type", "application/x-ndjson");
        assertThat(seen.documents()).containsExactly("{\"n\":1}", "{\"n\":2}");
        // The first record arrived at 12:00:00.500, the second a second later: both in the 12 o'clock index.
        assertThat(seen.actions())
                .extracting(action -> action.get("index").get("_index").asText())
                .containsExactly("logs-2026-12-03-12", "logs-2026-12-03-12");
        assertThat(seen.actions().get(0).get("index").has("_type")).isFalse();
        String id = seen.actions().get(0).get("index").get("_id").asText();
        assertThat(id)
                .isNotEqualTo(seen.actions().get(1).get("index").get("_id").asText());
        assertThat(fixture.storedRecords(0)).isZero();
        assertThat(fixture.objects("backup")).isEmpty();
        java.util.Map<dev.wharf.firehose.api.FirehoseMetric, dev.wharf.firehose.api.StatisticSet> metrics =
                fixture.firehose.metricsSnapshot().getFirst().metrics();
        assertThat(metrics.get(dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_SUCCESS))
                .isEqualTo(new dev.wharf.firehose.api.StatisticSet(1, 1, 1, 1));
        assertThat(java.util.Objects.requireNonNull(metrics.get(
                                dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_RECORDS))
                        .sum())
                .isEqualTo(2);
        assertThat(metrics)
                .doesNotContainKeys(
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_S3_SUCCESS,
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_ELASTICSEARCH_SUCCESS,
                        dev.wharf.firehose.api.FirehoseMetric.BACKUP_TO_S3_SUCCESS);
    }

    @Test
    void indexNamesFollowTheRotationPeriods() {
        long at = Instant.parse("2016-02-25T13:00:00Z").toEpochMilli();
        List<String> names = new ArrayList<>();
        for (String rotation : SearchDestinations.ROTATIONS) {
            names.add(SearchSink.indexName(opensearch(CLUSTER, rotation, null, null, null), at));
        }
        assertThat(names)
                .containsExactly("logs", "logs-2016-02-25-13", "logs-2016-02-25", "logs-2016-w08", "logs-2016-02");
        assertThat(SearchSink.indexName(
                        opensearch(CLUSTER, "OneWeek", null, null, null),
                        Instant.parse("2026-12-03T11:00:00Z").toEpochMilli()))
                .isEqualTo("logs-2026-w48");
    }

    @Test
    void refusedItemsAreRetriedAloneThenBackedUp() throws IOException {
        active(opensearch(CLUSTER, "NoRotation", 10, null, new DocumentIdOptions("NO_DOCUMENT_ID")));
        cluster.script = actions -> bulk(actions.size() == 2 ? List.of(201, 400) : List.of(400));
        fixture.put("events", "{\"ok\":true}");
        fixture.put("events", "{\"bad\":");
        long arrival = clock.millis();

        fixture.deliver();
        runFor(200);

        assertThat(cluster.posts).hasSize(5);
        assertThat(cluster.posts.get(0).documents()).hasSize(2);
        assertThat(cluster.posts.get(1).documents()).containsExactly("{\"bad\":");
        assertThat(cluster.posts.get(0).actions().get(0).get("index").has("_id"))
                .isFalse();
        assertThat(cluster.posts.get(4).atMillis() - cluster.posts.get(0).atMillis())
                .isBetween(10_000L, 10_400L);
        List<JsonNode> lines = errorLines("AmazonOpenSearchService-failed");
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(5);
        assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(arrival);
        assertThat(line.get("errorCode").asText()).isEqualTo("400");
        assertThat(line.get("errorMessage").asText())
                .isEqualTo("{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse\"}");
        assertThat(line.get("esIndexName").asText()).isEqualTo("logs");
        assertThat(line.get("esDocumentId").asText()).isEmpty();
        assertThat(line.get("esTypeName").asText()).isEmpty();
        assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"bad\":");
        assertThat(fixture.storedRecords(0)).isZero();
    }

    @Test
    void elasticsearchIsServedAlikeAndFailsToItsOwnPrefix() throws IOException {
        fixture.bucket("backup");
        fixture.firehose.createDeliveryStream(
                ALICE,
                create(
                        null,
                        new ElasticsearchDestinationConfiguration(
                                ROLE,
                                null,
                                CLUSTER,
                                "legacy",
                                "_doc",
                                "NoRotation",
                                new ElasticsearchBufferingHints(0, 1),
                                new ElasticsearchRetryOptions(0),
                                "AllDocuments",
                                new S3DestinationConfiguration(
                                        ROLE, "arn:aws:s3:::backup", null, null, null, null, null, null),
                                null,
                                null,
                                null,
                                null)));
        clock.advance(Duration.ofSeconds(1));
        ElasticsearchDestinationDescription described = Objects.requireNonNull(
                Objects.requireNonNull(fixture.describe("events").destinations())
                        .get(0)
                        .elasticsearchDestinationDescription());
        assertThat(described.typeName()).isEqualTo("_doc");
        assertThat(described.s3BackupMode()).isEqualTo("AllDocuments");
        assertThat(described.retryOptions()).isEqualTo(new ElasticsearchRetryOptions(0));
        cluster.script = actions -> new EndpointPort.Answer(
                503, Map.of(), "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8), false);
        fixture.put("events", "{\"a\":1}");

        fixture.deliver();

        assertThat(cluster.posts
                        .get(0)
                        .actions()
                        .get(0)
                        .get("index")
                        .get("_type")
                        .asText())
                .isEqualTo("_doc");
        List<JsonNode> lines = errorLines("elasticsearch-failed");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("errorCode").asText()).isEqualTo("503");
        assertThat(lines.get(0).get("esTypeName").asText()).isEqualTo("_doc");
        // AllDocuments: the record is also in the backup bucket as it was put.
        assertThat(fixture.objects("backup"))
                .extracting(BucketShapes.ListedObject::key)
                .anyMatch(key -> key.startsWith("2026/12/03/12/events-1-"));
        assertError(
                () -> fixture.firehose.updateDestination(
                        ALICE,
                        new UpdateDestinationRequest(
                                "events",
                                "1",
                                FirehoseEngine.DESTINATION,
                                null,
                                null,
                                null,
                                new ElasticsearchDestinationUpdate(
                                        null, null, null, "", null, null, null, null, null, null, null, null),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null)),
                FirehoseError.Validation,
                VALID
                        + "Value '' at 'elasticsearchDestinationUpdate.indexName' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 1");
    }
}
