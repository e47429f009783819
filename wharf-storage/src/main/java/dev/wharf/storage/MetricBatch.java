package dev.wharf.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one API call (or one round of retention) to a {@link MetricStore}, applied atomically and in order by
 * {@link MetricStore#commit(MetricBatch)}: a later op in the batch sees the effect of every earlier one.
 *
 * <p>Each op checks its arguments when it is made (keys as {@link TopicBatch} checks them, non-negative series ids,
 * positive periods), so no store ever receives a bad one. The batch keeps the value arrays it is given, not copies:
 * they must not change once the batch is submitted.
 *
 * <p>Not thread-safe: one caller builds a batch, then commits it once.
 */
public final class MetricBatch {

    /** One change; the closed set that every backend applies. */
    public sealed interface Op {}

    /** Creates or replaces the resource record under a key. */
    public record PutResource(String key, byte[] value) implements Op {
        public PutResource {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes the resource record under a key; a key without a record is a no-op. */
    public record DeleteResource(String key) implements Op {
        public DeleteResource {
            TopicBatch.checkKey(key);
        }
    }

    /** Deletes every resource record whose key starts with the prefix, which must not be empty. */
    public record DeleteResourcePrefix(String prefix) implements Op {
        public DeleteResourcePrefix {
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a prefix to delete must not be empty");
            }
            TopicBatch.checkKey(prefix);
        }
    }

    /** Creates or replaces the point of a series at one period and time. */
    public record PutPoint(long seriesId, int periodSeconds, long timeSeconds, byte[] value) implements Op {
        public PutPoint {
            checkSeries(seriesId, periodSeconds);
        }
    }

    /** Deletes the points of a series at one period whose time is before {@code beforeSeconds}. */
    public record DeletePointsBefore(long seriesId, int periodSeconds, long beforeSeconds) implements Op {
        public DeletePointsBefore {
            checkSeries(seriesId, periodSeconds);
        }
    }

    /** Deletes every point of a series, at every period. */
    public record DeleteSeriesPoints(long seriesId) implements Op {
        public DeleteSeriesPoints {
            checkSeries(seriesId, 1);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public MetricBatch putResource(String key, byte[] value) {
        ops.add(new PutResource(key, value));
        return this;
    }

    public MetricBatch deleteResource(String key) {
        ops.add(new DeleteResource(key));
        return this;
    }

    public MetricBatch deleteResourcePrefix(String prefix) {
        ops.add(new DeleteResourcePrefix(prefix));
        return this;
    }

    public MetricBatch putPoint(long seriesId, int periodSeconds, long timeSeconds, byte[] value) {
        ops.add(new PutPoint(seriesId, periodSeconds, timeSeconds, value));
        return this;
    }

    public MetricBatch deletePointsBefore(long seriesId, int periodSeconds, long beforeSeconds) {
        ops.add(new DeletePointsBefore(seriesId, periodSeconds, beforeSeconds));
        return this;
    }

    public MetricBatch deleteSeriesPoints(long seriesId) {
        ops.add(new DeleteSeriesPoints(seriesId));
        return this;
    }

    /** The ops in the order they were added. */
    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /**
     * Checks a series id and period as every op and read does, so that backends outside this package check them alike.
     *
     * @throws IllegalArgumentException if the series id is negative or the period not positive
     */
    public static void checkSeries(long seriesId, int periodSeconds) {
        if (seriesId < 0) {
            throw new IllegalArgumentException("a series id must not be negative: " + seriesId);
        }
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("a period must be positive: " + periodSeconds);
        }
    }
}
