package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose's record pipeline through the SDK for Java v2 against a real Wharf: a Lambda transformation whose function
 * is a real HTTP server in this test, reached through the {@code sns.lambda} mapping a user configures, and dynamic
 * partitioning by a JQ query, each read back through the S3 client.
 */
class FirehoseProcessingIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:upper";
    private static final String INVOCATIONS = "/2015-03-31/functions/function/invocations";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private static HttpServer function;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        function = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        function.createContext(INVOCATIONS, exchange -> {
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            events.add(event);
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode records = answer.putArray("records");
            for (JsonNode record : event.get("records")) {
                String data =
                        new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8);
                records.addObject()
                        .put("recordId", record.get("recordId").asText())
                        .put("result", data.equals("drop") ? "Dropped" : "Ok")
                        .put(
                                "data",
                                Base64.getEncoder()
                                        .encodeToString((data.toUpperCase(Locale.ROOT) + "\n")
                                                .getBytes(StandardCharsets.UTF_8)));
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        function.start();
        String url = "http://127.0.0.1:" + function.getAddress().getPort() + INVOCATIONS;
        // As a user maps a function in the config file's sns.lambda section (or WHARF_SNS_LAMBDA).
        server = LocalWharf.inMemory(new WharfConfig.Sns(Map.of(FUNCTION, url), null, false));
        URI endpoint = URI.create(server.endpoint());
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
        s3 = S3DurabilityIT.client(endpoint);
    }

    @AfterAll
    static void stop() {
        firehose.close();
        s3.close();
        server.close();
        function.stop(0);
    }

    private static List<S3Object> await(String bucket, String prefix, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            List<S3Object> objects =
                    s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
            if (objects.size() >= count || Instant.now().isAfter(deadline)) {
                return objects;
            }
            Thread.sleep(100);
        }
    }

    private static String body(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void aLambdaProcessorTransformsRecordsThroughTheConfiguredFunction() throws Exception {
        s3.createBucket(b -> b.bucket("transformed"));
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName("upper").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::transformed")
                        .prefix("out/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .processingConfiguration(p -> p.enabled(true).processors(r -> r.type(ProcessorType.LAMBDA)
                                .parameters(
                                        q -> q.parameterName(ProcessorParameterName.LAMBDA_ARN)
                                                .parameterValue(FUNCTION),
                                        q -> q.parameterName(ProcessorParameterName.NUMBER_OF_RETRIES)
                                                .parameterValue("1"))))));
        FirehoseSdkIT.awaitActive(firehose, "upper");

        firehose.putRecordBatch(b -> b.deliveryStreamName("upper")
                .records(
                        Record.builder().data(SdkBytes.fromUtf8String("alpha")).build(),
                        Record.builder().data(SdkBytes.fromUtf8String("drop")).build(),
                        Record.builder().data(SdkBytes.fromUtf8String("beta")).build()));

        List<S3Object> objects = await("transformed", "out/", 1);
        assertThat(objects).hasSize(1);
        assertThat(body("transformed", objects.get(0).key())).isEqualTo("ALPHA\nBETA\n");
        JsonNode event = events.stream()
                .filter(e -> e.get("deliveryStreamArn").asText().endsWith("/upper"))
                .findFirst()
                .orElseThrow();
        assertThat(event.get("deliveryStreamArn").asText())
                .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/upper");
        assertThat(event.get("records")).hasSize(3);
    }

    @Test
    void cloudWatchLogsRecordsAreDecompressedTheirMessagesExtractedAndTheSourceBackedUp() throws Exception {
        s3.createBucket(b -> b.bucket("log-lines"));
        s3.createBucket(b -> b.bucket("log-source"));
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName("logs").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::log-lines")
                        .prefix("lines/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .processingConfiguration(p -> p.enabled(true)
                                .processors(
                                        r -> r.type(ProcessorType.DECOMPRESSION).parameters(q -> q.parameterName(
                                                        ProcessorParameterName.COMPRESSION_FORMAT)
                                                .parameterValue("GZIP")),
                                        r -> r.type(ProcessorType.CLOUD_WATCH_LOG_PROCESSING)
                                                .parameters(q -> q.parameterName(
                                                                ProcessorParameterName.DATA_MESSAGE_EXTRACTION)
                                                        .parameterValue("true")),
                                        r -> r.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))
                        .s3BackupMode(S3BackupMode.ENABLED)
                        .s3BackupConfiguration(c -> c.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::log-source")
                                .prefix("source/")
                                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)))));
        FirehoseSdkIT.awaitActive(firehose, "logs");
        assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("logs"))
                        .deliveryStreamDescription()
                        .destinations()
                        .get(0)
                        .extendedS3DestinationDescription()
                        .s3BackupDescription()
                        .bucketARN())
                .isEqualTo("arn:aws:s3:::log-source");

        String logs = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"000000000000\",\"logGroup\":\"/app\","
                + "\"logStream\":\"web\",\"subscriptionFilters\":[\"all\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1764694800000,\"message\":\"GET /a 200\"},"
                + "{\"id\":\"2\",\"timestamp\":1764694800001,\"message\":\"GET /b 404\"}]}";
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
            out.write(logs.getBytes(StandardCharsets.UTF_8));
        }
        byte[] record = gzipped.toByteArray();
        firehose.putRecord(b -> b.deliveryStreamName("logs").record(r -> r.data(SdkBytes.fromByteArray(record))));

        List<S3Object> lines = await("log-lines", "lines/", 1);
        assertThat(lines).hasSize(1);
        assertThat(body("log-lines", lines.get(0).key())).isEqualTo("GET /a 200\nGET /b 404\n");
        List<S3Object> source = await("log-source", "source/", 1);
        assertThat(source).hasSize(1);
        assertThat(s3.getObjectAsBytes(
                                b -> b.bucket("log-source").key(source.get(0).key()))
                        .asByteArray())
                .as("the backup holds the record as it was put, still GZIP")
                .isEqualTo(record);
    }

    @Test
    void dynamicPartitioningWritesOneObjectPerCustomer() throws Exception {
        s3.createBucket(b -> b.bucket("partitioned"));
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName("by-customer").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::partitioned")
                        .prefix("customer_id=!{partitionKeyFromQuery:customer_id}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(0))
                        .dynamicPartitioningConfiguration(p -> p.enabled(true))
                        .processingConfiguration(p -> p.enabled(true)
                                .processors(
                                        r -> r.type(ProcessorType.METADATA_EXTRACTION)
                                                .parameters(
                                                        q -> q.parameterName(
                                                                        ProcessorParameterName
                                                                                .METADATA_EXTRACTION_QUERY)
                                                                .parameterValue("{customer_id: .customer_id}"),
                                                        q -> q.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE)
                                                                .parameterValue("JQ-1.6")),
                                        r -> r.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))));
        FirehoseSdkIT.awaitActive(firehose, "by-customer");

        firehose.putRecordBatch(b -> b.deliveryStreamName("by-customer")
                .records(
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"customer_id\":\"42\",\"n\":1}"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"customer_id\":\"7\",\"n\":2}"))
                                .build(),
                        Record.builder()
                                .data(SdkBytes.fromUtf8String("{\"customer_id\":\"42\",\"n\":3}"))
                                .build()));

        List<S3Object> first = await("partitioned", "customer_id=42/", 1);
        List<S3Object> second = await("partitioned", "customer_id=7/", 1);
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(body("partitioned", first.get(0).key()))
                .isEqualTo("{\"customer_id\":\"42\",\"n\":1}\n{\"customer_id\":\"42\",\"n\":3}\n");
        assertThat(body("partitioned", second.get(0).key())).isEqualTo("{\"customer_id\":\"7\",\"n\":2}\n");
        assertThat(first.get(0).key()).matches("customer_id=42/by-customer-1-\\d{4}(-\\d\\d){5}-[0-9a-f-]{36}");
    }
}
