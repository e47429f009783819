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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HECEndpointType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.SplunkDestinationDescription;
import software.amazon.awssdk.services.firehose.model.SplunkS3BackupMode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Splunk destination through the SDK for Java v2 against a real Wharf, delivering to a real HTTP Event Collector
 * stand-in (the JDK's HttpServer on a free port) that checks the token, answers with ackIds and serves {@code
 * /services/collector/ack}; and the S3 backup, read back through the S3 client, after a collector that refuses the
 * token.
 */
class FirehoseSplunkIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String TOKEN = "11111111-2222-3333-4444-555555555555";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the collector saw it.
     *
     * @param headers its headers, by lower-case name
     */
    record Received(String path, Map<String, String> headers, String body) {}

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many times each ackId was asked about; the collector reports it indexed at the second query. */
    private static final Map<Long, Integer> queries = new ConcurrentHashMap<>();

    private static final AtomicLong nextAck = new AtomicLong();
    private static HttpServer collector;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/services/collector", FirehoseSplunkIT::collect);
        collector.createContext("/refusing/services/collector", exchange -> {
            receive(exchange);
            answer(exchange, 403, "{\"text\":\"Invalid token\",\"code\":4}");
        });
        collector.start();
        base = "http://127.0.0.1:" + collector.getAddress().getPort();
        server = LocalWharf.inMemory(WharfConfig.Sns.defaults());
        firehose = LocalWharf.client(FirehoseClient.builder(), server.endpoint());
        s3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        firehose.close();
        s3.close();
        server.close();
        collector.stop(0);
    }

    /** HEC as Firehose needs it: the token and a channel on every request, an ackId per post, and the ack service. */
    private static void collect(HttpExchange exchange) throws IOException {
        Received seen = receive(exchange);
        if (!("Splunk " + TOKEN).equals(seen.headers().get("authorization"))) {
            answer(exchange, 401, "{\"text\":\"Invalid authorization\",\"code\":3}");
            return;
        }
        if (seen.headers().get("x-splunk-request-channel") == null) {
            answer(exchange, 400, "{\"text\":\"Data channel is missing\",\"code\":10}");
            return;
        }
        if (seen.path().equals("/services/collector/ack")) {
            StringBuilder acks = new StringBuilder();
            for (JsonNode id : JSON.readTree(seen.body()).get("acks")) {
                int asked = queries.merge(id.asLong(), 1, Integer::sum);
                acks.append(acks.isEmpty() ? "" : ",")
                        .append('"')
                        .append(id.asLong())
                        .append("\":")
                        .append(asked >= 2);
            }
            answer(exchange, 200, "{\"acks\":{" + acks + "}}");
            return;
        }
        answer(exchange, 200, "{\"text\":\"Success\",\"code\":0,\"ackId\":" + nextAck.getAndIncrement() + "}");
    }

    private static Received receive(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Received seen =
                new Received(exchange.getRequestURI().getPath(), headers, new String(raw, StandardCharsets.UTF_8));
        received.add(seen);
        return seen;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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

    private static List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void eventsArePostedToTheCollectorAndAcknowledged() throws Exception {
        s3.createBucket(b -> b.bucket("splunk-backup"));
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName("to-splunk").splunkDestinationConfiguration(d -> d.hecEndpoint(base)
                        .hecEndpointType(HECEndpointType.EVENT)
                        .hecToken(TOKEN)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::splunk-backup"))));
        FirehoseSdkIT.awaitActive(firehose, "to-splunk");

        SplunkDestinationDescription described = firehose.describeDeliveryStream(b -> b.deliveryStreamName("to-splunk"))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .splunkDestinationDescription();
        assertThat(described.hecEndpoint()).isEqualTo(base);
        assertThat(described.hecEndpointType()).isEqualTo(HECEndpointType.EVENT);
        assertThat(described.hecToken()).isEqualTo(TOKEN);
        assertThat(described.hecAcknowledgmentTimeoutInSeconds()).isEqualTo(180);
        assertThat(described.retryOptions().durationInSeconds()).isEqualTo(3600);
        assertThat(described.s3BackupMode()).isEqualTo(SplunkS3BackupMode.FAILED_EVENTS_ONLY);

        firehose.putRecordBatch(b -> b.deliveryStreamName("to-splunk")
                .records(
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"event\":\"one\"}"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"event\":{\"n\":2}}"))
                                .build()));

        List<Received> acks = await(() -> at("/services/collector/ack"), list -> list.size() >= 2);
        List<Received> posts = at("/services/collector/event");
        assertThat(posts).hasSize(1);
        Received post = posts.get(0);
        assertThat(post.headers())
                .containsEntry("authorization", "Splunk " + TOKEN)
                .containsEntry("content-type", "application/json");
        String channel = post.headers().get("x-splunk-request-channel");
        assertThat(channel).matches("[0-9a-f-]{36}");
        assertThat(post.body()).isEqualTo("{\"event\":\"one\"}{\"event\":{\"n\":2}}");
        long ackId = queries.keySet().iterator().next();
        assertThat(acks).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.headers()).containsEntry("x-splunk-request-channel", channel);
            assertThat(ack.body()).isEqualTo("{\"acks\":[" + ackId + "]}");
        });
        // Acknowledged at the second query: no more queries, no new post, and nothing in the backup bucket.
        Thread.sleep(1500);
        assertThat(at("/services/collector/ack")).hasSize(2);
        assertThat(at("/services/collector/event")).hasSize(1);
        assertThat(s3.listObjectsV2(b -> b.bucket("splunk-backup")).contents()).isEmpty();
    }

    @Test
    void aCollectorThatRefusesTheTokenIsRetriedThenTheEventsGoToTheS3Backup() throws Exception {
        s3.createBucket(b -> b.bucket("splunk-failed-backup"));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("to-refusing")
                .splunkDestinationConfiguration(d -> d.hecEndpoint(base + "/refusing")
                        .hecEndpointType(HECEndpointType.RAW)
                        .hecToken("wrong")
                        .retryOptions(r -> r.durationInSeconds(2))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::splunk-failed-backup"))));
        FirehoseSdkIT.awaitActive(firehose, "to-refusing");

        firehose.putRecord(
                b -> b.deliveryStreamName("to-refusing").record(r -> r.data(SdkBytes.fromUtf8String("raw line\n"))));

        List<S3Object> objects = await(
                () -> s3.listObjectsV2(b -> b.bucket("splunk-failed-backup")).contents(), list -> !list.isEmpty());
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("splunk-failed/").contains("to-refusing-1-");
        List<Received> posts = at("/refusing/services/collector/raw");
        assertThat(posts.size()).isGreaterThanOrEqualTo(2);
        assertThat(posts.get(0).headers()).containsEntry("authorization", "Splunk wrong");

        String body = s3.getObjectAsBytes(
                        b -> b.bucket("splunk-failed-backup").key(objects.get(0).key()))
                .asUtf8String();
        JsonNode error = JSON.readTree(body.strip());
        assertThat(error.get("attemptsMade").asInt()).isEqualTo(posts.size());
        assertThat(error.get("errorCode").asText()).isEqualTo("Splunk.InvalidToken");
        assertThat(error.get("errorMessage").asText())
                .isEqualTo("The HEC token is invalid. Update Kinesis Firehose with a valid HEC token.");
        assertThat(error.get("arrivalTimestamp").isIntegralNumber()).isTrue();
        assertThat(error.get("attemptEndingTimestamp").isIntegralNumber()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("raw line\n");
    }
}
