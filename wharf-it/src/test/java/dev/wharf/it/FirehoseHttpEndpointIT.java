package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The HTTP endpoint destination through the SDK for Java v2 against a real Wharf, delivering to a real receiver (the
 * JDK's HttpServer on a free port): the headers and body of Firehose's request format, gzip, and the S3 backup in
 * Wharf's own S3, read back through the S3 client, after a receiver that answers 500.
 */
class FirehoseHttpEndpointIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as the receiver saw it.
     *
     * @param headers its headers, by lower-case name
     * @param body its body, decompressed when gzip-encoded
     */
    record Received(String path, Map<String, String> headers, byte[] raw, JsonNode body) {}

    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> {
            Received seen = receive(exchange);
            answer(
                    exchange,
                    200,
                    "{\"requestId\":\"" + seen.body().get("requestId").asText() + "\",\"timestamp\":"
                            + System.currentTimeMillis() + "}");
        });
        receiver.createContext("/fail", exchange -> {
            Received seen = receive(exchange);
            answer(
                    exchange,
                    500,
                    "{\"requestId\":\"" + seen.body().get("requestId").asText() + "\",\"timestamp\":"
                            + System.currentTimeMillis() + ",\"errorMessage\":\"receiver down\"}");
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        server = LocalWharf.inMemory(WharfConfig.Sns.defaults());
        firehose = LocalWharf.client(FirehoseClient.builder(), server.endpoint());
        s3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        firehose.close();
        s3.close();
        server.close();
        receiver.stop(0);
    }

    private static Received receive(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        byte[] decoded = "gzip".equals(headers.get("content-encoding"))
                ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes()
                : raw;
        Received seen = new Received(exchange.getRequestURI().getPath(), headers, raw, JSON.readTree(decoded));
        received.add(seen);
        return seen;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
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

    private static List<String> data(JsonNode body) {
        List<String> records = new ArrayList<>();
        for (JsonNode record : body.get("records")) {
            records.add(new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void recordsArePostedInFirehoseRequestFormat() throws Exception {
        s3.createBucket(b -> b.bucket("http-backup"));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("to-receiver")
                .httpEndpointDestinationConfiguration(d -> d.endpointConfiguration(
                                e -> e.url(base + "/ok").name("receiver").accessKey("key-123"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .requestConfiguration(r -> r.contentEncoding(ContentEncoding.GZIP)
                                .commonAttributes(a -> a.attributeName("env").attributeValue("test")))
                        .roleARN(ROLE)
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::http-backup"))));
        FirehoseSdkIT.awaitActive(firehose, "to-receiver");

        HttpEndpointDestinationDescription described = firehose.describeDeliveryStream(
                        b -> b.deliveryStreamName("to-receiver"))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .httpEndpointDestinationDescription();
        assertThat(described.endpointConfiguration().url()).isEqualTo(base + "/ok");
        assertThat(described.endpointConfiguration().name()).isEqualTo("receiver");
        assertThat(described.retryOptions().durationInSeconds()).isEqualTo(300);
        assertThat(described.s3BackupMode()).isEqualTo(HttpEndpointS3BackupMode.FAILED_DATA_ONLY);

        firehose.putRecordBatch(b -> b.deliveryStreamName("to-receiver")
                .records(
                        Record.builder().data(SdkBytes.fromUtf8String("one")).build(),
                        Record.builder().data(SdkBytes.fromUtf8String("two")).build()));

        List<Received> posts = await(() -> at("/ok"), list -> !list.isEmpty());
        assertThat(posts).hasSize(1);
        Received post = posts.get(0);
        String requestId = post.body().get("requestId").asText();
        assertThat(post.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("content-encoding", "gzip")
                .containsEntry("x-amz-firehose-protocol-version", "1.0")
                .containsEntry("x-amz-firehose-request-id", requestId)
                .containsEntry(
                        "x-amz-firehose-source-arn",
                        "arn:aws:firehose:us-east-1:000000000000:deliverystream/to-receiver")
                .containsEntry("x-amz-firehose-access-key", "key-123")
                .containsEntry("x-amz-firehose-common-attributes", "{\"commonAttributes\":{\"env\":\"test\"}}");
        assertThat(post.raw()[0] & 0xff).isEqualTo(0x1f);
        assertThat(post.body().get("timestamp").isIntegralNumber()).isTrue();
        assertThat(data(post.body())).containsExactly("one", "two");
        // Accepted: nothing is written to the backup bucket (FailedDataOnly).
        Thread.sleep(500);
        assertThat(s3.listObjectsV2(b -> b.bucket("http-backup")).contents()).isEmpty();
    }

    @Test
    void aReceiverThatAnswers500IsRetriedThenTheRecordsGoToTheS3Backup() throws Exception {
        s3.createBucket(b -> b.bucket("failed-backup"));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("to-failing")
                .httpEndpointDestinationConfiguration(d -> d.endpointConfiguration(e -> e.url(base + "/fail"))
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .retryOptions(r -> r.durationInSeconds(2))
                        .roleARN(ROLE)
                        .s3Configuration(s -> s.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::failed-backup")
                                .errorOutputPrefix("errors/"))));
        FirehoseSdkIT.awaitActive(firehose, "to-failing");

        firehose.putRecord(
                b -> b.deliveryStreamName("to-failing").record(r -> r.data(SdkBytes.fromUtf8String("lost?"))));

        List<S3Object> objects =
                await(() -> s3.listObjectsV2(b -> b.bucket("failed-backup")).contents(), list -> !list.isEmpty());
        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).key()).startsWith("errors/").contains("to-failing-1-");
        List<Received> posts = at("/fail");
        assertThat(posts.size()).isGreaterThanOrEqualTo(2);
        assertThat(posts)
                .extracting(r -> r.headers().get("x-amz-firehose-request-id"))
                .containsOnly(posts.get(0).body().get("requestId").asText());
        assertThat(posts.get(0).headers())
                .doesNotContainKey("content-encoding")
                .doesNotContainKey("x-amz-firehose-access-key");

        String body = s3.getObjectAsBytes(
                        b -> b.bucket("failed-backup").key(objects.get(0).key()))
                .asUtf8String();
        JsonNode error = JSON.readTree(body.strip());
        assertThat(error.get("attemptsMade").asInt()).isEqualTo(posts.size());
        assertThat(error.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(error.get("errorMessage").asText())
                .startsWith("The following response was received from the endpoint destination. 500: ")
                .contains("receiver down");
        assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("lost?");
    }
}
