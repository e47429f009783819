package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.kinesis.api.StatisticSet;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.StorageEngine;
import dev.wharf.storage.rocksdb.RocksDbStorageEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What /metrics shows of the services' interval figures, SQS's long polls and the store's commits, read back from the
 * scrape's text: counters that add each interval, gauges of the latest one, meters that go with their resource, and
 * the bound on the values of a client-named tag.
 */
class ServerMetricsTest {

    private static final String ACCOUNT = "000000000000";
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final AtomicInteger longPolls = new AtomicInteger();

    // JUnit injects it before each test.
    @SuppressWarnings("NullAway.Init")
    @TempDir
    Path dataDir;

    /** One sample of the scrape. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private ServerMetrics metrics(StorageEngine storage, int maxTagValues) {
        return new ServerMetrics(() -> 1, longPolls::get, storage, maxTagValues);
    }

    private ServerMetrics metrics() {
        return metrics(new MemoryStorageEngine(), 1_000);
    }

    private static List<Sample> scrape(ServerMetrics metrics) {
        String text = new String(metrics.scrape().body(), StandardCharsets.UTF_8);
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }

    /** The value of the one sample of that name whose labels include these. */
    private static double value(List<Sample> samples, String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
        assertThat(found).as(name + " " + wanted).hasSize(1);
        return found.getFirst().value();
    }

    private static Set<String> names(List<Sample> samples) {
        Set<String> names = new java.util.TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    private static QueueMetrics queue(String name, long visible, long sent) {
        return new QueueMetrics(
                ACCOUNT, name, false, visible, 0, 0, 7, sent, 0, 0, 1, QueueMetrics.StatisticSet.EMPTY, 0);
    }

    private static TopicMetrics topic(String name, long published, long delivered) {
        return new TopicMetrics(
                ACCOUNT,
                name,
                published,
                delivered,
                0,
                3,
                2,
                1,
                0,
                0,
                0,
                0,
                published == 0 ? null : new dev.wharf.sns.api.StatisticSet(published, 10.0 * published, 10, 10));
    }

    private static StatisticSet set(long count, double sum, double min, double max) {
        return new StatisticSet(count, sum, min, max);
    }

    /** A stream's interval of two PutRecords of 3 records and 300 bytes, and one GetRecords 1.5 s behind. */
    private static StreamMetrics stream(String name) {
        return new StreamMetrics(
                ACCOUNT,
                name,
                set(2, 300, 100, 200),
                set(2, 3, 1, 2),
                set(2, 300, 100, 200),
                set(2, 2, 1, 1),
                set(2, 30, 10, 20),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                set(1, 300, 300, 300),
                set(1, 3, 3, 3),
                set(1, 1, 1, 1),
                set(1, 5, 5, 5),
                set(1, 1_500, 1_500, 1_500),
                set(2, 1, 0, 1),
                set(1, 0, 0, 0),
                List.of());
    }

    @Test
    void intervalsBeforeTheFirstScrapeMakeNoRegistryAndShowNothing() {
        ServerMetrics metrics = metrics();
        metrics.onQueues(List.of(queue("early", 1, 5)));
        metrics.onTopics(List.of(topic("early", 1, 0)), (account, topic) -> true);

        List<Sample> samples = scrape(metrics);

        assertThat(names(samples)).noneMatch(name -> name.startsWith("wharf_sqs_messages"));
        assertThat(names(samples)).noneMatch(name -> name.startsWith("wharf_sns_"));
    }

    @Test
    void queueCountersAddEachIntervalAndItsGaugesShowTheLatest() {
        ServerMetrics metrics = metrics();
        scrape(metrics);
        metrics.onQueues(List.of(queue("jobs", 4, 5)));
        metrics.onQueues(List.of(queue("jobs", 2, 3)));

        List<Sample> samples = scrape(metrics);
        assertThat(value(samples, "wharf_sqs_messages_sent_total", "account", ACCOUNT, "queue", "jobs"))
                .isEqualTo(8);
        assertThat(value(samples, "wharf_sqs_receives_empty_total", "queue", "jobs"))
                .isEqualTo(2);
        assertThat(value(samples, "wharf_sqs_messages_visible", "queue", "jobs"))
                .isEqualTo(2);
        assertThat(value(samples, "wharf_sqs_oldest_message_age_seconds", "queue", "jobs"))
                .isEqualTo(7);

        metrics.onQueues(List.of());
        assertThat(names(scrape(metrics)))
                .as("a queue not in the snapshot is gone")
                .doesNotContain("wharf_sqs_messages_sent_total", "wharf_sqs_messages_visible");
    }

    @Test
    void aQuietTopicKeepsItsCountersAndADeletedOneLosesThem() {
        ServerMetrics metrics = metrics();
        scrape(metrics);
        Set<String> live = new java.util.HashSet<>(Set.of("orders"));
        metrics.onTopics(List.of(topic("orders", 2, 4)), (account, topic) -> live.contains(topic));
        metrics.onTopics(List.of(), (account, topic) -> live.contains(topic));
        metrics.onTopics(List.of(topic("orders", 1, 1)), (account, topic) -> live.contains(topic));

        List<Sample> samples = scrape(metrics);
        assertThat(value(samples, "wharf_sns_messages_published_total", "account", ACCOUNT, "topic", "orders"))
                .isEqualTo(3);
        assertThat(value(samples, "wharf_sns_publish_size_bytes_total", "topic", "orders"))
                .isEqualTo(30);
        assertThat(value(samples, "wharf_sns_notifications_delivered_total", "topic", "orders"))
                .isEqualTo(5);
        assertThat(value(samples, "wharf_sns_notifications_filtered_out_total", "topic", "orders"))
                .isEqualTo(6);
        assertThat(value(samples, "wharf_sns_notifications_filtered_out_message_attributes_total", "topic", "orders"))
                .isEqualTo(4);

        live.clear();
        metrics.onTopics(List.of(), (account, topic) -> live.contains(topic));
        assertThat(names(scrape(metrics))).noneMatch(name -> name.startsWith("wharf_sns_"));
    }

    @Test
    void aStreamShowsSumsLatencySummariesAndTheLatestIteratorAge() {
        ServerMetrics metrics = metrics();
        scrape(metrics);
        metrics.onStreams(List.of(stream("clicks")), (account, stream) -> true);
        metrics.onStreams(List.of(stream("clicks")), (account, stream) -> true);

        List<Sample> samples = scrape(metrics);
        assertThat(value(samples, "wharf_kinesis_incoming_bytes_total", "account", ACCOUNT, "stream", "clicks"))
                .isEqualTo(600);
        assertThat(value(samples, "wharf_kinesis_incoming_records_total", "stream", "clicks"))
                .isEqualTo(6);
        assertThat(value(samples, "wharf_kinesis_put_record_latency_seconds_count", "stream", "clicks"))
                .isEqualTo(4);
        assertThat(value(samples, "wharf_kinesis_put_record_latency_seconds_sum", "stream", "clicks"))
                .isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(samples, "wharf_kinesis_put_records_latency_seconds_count", "stream", "clicks"))
                .isZero();
        assertThat(value(samples, "wharf_kinesis_get_records_records_total", "stream", "clicks"))
                .isEqualTo(6);
        assertThat(value(samples, "wharf_kinesis_get_records_iterator_age_seconds", "stream", "clicks"))
                .isEqualTo(1.5);
        assertThat(value(samples, "wharf_kinesis_write_provisioned_throughput_exceeded_total", "stream", "clicks"))
                .isEqualTo(2);

        metrics.onStreams(List.of(), (account, stream) -> true);
        samples = scrape(metrics);
        assertThat(value(samples, "wharf_kinesis_get_records_iterator_age_seconds", "stream", "clicks"))
                .as("no read in the latest interval")
                .isNaN();
        assertThat(value(samples, "wharf_kinesis_incoming_records_total", "stream", "clicks"))
                .isEqualTo(6);
    }

    @Test
    void aDeliveryStreamShowsItsSumsLatencySummariesAndTheLatestDataFreshness() {
        ServerMetrics metrics = metrics();
        scrape(metrics);
        dev.wharf.firehose.api.DeliveryStreamMetrics interval = new dev.wharf.firehose.api.DeliveryStreamMetrics(
                ACCOUNT,
                "events",
                Map.of(
                        dev.wharf.firehose.api.FirehoseMetric.INCOMING_BYTES,
                        new dev.wharf.firehose.api.StatisticSet(3, 15, 3, 7),
                        dev.wharf.firehose.api.FirehoseMetric.PUT_RECORD_LATENCY,
                        new dev.wharf.firehose.api.StatisticSet(2, 30, 10, 20),
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_S3_RECORDS,
                        new dev.wharf.firehose.api.StatisticSet(1, 5, 5, 5),
                        dev.wharf.firehose.api.FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS,
                        new dev.wharf.firehose.api.StatisticSet(1, 61, 61, 61)));
        metrics.onDeliveryStreams(List.of(interval), (account, stream) -> true);
        metrics.onDeliveryStreams(List.of(interval), (account, stream) -> true);

        List<Sample> samples = scrape(metrics);
        assertThat(value(
                        samples,
                        "wharf_firehose_incoming_bytes_total",
                        "account",
                        ACCOUNT,
                        "delivery_stream",
                        "events"))
                .isEqualTo(30);
        assertThat(value(samples, "wharf_firehose_put_record_latency_seconds_count", "delivery_stream", "events"))
                .isEqualTo(4);
        assertThat(value(samples, "wharf_firehose_put_record_latency_seconds_sum", "delivery_stream", "events"))
                .isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(samples, "wharf_firehose_delivery_to_s3_records_total", "delivery_stream", "events"))
                .isEqualTo(10);
        assertThat(value(samples, "wharf_firehose_delivery_to_s3_data_freshness_seconds", "delivery_stream", "events"))
                .isEqualTo(61);

        metrics.onDeliveryStreams(List.of(), (account, stream) -> false);
        assertThat(scrape(metrics).stream().map(Sample::name).filter(name -> name.startsWith("wharf_firehose_")))
                .as("a deleted stream's meters go")
                .isEmpty();
    }

    /** An interval of a provisioned table: 3 write requests of 4 units, 2 Queries of 1 unit and 5 items, a failure. */
    private static TableMetrics table(String name) {
        dev.wharf.dynamodb.api.StatisticSet queries = new dev.wharf.dynamodb.api.StatisticSet(2, 5, 2, 3);
        return new TableMetrics(
                ACCOUNT,
                name,
                new dev.wharf.dynamodb.api.StatisticSet(2, 1, 0.5, 0.5),
                new dev.wharf.dynamodb.api.StatisticSet(3, 4, 1, 2),
                5L,
                10L,
                1,
                List.of(new TableMetrics.Index(
                        "byG", null, new dev.wharf.dynamodb.api.StatisticSet(1, 9, 9, 9), 1L, 1L)),
                List.of(
                        new TableMetrics.Operation(
                                "PutItem", new dev.wharf.dynamodb.api.StatisticSet(2, 6, 2, 4), null, 1),
                        new TableMetrics.Operation(
                                "Query", new dev.wharf.dynamodb.api.StatisticSet(2, 4, 2, 2), queries, 0)));
    }

    @Test
    void aTableShowsItsSumsLatencyAndCapacityAndAnAccountItsUserErrors() {
        ServerMetrics metrics = metrics();
        scrape(metrics);
        Set<String> live = new java.util.HashSet<>(Set.of("orders"));
        DynamoDbMetrics interval =
                new DynamoDbMetrics(List.of(table("orders")), List.of(new DynamoDbMetrics.Account(ACCOUNT, 2)));
        metrics.onTables(interval, (account, table) -> live.contains(table));
        metrics.onTables(interval, (account, table) -> live.contains(table));

        List<Sample> samples = scrape(metrics);
        assertThat(value(
                        samples,
                        "wharf_dynamodb_consumed_write_capacity_units_total",
                        "account",
                        ACCOUNT,
                        "table",
                        "orders"))
                .as("the table's own units, twice; not the index's")
                .isEqualTo(8);
        assertThat(value(samples, "wharf_dynamodb_consumed_read_capacity_units_total", "table", "orders"))
                .isEqualTo(2);
        assertThat(value(samples, "wharf_dynamodb_provisioned_read_capacity_units", "table", "orders"))
                .isEqualTo(5);
        assertThat(value(samples, "wharf_dynamodb_provisioned_write_capacity_units", "table", "orders"))
                .isEqualTo(10);
        assertThat(value(samples, "wharf_dynamodb_conditional_check_failed_requests_total", "table", "orders"))
                .isEqualTo(2);
        assertThat(value(samples, "wharf_dynamodb_successful_request_latency_seconds_count", "table", "orders"))
                .isEqualTo(8);
        assertThat(value(samples, "wharf_dynamodb_successful_request_latency_seconds_sum", "table", "orders"))
                .isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(value(samples, "wharf_dynamodb_returned_items_total", "table", "orders"))
                .isEqualTo(10);
        assertThat(value(samples, "wharf_dynamodb_system_errors_total", "table", "orders"))
                .isEqualTo(2);
        assertThat(value(samples, "wharf_dynamodb_user_errors_total", "account", ACCOUNT))
                .isEqualTo(4);

        live.clear();
        metrics.onTables(new DynamoDbMetrics(List.of(), List.of()), (account, table) -> live.contains(table));
        samples = scrape(metrics);
        assertThat(names(samples))
                .as("a deleted table's meters go, an account's stay")
                .noneMatch(
                        name -> name.startsWith("wharf_dynamodb_") && !name.startsWith("wharf_dynamodb_user_errors"));
        assertThat(value(samples, "wharf_dynamodb_user_errors_total", "account", ACCOUNT))
                .isEqualTo(4);
    }

    @Test
    void valuesOfAClientNamedTagPastTheBoundAreNotShown() {
        ServerMetrics metrics = metrics(new MemoryStorageEngine(), 2);
        scrape(metrics);
        metrics.onQueues(List.of(queue("a", 1, 1), queue("b", 1, 1), queue("c", 1, 1)));

        List<Sample> sent = scrape(metrics).stream()
                .filter(s -> s.name().equals("wharf_sqs_messages_sent_total"))
                .toList();
        assertThat(sent).hasSize(2);
    }

    @Test
    void longPollsWaitingAreReadAtEachScrape() {
        ServerMetrics metrics = metrics();
        longPolls.set(3);
        assertThat(value(scrape(metrics), "wharf_sqs_long_polls_waiting")).isEqualTo(3);
        longPolls.set(0);
        assertThat(value(scrape(metrics), "wharf_sqs_long_polls_waiting")).isZero();
    }

    @Test
    void theStoresCommitsAreShownFromTheFirstScrapeOn() throws Exception {
        try (RocksDbStorageEngine storage = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC)) {
            ServerMetrics metrics = metrics(storage, 1_000);
            storage.commit(new QueueBatch().putQueue(1, "before".getBytes(StandardCharsets.UTF_8)));
            assertThat(value(scrape(metrics), "wharf_store_commit_seconds_count"))
                    .isZero();

            storage.commit(new QueueBatch().putQueue(2, "after".getBytes(StandardCharsets.UTF_8)));
            // The group is reported just after its caller is released.
            List<Sample> samples = scrape(metrics);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (value(samples, "wharf_store_commit_seconds_count") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
                samples = scrape(metrics);
            }

            assertThat(value(samples, "wharf_store_commit_seconds_count")).isEqualTo(1);
            assertThat(value(samples, "wharf_store_commit_seconds_bucket", "le", "+Inf"))
                    .isEqualTo(1);
            assertThat(value(samples, "wharf_store_fsync_seconds_count")).isEqualTo(1);
            assertThat(value(samples, "wharf_store_fsync_seconds_sum"))
                    .isPositive()
                    .isLessThanOrEqualTo(value(samples, "wharf_store_commit_seconds_sum"));
            assertThat(value(samples, "wharf_store_group_commit_writes_count")).isEqualTo(1);
            assertThat(value(samples, "wharf_store_group_commit_writes_sum")).isEqualTo(1);
            assertThat(value(samples, "wharf_store_group_commit_writes_bucket", "le", "1.0"))
                    .isEqualTo(1);
            assertThat(value(samples, "wharf_store_group_commit_bytes_sum")).isGreaterThan(5);
        }
    }

    @Test
    void aRelaxedStoreShowsNoFsyncsAndTheMemoryStoreNoCommits() {
        try (RocksDbStorageEngine storage = RocksDbStorageEngine.open(dataDir, DurabilityMode.RELAXED)) {
            Set<String> names = names(scrape(metrics(storage, 1_000)));
            assertThat(names)
                    .contains("wharf_store_commit_seconds_count")
                    .doesNotContain("wharf_store_fsync_seconds_count");
        }
        assertThat(names(scrape(metrics()))).noneMatch(name -> name.startsWith("wharf_store_"));
    }
}
