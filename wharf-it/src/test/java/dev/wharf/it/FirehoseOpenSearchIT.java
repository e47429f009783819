package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceDestinationDescription;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceIndexRotationPeriod;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceS3BackupMode;
import software.amazon.awssdk.services.firehose.model.DefaultDocumentIdFormat;
import software.amazon.awssdk.services.firehose.model.ElasticsearchIndexRotationPeriod;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Amazon OpenSearch Service and Elasticsearch destinations through the SDK for Java v2 against a real Wharf,
 * delivering to a real cluster stand-in (the JDK's HttpServer on a free port) that answers {@code _bulk} as OpenSearch
 * does; and the S3 backup, read back through the S3 client, after a cluster that refuses a document.
 */
class FirehoseOpenSearchIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bulk request as the cluster saw it: its path, content type, action lines and documents. */
    record Bulk(String path, String contentType, List<JsonNode> actions, List<String> documents) {}

    private static final List<Bulk> received = new CopyOnWriteArrayList<>();
    private static HttpServer cluster;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        cluster = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cluster.createContext("/", FirehoseOpenSearchIT::bulk);
        cluster.start();
        base = "http://127.0.0.1:" + cluster.getAddress().getPort();
        server = LocalWharf.inMemory(WharfConfig.Sns.defaults());
        firehose = LocalWharf.client(FirehoseClient.builder(), server.endpoint());
        s3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        firehose.close();
        s3.close();
        server.close();
        cluster.stop(0);
    }

    /** Indexes every document that parses as JSON and refuses the others, item by item, as a cluster does. */
    private static void bulk(HttpExchange exchange) throws IOException {
        String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        List<JsonNode> actions = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        boolean errors = false;
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]);
            actions.add(action);
            documents.add(lines[i + 1]);
            boolean parsed;
            try {
                parsed = JSON.readTree(lines[i + 1]).isObject();
            } catch (IOException e) {
                parsed = false;
            }
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"index\":{\"_index\":\"")
                    .append(action.get("index").get("_index").asText())
                    .append("\",\"status\":")
                    .append(parsed ? 201 : 400);
            if (!parsed) {
                errors = true;
                items.append(",\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse\"}");
            }
            items.append("}}");
        }
        received.add(new Bulk(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                actions,
                documents));
        byte[] body =
                ("{\"took\":1,\"errors\":" + errors + ",\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/_bulk") ? 200 : 404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static <T> T await(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            T value = read.get();
            if (done.test(value) || Instant.now().isAfter(deadline)) {
                return value;
            }
            Thread.sleep(100);
        }
    }

    private static List<Bulk> into(String indexPrefix) {
        return received.stream()
                .filter(bulk -> bulk.actions()
                        .get(0)
                        .get("index")
                        .get("_index")
                        .asText()
                        .startsWith(indexPrefix))
                .toList();
    }

    @Test
    void documentsAreIndexedThroughTheBulkApi() throws Exception {
        s3.createBucket(b -> b.bucket("search-backup"));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("to-opensearch")
                .amazonopensearchserviceDestinationConfiguration(d -> d.clusterEndpoint(base)
                        .indexName("logs")
                        .indexRotationPeriod(AmazonopensearchserviceIndexRotationPeriod.ONE_DAY)
                        .roleARN(ROLE)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::search-backup"))));
        FirehoseSdkIT.awaitActive(firehose, "to-opensearch");

        AmazonopensearchserviceDestinationDescription described = firehose.describeDeliveryStream(
                        b -> b.deliveryStreamName("to-opensearch"))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .amazonopensearchserviceDestinationDescription();
        assertThat(described.clusterEndpoint()).isEqualTo(base);
        assertThat(described.indexName()).isEqualTo("logs");
        assertThat(described.retryOptions().durationInSeconds()).isEqualTo(300);
        assertThat(described.s3BackupMode()).isEqualTo(AmazonopensearchserviceS3BackupMode.FAILED_DOCUMENTS_ONLY);
        assertThat(described.documentIdOptions().defaultDocumentIdFormat())
                .isEqualTo(DefaultDocumentIdFormat.FIREHOSE_DEFAULT);

        String day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        firehose.putRecordBatch(b -> b.deliveryStreamName("to-opensearch")
                .records(
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"n\":1}\n"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"n\":2}"))
                                .build()));

        List<Bulk> bulks = await(() -> into("logs-"), list -> !list.isEmpty());
        assertThat(bulks).hasSize(1);
        Bulk bulk = bulks.get(0);
        assertThat(bulk.path()).isEqualTo("/_bulk");
        assertThat(bulk.contentType()).isEqualTo("application/x-ndjson");
        assertThat(bulk.documents()).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(bulk.actions()).allSatisfy(action -> {
            assertThat(action.get("index").get("_index").asText()).isIn("logs-" + day, "logs-" + dayAfter(day));
            assertThat(action.get("index").get("_id").asText()).isNotEmpty();
        });
        Thread.sleep(500);
        assertThat(s3.listObjectsV2(b -> b.bucket("search-backup")).contents()).isEmpty();
    }

    private static String dayAfter(String day) {
        return java.time.LocalDate.parse(day).plusDays(1).toString();
    }

    @Test
    void aRefusedDocumentIsRetriedThenGoesToTheS3Backup() throws Exception {
        s3.createBucket(b -> b.bucket("es-backup"));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("to-elasticsearch")
                .elasticsearchDestinationConfiguration(d -> d.clusterEndpoint(base)
                        .indexName("legacy")
                        .typeName("_doc")
                        .indexRotationPeriod(ElasticsearchIndexRotationPeriod.NO_ROTATION)
                        .retryOptions(r -> r.durationInSeconds(2))
                        .roleARN(ROLE)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::es-backup"))));
        FirehoseSdkIT.awaitActive(firehose, "to-elasticsearch");

        firehose.putRecordBatch(b -> b.deliveryStreamName("to-elasticsearch")
                .records(
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"ok\":1}"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("not json"))
                                .build()));

        List<S3Object> objects =
                await(() -> s3.listObjectsV2(b -> b.bucket("es-backup")).contents(), list -> !list.isEmpty());
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("elasticsearch-failed/").contains("to-elasticsearch-1-");
        List<Bulk> bulks = into("legacy");
        assertThat(bulks.size()).isGreaterThanOrEqualTo(2);
        assertThat(bulks.get(0).documents()).containsExactly("{\"ok\":1}", "not json");
        assertThat(bulks.get(1).documents()).containsExactly("not json");
        assertThat(bulks.get(0).actions().get(0).get("index").get("_type").asText())
                .isEqualTo("_doc");

        JsonNode error = JSON.readTree(s3.getObjectAsBytes(
                        b -> b.bucket("es-backup").key(objects.get(0).key()))
                .asUtf8String()
                .strip());
        assertThat(error.get("attemptsMade").asInt()).isEqualTo(bulks.size());
        assertThat(error.get("errorCode").asText()).isEqualTo("400");
        assertThat(error.get("errorMessage").asText()).contains("mapper_parsing_exception");
        assertThat(error.get("esIndexName").asText()).isEqualTo("legacy");
        assertThat(error.get("esTypeName").asText()).isEqualTo("_doc");
        assertThat(error.get("esDocumentId").asText())
                .isEqualTo(bulks.get(1).actions().get(0).get("index").get("_id").asText());
        assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("not json");
    }
}
