package dev.wharf.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one kind of resource that clients name (queues, topics or streams), fed at the end of each interval
 * with the figures that its service's {@code metricsSnapshot()} gave, the same that CloudWatch publishes: a count adds
 * the interval's to a counter, timed events add their count and total time to a summary, and a gauge shows the latest
 * interval's figure. A resource's meters are made in the first interval that names it, tagged with its account and
 * name, and removed once it is gone.
 *
 * <p>{@link #onInterval} is called by one thread at a time (the service-metrics thread); scrapes read the meters on
 * any thread.
 *
 * @param <T> the service's figures of one resource for one interval
 */
final class IntervalMeters<T> {

    /** One figure of a resource, and how /metrics shows it. */
    sealed interface Figure<T> permits Count, Timed, Latest {}

    /** Events counted per interval: a counter of their sum since the resource's first interval. */
    record Count<T>(String name, String description, ToDoubleFunction<T> interval) implements Figure<T> {}

    /** Timed events per interval, and their total time in seconds: a summary of their count and sum. */
    record Timed<T>(String name, String description, ToLongFunction<T> count, ToDoubleFunction<T> seconds)
            implements Figure<T> {}

    /**
     * A figure of the snapshot's moment or of the latest interval: a gauge, NaN when the latest interval had no
     * figures for a resource that lives on (a quiet topic or stream).
     */
    record Latest<T>(String name, String description, ToDoubleFunction<T> latest) implements Figure<T> {}

    private record Key(String account, String name) {}

    /** The running sums of one {@link Count} or {@link Timed} figure; written by one thread, read by scrapes. */
    private static final class Sum {
        volatile double total;
        volatile long count;
    }

    /** One resource's sums, latest figures and meters. */
    private static final class Resource<T> {
        final Sum[] sums;
        final List<Meter.Id> meters = new ArrayList<>();
        volatile @Nullable T latest;

        Resource(int figures) {
            this.sums = new Sum[figures];
            for (int i = 0; i < figures; i++) {
                sums[i] = new Sum();
            }
        }
    }

    private final String namespace;
    private final @Nullable String tag;
    private final Function<T, String> account;
    private final Function<T, String> name;
    private final List<Figure<T>> figures;
    /** Touched by the interval's thread only. */
    private final Map<Key, Resource<T>> resources = new HashMap<>();

    /**
     * @param namespace the CloudWatch namespace of the figures, which each meter's description begins with
     * @param tag the tag that names a resource ({@code queue}, {@code topic}, {@code stream}, {@code table}), beside
     *     {@code account}; null for figures of the account itself, tagged with {@code account} alone
     * @param account the account that owns the figures' resource
     * @param name the figures' resource's name (the account's id, for figures of the account)
     * @param figures what each resource shows
     */
    IntervalMeters(
            String namespace,
            @Nullable String tag,
            Function<T, String> account,
            Function<T, String> name,
            List<Figure<T>> figures) {
        this.namespace = namespace;
        this.tag = tag;
        this.account = account;
        this.name = name;
        this.figures = List.copyOf(figures);
    }

    /**
     * Takes one interval's figures. A resource that has none this interval keeps its meters while {@code live} says
     * it exists, and loses them once it does not.
     */
    void onInterval(MeterRegistry registry, List<T> interval, BiPredicate<String, String> live) {
        Set<Key> seen = new HashSet<>();
        for (T latest : interval) {
            Key key = new Key(account.apply(latest), name.apply(latest));
            seen.add(key);
            add(resources.computeIfAbsent(key, k -> register(registry, k)), latest);
        }
        resources.entrySet().removeIf(entry -> {
            Key key = entry.getKey();
            if (seen.contains(key)) {
                return false;
            }
            if (live.test(key.account(), key.name())) {
                entry.getValue().latest = null;
                return false;
            }
            entry.getValue().meters.forEach(registry::remove);
            return true;
        });
    }

    private void add(Resource<T> resource, T latest) {
        for (int i = 0; i < figures.size(); i++) {
            Sum sum = resource.sums[i];
            // One writer: the interval's thread.
            switch (figures.get(i)) {
                case Count<T> count -> sum.total += count.interval().applyAsDouble(latest);
                case Timed<T> timed -> {
                    sum.count += timed.count().applyAsLong(latest);
                    sum.total += timed.seconds().applyAsDouble(latest);
                }
                case Latest<T> gauge -> {}
            }
        }
        resource.latest = latest;
    }

    private Resource<T> register(MeterRegistry registry, Key key) {
        Resource<T> resource = new Resource<>(figures.size());
        Tags tags =
                tag == null ? Tags.of("account", key.account()) : Tags.of("account", key.account(), tag, key.name());
        for (int i = 0; i < figures.size(); i++) {
            Sum sum = resource.sums[i];
            Meter meter =
                    switch (figures.get(i)) {
                        case Count<T> count ->
                            FunctionCounter.builder(count.name(), sum, s -> s.total)
                                    .description(namespace + ' ' + count.description())
                                    .tags(tags)
                                    .register(registry);
                        case Timed<T> timed ->
                            FunctionTimer.builder(timed.name(), sum, s -> s.count, s -> s.total, TimeUnit.SECONDS)
                                    .description(namespace + ' ' + timed.description())
                                    .tags(tags)
                                    .register(registry);
                        case Latest<T> gauge ->
                            Gauge.builder(gauge.name(), resource, r -> {
                                        T latest = r.latest;
                                        return latest == null
                                                ? Double.NaN
                                                : gauge.latest().applyAsDouble(latest);
                                    })
                                    .description(namespace + ' ' + gauge.description())
                                    .tags(tags)
                                    .strongReference(true)
                                    .register(registry);
                    };
            // A meter past the tag's bound is a no-op that the registry does not hold; removing it changes nothing.
            resource.meters.add(meter.getId());
        }
        return resource;
    }
}
