package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * GET /metrics, scraped over HTTP and read by the Prometheus client's own text-format parser (Debian's
 * python3-prometheus-client, which .ci/run installs), so that what is asserted is what a Prometheus server reads:
 * requests, connections and the JVM on the class's in-memory server, and after real traffic on a sync store, the
 * store's commits, a long poll waiting, and a queue's, a topic's, a stream's and a table's figures.
 */
@WharfTest
class PrometheusIT {

    private static final Path PARSER = Path.of("src/test/python/parse_prometheus.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sample as the parser read it, with the type of its family. */
    record Sample(String name, String type, Map<String, String> labels, double value) {}

    static String scrape(WharfHandle wharf) throws IOException, InterruptedException {
        return scrape(wharf.endpoint().toString());
    }

    static String scrape(String endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        Process parser = new ProcessBuilder("/usr/bin/python3", PARSER.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        parser.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        parser.getOutputStream().close();
        String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parser.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(parser.exitValue())
                .as("the Prometheus parser reads the whole exposition")
                .isZero();
        List<Sample> samples = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode sample = JSON.readTree(line);
            Map<String, String> labels = new java.util.TreeMap<>();
            sample.path("labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(
                    sample.path("name").asText(),
                    sample.path("type").asText(),
                    labels,
                    sample.path("value").asDouble(Double.NaN)));
        }
        return samples;
    }

    static List<Sample> named(List<Sample> samples, String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The one sample of that name whose labels include these, as name and value pairs. */
    static Sample sample(List<Sample> samples, String name, String... labels) {
        Map<String, String> wanted = new java.util.TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = named(samples, name).stream()
                .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
        assertThat(found).as(name + wanted).hasSize(1);
        return found.getFirst();
    }

    static double value(List<Sample> samples, String name, String... labels) {
        return sample(samples, name, labels).value();
    }

    @Test
    void theScrapeIsValidPrometheusTextWithRequestsConnectionsAndTheJvm(WharfHandle wharf) throws Exception {
        assertThat(Files.exists(PARSER)).isTrue();
        try (SqsClient sqs = wharf.sqs()) {
            String queue = sqs.createQueue(b -> b.queueName("scraped")).queueUrl();
            for (int i = 0; i < 3; i++) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            }
            List<Sample> samples = parse(scrape(wharf));

            assertThat(named(samples, "wharf_requests_seconds_count"))
                    .filteredOn(sample -> sample.labels()
                            .equals(Map.of("service", "sqs", "operation", "SendMessage", "status", "200")))
                    .singleElement()
                    .extracting(Sample::value)
                    .isEqualTo(3.0);
            assertThat(named(samples, "wharf_requests_seconds_bucket"))
                    .filteredOn(sample -> "SendMessage".equals(sample.labels().get("operation"))
                            && "+Inf".equals(sample.labels().get("le")))
                    .singleElement()
                    .extracting(Sample::value)
                    .isEqualTo(3.0);
            assertThat(named(samples, "wharf_connections_open"))
                    .singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1.0));
            assertThat(named(samples, "jvm_memory_used_bytes")).isNotEmpty();
        }
    }

    @Test
    void withMetricsOffTheScrapeHasTheJvmButNoRequests() throws Exception {
        try (WharfServer server = LocalWharf.inMemory(new WharfConfig.CloudWatch(60, false));
                SqsClient sqs = LocalWharf.client(SqsClient.builder(), server.endpoint())) {
            String queue = sqs.createQueue(b -> b.queueName("unmeasured")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            List<Sample> samples = parse(scrape(server.endpoint()));

            assertThat(named(samples, "wharf_requests_seconds_count")).isEmpty();
            assertThat(named(samples, "jvm_memory_used_bytes")).isNotEmpty();
        }
    }

    @Test
    void realTrafficShowsTheStoresCommitsALongPollTopicsAndStreams(@TempDir Path dataDir) throws Exception {
        // The sync store, so that fsyncs are shown, and the services' figures every second rather than every minute.
        try (WharfServer server = LocalWharf.start(dataDir, DurabilityMode.SYNC, new WharfConfig.CloudWatch(1));
                SqsClient sqs = LocalWharf.client(SqsClient.builder(), server.endpoint());
                SnsClient sns = LocalWharf.sns(server.endpoint());
                KinesisClient kinesis = LocalWharf.client(KinesisClient.builder(), server.endpoint());
                DynamoDbClient dynamoDb = LocalWharf.client(DynamoDbClient.builder(), server.endpoint());
                ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            String endpoint = server.endpoint();
            // The first scrape has the store report its commits from then on.
            assertThat(value(parse(scrape(endpoint)), "wharf_store_commit_seconds_count"))
                    .isGreaterThanOrEqualTo(0.0);

            String jobs = sqs.createQueue(b -> b.queueName("prom-jobs")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(jobs).messageBody("job"));
            String idle = sqs.createQueue(b -> b.queueName("prom-idle")).queueUrl();
            Future<ReceiveMessageResponse> poll = pollers.submit(
                    () -> sqs.receiveMessage(b -> b.queueUrl(idle).waitTimeSeconds(20)));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(value(parse(scrape(endpoint)), "wharf_sqs_long_polls_waiting"))
                            .isEqualTo(1.0));

            String topic = sns.createTopic(b -> b.name("prom-orders")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(sqs, idle)));
            sns.publish(b -> b.topicArn(topic).message("order"));
            assertThat(poll.get(10, TimeUnit.SECONDS).messages())
                    .as("the long poll got the topic's notification")
                    .hasSize(1);

            kinesis.createStream(b -> b.streamName("prom-clicks").shardCount(1));
            try (KinesisWaiter waiter = KinesisWaiter.builder().client(kinesis).build()) {
                waiter.waitUntilStreamExists(b -> b.streamName("prom-clicks"));
            }
            kinesis.putRecord(
                    b -> b.streamName("prom-clicks").partitionKey("k").data(SdkBytes.fromUtf8String("click")));
            String iterator = kinesis.getShardIterator(b -> b.streamName("prom-clicks")
                            .shardId("shardId-000000000000")
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records())
                    .hasSize(1);

            dynamoDb.createTable(b -> b.tableName("prom-carts")
                    .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamoDb.putItem(b -> b.tableName("prom-carts").item(Map.of("pk", AttributeValue.fromS("cart-1"))));
            assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("prom-carts")
                            .item(Map.of("pk", AttributeValue.fromS("cart-1")))
                            .conditionExpression("attribute_not_exists(pk)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
            assertThatThrownBy(() -> dynamoDb.describeTable(b -> b.tableName("prom-missing")))
                    .isInstanceOf(ResourceNotFoundException.class);

            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        List<Sample> samples = parse(scrape(endpoint));
                        assertThat(value(samples, "wharf_sqs_messages_sent_total", "queue", "prom-jobs"))
                                .isEqualTo(1.0);
                        assertThat(value(samples, "wharf_sns_messages_published_total", "topic", "prom-orders"))
                                .isEqualTo(1.0);
                        assertThat(value(samples, "wharf_sns_notifications_delivered_total", "topic", "prom-orders"))
                                .isEqualTo(1.0);
                        assertThat(value(samples, "wharf_kinesis_incoming_records_total", "stream", "prom-clicks"))
                                .isEqualTo(1.0);
                        assertThat(value(samples, "wharf_kinesis_get_records_records_total", "stream", "prom-clicks"))
                                .isEqualTo(1.0);
                        assertThat(value(
                                        samples,
                                        "wharf_dynamodb_consumed_write_capacity_units_total",
                                        "table",
                                        "prom-carts"))
                                .as("the put's unit and the failed put's")
                                .isEqualTo(2.0);
                        assertThat(value(
                                        samples,
                                        "wharf_dynamodb_conditional_check_failed_requests_total",
                                        "table",
                                        "prom-carts"))
                                .isEqualTo(1.0);
                        assertThat(value(samples, "wharf_dynamodb_user_errors_total", "account", "000000000000"))
                                .isEqualTo(1.0);
                    });

            List<Sample> samples = parse(scrape(endpoint));
            assertThat(value(samples, "wharf_sqs_long_polls_waiting")).isZero();
            assertThat(sample(
                            samples,
                            "wharf_sns_publish_size_bytes_total",
                            "account",
                            "000000000000",
                            "topic",
                            "prom-orders"))
                    .satisfies(s -> assertThat(s.type()).isEqualTo("counter"))
                    .satisfies(s -> assertThat(s.value()).isEqualTo(5.0));
            assertThat(sample(samples, "wharf_kinesis_put_record_latency_seconds_count", "stream", "prom-clicks"))
                    .satisfies(s -> assertThat(s.type()).isEqualTo("summary"))
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
            assertThat(value(samples, "wharf_kinesis_put_record_latency_seconds_sum", "stream", "prom-clicks"))
                    .isPositive()
                    .isLessThan(5.0);
            assertThat(value(samples, "wharf_kinesis_incoming_bytes_total", "stream", "prom-clicks"))
                    .as("data and partition key")
                    .isEqualTo(6.0);
            assertThat(sample(
                            samples, "wharf_dynamodb_successful_request_latency_seconds_count", "table", "prom-carts"))
                    .satisfies(s -> assertThat(s.type()).isEqualTo("summary"))
                    .satisfies(s -> assertThat(s.value())
                            .as("the one put that succeeded")
                            .isEqualTo(1.0));
            assertThat(value(samples, "wharf_dynamodb_provisioned_write_capacity_units", "table", "prom-carts"))
                    .as("an on-demand table has no provisioned capacity")
                    .isNaN();

            // Every commit since the first scrape: the queues', the topic's, the stream's and CloudWatch's own.
            Sample commits = sample(samples, "wharf_store_commit_seconds_count");
            assertThat(commits.type()).isEqualTo("histogram");
            assertThat(commits.value()).isGreaterThanOrEqualTo(5.0);
            assertThat(value(samples, "wharf_store_commit_seconds_sum"))
                    .isPositive()
                    .isLessThan(commits.value());
            assertThat(value(samples, "wharf_store_commit_seconds_bucket", "le", "+Inf"))
                    .isGreaterThanOrEqualTo(commits.value());
            assertThat(value(samples, "wharf_store_fsync_seconds_count")).isPositive();
            assertThat(value(samples, "wharf_store_fsync_seconds_sum"))
                    .isPositive()
                    .isLessThanOrEqualTo(value(samples, "wharf_store_commit_seconds_sum"));
            assertThat(value(samples, "wharf_store_group_commit_writes_count")).isPositive();
            assertThat(value(samples, "wharf_store_group_commit_writes_bucket", "le", "1.0"))
                    .as("commits one at a time are groups of one")
                    .isPositive();
            assertThat(value(samples, "wharf_store_group_commit_bytes_sum")).isPositive();
        }
    }

    private static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
