package dev.wharf.cloudwatch.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Every metric series of every account, in memory and ordered by key, rebuilt at start by one scan of the {@code s/}
 * records: each holds a series's key, its id and (within an hour) when it last received data.
 *
 * <p>Thread-safe: lookups and listings read a concurrent map without a lock; creating and removing a series hold the
 * index's lock, which also guards ids and the bound on the number of series.
 */
final class SeriesIndex {

    static final String PREFIX = "s/";

    /** How far the stored last-data time may lag the one in memory. */
    static final long STORED_LAST_DATA_LAG_SECONDS = 3_600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricStore store;
    private final int maxSeries;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<MetricKey, Series> byKey = new ConcurrentSkipListMap<>();
    /** Guarded by {@link #lock}. */
    private long nextId;

    SeriesIndex(MetricStore store, int maxSeries) {
        this.store = store;
        this.maxSeries = maxSeries;
        store.scanResources(PREFIX, (key, value) -> {
            Series series = decode(value);
            byKey.put(series.key(), series);
            nextId = Math.max(nextId, series.id() + 1);
        });
    }

    @Nullable
    Series find(MetricKey key) {
        return byKey.get(key);
    }

    /** The series of an account in key order, from after {@code after} (null: from the first). */
    Iterable<Series> list(String accountId, @Nullable MetricKey after) {
        MetricKey from = after != null ? after : new MetricKey(accountId, "", "", List.of());
        return () -> byKey.tailMap(from, after == null).values().stream()
                .takeWhile(series -> series.key().accountId().equals(accountId))
                .iterator();
    }

    /** Every series, for retention. */
    Iterable<Series> all() {
        return byKey.values();
    }

    int size() {
        return byKey.size();
    }

    /**
     * Records data for the series of each key, in order, creating those that are new (their records in {@code batch});
     * all or none: the bound is checked for every new series before any is made.
     *
     * @throws dev.wharf.common.AwsException {@code LimitExceeded} when the new series would pass the bound
     */
    List<Series> received(List<MetricKey> keys, long nowSeconds, MetricBatch batch) {
        lock.lock();
        try {
            long added = keys.stream()
                    .distinct()
                    .filter(key -> !byKey.containsKey(key))
                    .count();
            if (byKey.size() + added > maxSeries) {
                throw CloudWatchError.LimitExceeded.with("The server keeps at most " + maxSeries
                        + " metrics; this request would pass that. Raise cloudwatch.maxSeries to keep more.");
            }
            List<Series> out = new ArrayList<>(keys.size());
            for (MetricKey key : keys) {
                Series series = byKey.get(key);
                if (series == null) {
                    series = new Series(nextId++, key, nowSeconds, false);
                    byKey.put(key, series);
                    batch.putResource(recordKey(series.id()), encode(series));
                } else if (series.receivedData(nowSeconds, STORED_LAST_DATA_LAG_SECONDS)) {
                    batch.putResource(recordKey(series.id()), encode(series));
                }
                out.add(series);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a series and adds the deletion of its record and points to {@code batch}. */
    void remove(Series series, MetricBatch batch) {
        lock.lock();
        try {
            if (byKey.remove(series.key(), series)) {
                batch.deleteResource(recordKey(series.id())).deleteSeriesPoints(series.id());
            }
        } finally {
            lock.unlock();
        }
    }

    static String recordKey(long id) {
        return PREFIX + String.format(java.util.Locale.ROOT, "%019d", id);
    }

    private static byte[] encode(Series series) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", series.id());
        node.put("account", series.key().accountId());
        node.put("namespace", series.key().namespace());
        node.put("metricName", series.key().metricName());
        ArrayNode dimensions = node.putArray("dimensions");
        for (Map.Entry<String, String> dimension : series.key().dimensions()) {
            dimensions.addArray().add(dimension.getKey()).add(dimension.getValue());
        }
        node.put("lastData", series.lastDataSeconds());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Series decode(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            List<Map.Entry<String, String>> dimensions = new ArrayList<>();
            for (JsonNode dimension : node.path("dimensions")) {
                dimensions.add(
                        Map.entry(dimension.path(0).asText(), dimension.path(1).asText()));
            }
            MetricKey key = new MetricKey(
                    node.path("account").asText(),
                    node.path("namespace").asText(),
                    node.path("metricName").asText(),
                    dimensions);
            return new Series(
                    node.path("id").asLong(), key, node.path("lastData").asLong(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("a malformed CloudWatch series record", e);
        }
    }
}
