package dev.wharf.server;

import dev.wharf.protocol.WireResponse;
import dev.wharf.sqs.api.QueueMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Wharf's own metrics, scraped at {@code GET /metrics} in the Prometheus text format through Micrometer's Prometheus
 * registry: requests by service, operation and status with their latency, open connections, and the JVM's memory and
 * threads; the services add theirs (per queue, topic and stream) through {@link #registry()}.
 *
 * <p>Every tag that a client's names decide (queue, topic, stream) is bounded: past {@code maxTagValues} distinct
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
    private final int maxTagValues;
    /** Made on first use; guarded by this object's monitor until it is set. */
    private volatile @org.jspecify.annotations.Nullable PrometheusMeterRegistry registry;
    /** The timers by (service, operation, status), so that a request finds its timer without the registry's lookup. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ServerMetrics(IntSupplier openConnections, int maxTagValues) {
        this.openConnections = openConnections;
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
        for (String tag : new String[] {"queue", "topic", "stream"}) {
            made.config().meterFilter(MeterFilter.maximumAllowableTags("wharf", tag, maxTagValues, MeterFilter.deny()));
        }
        Gauge.builder("wharf.connections.open", openConnections::getAsInt)
                .description("Open client connections")
                .register(made);
        new JvmMemoryMetrics().bindTo(made);
        new JvmThreadMetrics().bindTo(made);
        return made;
    }

    /** Records one answered request; {@code service} and {@code operation} come from the service's model. */
    void onRequest(String service, String operation, int status, long nanos) {
        String key = service + ' ' + operation + ' ' + status;
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

    /** The cumulative counts of one queue, which its counters read. */
    private static final class QueueTotals {
        volatile double sent;
        volatile double received;
        volatile double deleted;
        volatile double emptyReceives;
        final List<Meter.Id> meters = new ArrayList<>();
    }

    /** The latest figures of each queue, by account and name; written by {@link #onQueues} only. */
    private volatile Map<String, QueueMetrics> queues = Map.of();

    private final Map<String, QueueTotals> queueTotals = new ConcurrentHashMap<>();

    /**
     * Takes one interval's figures of SQS's queues (the same that CloudWatch publishes): gauges show the latest, and
     * each queue's counters add the interval's counts. Called by one thread at a time.
     */
    void onQueues(List<QueueMetrics> latest) {
        if (registry == null) {
            // No one has asked yet: an idle server makes no registry for its queues' sake.
            return;
        }
        Map<String, QueueMetrics> byKey = new java.util.HashMap<>();
        latest.forEach(queue -> byKey.put(queue.accountId() + "/" + queue.queueName(), queue));
        queues = byKey;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (QueueMetrics queue : latest) {
            String key = queue.accountId() + "/" + queue.queueName();
            seen.add(key);
            QueueTotals totals = queueTotals.computeIfAbsent(key, k -> register(queue));
            totals.sent += queue.sent();
            totals.received += queue.received();
            totals.deleted += queue.deleted();
            totals.emptyReceives += queue.emptyReceives();
        }
        queueTotals.entrySet().removeIf(entry -> {
            if (seen.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().meters.forEach(registry()::remove);
            return true;
        });
    }

    private QueueTotals register(QueueMetrics queue) {
        QueueTotals totals = new QueueTotals();
        Tags tags = Tags.of("account", queue.accountId(), "queue", queue.queueName());
        String key = queue.accountId() + "/" + queue.queueName();
        counter(totals, "wharf.sqs.messages.sent", tags, t -> t.sent);
        counter(totals, "wharf.sqs.messages.received", tags, t -> t.received);
        counter(totals, "wharf.sqs.messages.deleted", tags, t -> t.deleted);
        counter(totals, "wharf.sqs.receives.empty", tags, t -> t.emptyReceives);
        gauge(totals, "wharf.sqs.messages.visible", tags, key, QueueMetrics::visible);
        gauge(totals, "wharf.sqs.messages.not.visible", tags, key, QueueMetrics::notVisible);
        gauge(totals, "wharf.sqs.messages.delayed", tags, key, QueueMetrics::delayed);
        gauge(totals, "wharf.sqs.oldest.message.age.seconds", tags, key, QueueMetrics::ageOfOldestMessageSeconds);
        return totals;
    }

    private void counter(
            QueueTotals totals, String name, Tags tags, java.util.function.ToDoubleFunction<QueueTotals> read) {
        totals.meters.add(FunctionCounter.builder(name, totals, read)
                .tags(tags)
                .register(registry())
                .getId());
    }

    private void gauge(
            QueueTotals totals,
            String name,
            Tags tags,
            String key,
            java.util.function.ToLongFunction<QueueMetrics> read) {
        totals.meters.add(Gauge.builder(name, () -> {
                    QueueMetrics queue = queues.get(key);
                    return queue == null ? 0 : read.applyAsLong(queue);
                })
                .tags(tags)
                .register(registry())
                .getId());
    }

    WireResponse scrape() {
        return new WireResponse(200, CONTENT_TYPE, Map.of(), registry().scrape().getBytes(StandardCharsets.UTF_8));
    }
}
