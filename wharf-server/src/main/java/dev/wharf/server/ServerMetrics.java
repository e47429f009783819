package dev.wharf.server;

import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.protocol.WireResponse;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.StorageEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;

/**
 * Wharf's own metrics, scraped at {@code GET /metrics} in the Prometheus text format through Micrometer's Prometheus
 * registry: requests by service, operation and status with their latency, open connections, the JVM's memory and
 * threads, SQS's long polls waiting, the store's commit groups, and per queue, topic, stream and table the figures
 * that CloudWatch publishes ({@link ServiceFigures}).
 *
 * <p>Every tag that a client's names decide (queue, topic, stream, table) is bounded: past {@code maxTagValues} distinct
 * values of one tag, new meters with it are denied, so a client cannot grow the scrape without bound.
 *
 * <p>The registry is made by the first request or scrape, not at start: Micrometer's classes and the JVM binders are a
 * few megabytes that an idle server does not carry. Thread-safe.
 */
final class ServerMetrics {

    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The latency buckets of every request timer: from a millisecond to a long poll's 20 seconds. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20)
    };

    private final IntSupplier openConnections;
    private final IntSupplier longPollsWaiting;
    private final StorageEngine storage;
    private final int maxTagValues;
    /** Whether the store reports to this object's meters, from the first scrape on; set under this object's monitor. */
    private volatile boolean storeObserved;
    /** Made on first use; guarded by this object's monitor until it is set. */
    private volatile @org.jspecify.annotations.Nullable PrometheusMeterRegistry registry;
    /** The timers by (service, operation, status), so that a request finds its timer without the registry's lookup. */
    private final Map<RequestKey, Timer> timers = new ConcurrentHashMap<>();

    /** A timer's key: a small record rather than a joined string, so that a request's lookup builds no text. */
    private record RequestKey(String service, String operation, int status) {}

    /**
     * @param openConnections the transport's open connections
     * @param longPollsWaiting SQS's ReceiveMessage calls that wait for messages now
     * @param storage the store, whose commits are shown once someone scrapes
     * @param maxTagValues the distinct values of each tag that clients name (queue, topic, stream) shown, at most
     */
    ServerMetrics(IntSupplier openConnections, IntSupplier longPollsWaiting, StorageEngine storage, int maxTagValues) {
        this.openConnections = openConnections;
        this.longPollsWaiting = longPollsWaiting;
        this.storage = storage;
        this.maxTagValues = maxTagValues;
    }

    /** The registry, made on first use. */
    PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry made = registry;
        if (made == null) {
            synchronized (this) {
                made = registry;
                if (made == null) {
                    made = newRegistry();
                    registry = made;
                }
            }
        }
        return made;
    }

    private PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry made = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String tag : new String[] {"queue", "topic", "stream", "table"}) {
            made.config().meterFilter(MeterFilter.maximumAllowableTags("wharf", tag, maxTagValues, MeterFilter.deny()));
        }
        Gauge.builder("wharf.connections.open", openConnections::getAsInt)
                .description("Open client connections")
                .register(made);
        Gauge.builder("wharf.sqs.long.polls.waiting", longPollsWaiting::getAsInt)
                .description("SQS ReceiveMessage calls waiting for messages now, on every queue")
                .register(made);
        new JvmMemoryMetrics().bindTo(made);
        new JvmThreadMetrics().bindTo(made);
        return made;
    }

    /** Records one answered request; {@code service} and {@code operation} come from the service's model. */
    void onRequest(String service, String operation, int status, long nanos) {
        RequestKey key = new RequestKey(service, operation, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("wharf.requests")
                    .description("Requests answered, by service, operation and HTTP status")
                    .tag("service", service)
                    .tag("operation", operation)
                    .tag("status", Integer.toString(status))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry()));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private final IntervalMeters<QueueMetrics> queues = ServiceFigures.queues();
    private final IntervalMeters<TopicMetrics> topics = ServiceFigures.topics();
    private final IntervalMeters<StreamMetrics> streams = ServiceFigures.streams();

    /**
     * Takes one interval's figures of SQS's queues (the same that CloudWatch publishes, one per live queue): gauges
     * show the latest, and each queue's counters add the interval's counts. Called by one thread at a time.
     */
    void onQueues(List<QueueMetrics> latest) {
        PrometheusMeterRegistry made = registry;
        if (made == null) {
            // No one has asked yet: an idle server makes no registry for its queues' sake.
            return;
        }
        // Every live queue is in the snapshot, so one that is not is gone.
        queues.onInterval(made, latest, (account, queue) -> false);
    }

    /**
     * Takes one interval's figures of SNS's topics, which name only the topics that had any; {@code live} tells a quiet
     * topic, whose meters stay, from a deleted one. Called by one thread at a time.
     */
    void onTopics(List<TopicMetrics> interval, BiPredicate<String, String> live) {
        PrometheusMeterRegistry made = registry;
        if (made != null) {
            topics.onInterval(made, interval, live);
        }
    }

    /**
     * Takes one interval's figures of Kinesis's streams, which name only the streams that had any; {@code live} tells
     * a quiet stream, whose meters stay, from a deleted one. Called by one thread at a time.
     */
    void onStreams(List<StreamMetrics> interval, BiPredicate<String, String> live) {
        PrometheusMeterRegistry made = registry;
        if (made != null) {
            streams.onInterval(made, interval, live);
        }
    }

    /** Firehose's meters, made by the first figures of its engine, which the first Firehose request makes. */
    private @org.jspecify.annotations.Nullable IntervalMeters<dev.wharf.firehose.api.DeliveryStreamMetrics>
            deliveryStreams;

    /**
     * Takes one interval's figures of Firehose's delivery streams, which name only the streams that had any; {@code
     * live} tells a quiet stream, whose meters stay, from a deleted one. Called by one thread at a time.
     */
    void onDeliveryStreams(
            List<dev.wharf.firehose.api.DeliveryStreamMetrics> interval, BiPredicate<String, String> live) {
        PrometheusMeterRegistry made = registry;
        if (made == null) {
            return;
        }
        IntervalMeters<dev.wharf.firehose.api.DeliveryStreamMetrics> meters = deliveryStreams;
        if (meters == null) {
            meters = ServiceFigures.deliveryStreams();
            deliveryStreams = meters;
        }
        meters.onInterval(made, interval, live);
    }

    /** DynamoDB's meters, made by the first figures of its engine, which the first DynamoDB request makes. */
    private @org.jspecify.annotations.Nullable IntervalMeters<TableMetrics> tables;

    private @org.jspecify.annotations.Nullable IntervalMeters<DynamoDbMetrics.Account> dynamoDbAccounts;

    /**
     * Takes one interval's figures of DynamoDB's tables, which name only the tables that had any (or are provisioned),
     * and of its accounts' user errors; {@code live} tells a quiet table, whose meters stay, from a deleted one. An
     * account's meter stays once made. Called by one thread at a time.
     */
    void onTables(DynamoDbMetrics interval, BiPredicate<String, String> live) {
        PrometheusMeterRegistry made = registry;
        if (made == null) {
            return;
        }
        IntervalMeters<TableMetrics> byTable = tables;
        IntervalMeters<DynamoDbMetrics.Account> byAccount = dynamoDbAccounts;
        if (byTable == null || byAccount == null) {
            byTable = ServiceFigures.tables();
            byAccount = ServiceFigures.dynamoDbAccounts();
            tables = byTable;
            dynamoDbAccounts = byAccount;
        }
        byTable.onInterval(made, interval.tables(), live);
        byAccount.onInterval(made, interval.accounts(), (account, same) -> true);
    }

    WireResponse scrape() {
        PrometheusMeterRegistry made = registry();
        if (!storeObserved) {
            observeStore(made);
        }
        return new WireResponse(200, CONTENT_TYPE, Map.of(), made.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Has the store report its commits, from the first scrape on: until someone scrapes, a commit group costs the
     * store one read of its observer, and after, a few nanoseconds of counting.
     */
    private synchronized void observeStore(PrometheusMeterRegistry made) {
        if (!storeObserved && storage.reportsCommits()) {
            StoreMeters meters = new StoreMeters(storage.mode() == DurabilityMode.SYNC);
            made.getPrometheusRegistry().register(meters);
            storage.observe(meters);
        }
        storeObserved = true;
    }
}
