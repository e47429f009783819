package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.FirehoseMetric;
import dev.wharf.firehose.api.StatisticSet;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One delivery stream's {@code AWS/Firehose} samples since its last snapshot ({@link DeliveryStreamMetrics}).
 *
 * <p>Puts, source reads and deliveries add samples from their own threads; a snapshot takes them all and starts
 * again from none. Each metric's four figures must agree, so the object's monitor guards them all: a put holds it for
 * a few additions, never while it waits for the store.
 */
final class StreamCounts {

    private static final FirehoseMetric[] METRICS = FirehoseMetric.values();

    /** Per metric (by ordinal): samples, sum, minimum, maximum. Guarded by this. */
    private final long[] samples = new long[METRICS.length];

    private final double[] sums = new double[METRICS.length];
    private final double[] minimums = new double[METRICS.length];
    private final double[] maximums = new double[METRICS.length];

    /**
     * Counts one PutRecord ({@code batch} false) or PutRecordBatch that answered: it put {@code records} of {@code
     * bytes}, and the stream's throughput quota refused {@code throttled} of its records. The incoming figures count a
     * call that put a record.
     */
    synchronized void onPut(boolean batch, int records, long bytes, long latencyMillis, int throttled) {
        if (records > 0) {
            add(FirehoseMetric.INCOMING_BYTES, bytes);
            add(FirehoseMetric.INCOMING_RECORDS, records);
            add(FirehoseMetric.INCOMING_PUT_REQUESTS, 1);
        }
        add(FirehoseMetric.THROTTLED_RECORDS, throttled);
        if (batch) {
            add(FirehoseMetric.PUT_RECORD_BATCH_BYTES, bytes);
            add(FirehoseMetric.PUT_RECORD_BATCH_RECORDS, records);
            add(FirehoseMetric.PUT_RECORD_BATCH_REQUESTS, 1);
            add(FirehoseMetric.PUT_RECORD_BATCH_LATENCY, latencyMillis);
        } else {
            add(FirehoseMetric.PUT_RECORD_BYTES, bytes);
            add(FirehoseMetric.PUT_RECORD_REQUESTS, 1);
            add(FirehoseMetric.PUT_RECORD_LATENCY, latencyMillis);
        }
    }

    /** Counts a PutRecord or PutRecordBatch that the stream's throughput quota refused whole, of {@code records}. */
    synchronized void onThrottled(int records) {
        add(FirehoseMetric.THROTTLED_RECORDS, records);
    }

    /** Counts one read of a source stream's shard that found {@code records} of {@code bytes}. */
    synchronized void onReadFromKinesis(int records, long bytes) {
        add(FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_BYTES, bytes);
        add(FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_RECORDS, records);
    }

    /** The destination a delivery went to, which names its metrics. */
    enum Destination {
        S3,
        HTTP_ENDPOINT,
        SPLUNK,
        AMAZON_OPENSEARCH_SERVICE,
        ELASTICSEARCH,
        REDSHIFT
    }

    /**
     * Counts one delivery tried.
     *
     * @param delivered the records it took, or null when it failed
     * @param tried the records it tried (those waiting when it began, for a failed one)
     * @param freshnessSeconds how long ago the oldest record it took arrived
     * @param backsUpAll whether the delivery also writes every record to the S3 backup (BackupToS3)
     */
    synchronized void onDelivery(
            Destination destination,
            Sink.@Nullable Delivered delivered,
            Sink.Delivered tried,
            double freshnessSeconds,
            boolean backsUpAll) {
        switch (destination) {
            case HTTP_ENDPOINT -> {
                add(FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_BYTES, tried.bytes());
                add(FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_RECORDS, tried.count());
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_BYTES,
                        FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_RECORDS,
                        FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_DATA_FRESHNESS);
            }
            case SPLUNK ->
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_SPLUNK_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_SPLUNK_BYTES,
                        FirehoseMetric.DELIVERY_TO_SPLUNK_RECORDS,
                        FirehoseMetric.DELIVERY_TO_SPLUNK_DATA_FRESHNESS);
            case AMAZON_OPENSEARCH_SERVICE ->
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_BYTES,
                        FirehoseMetric.DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_RECORDS,
                        null);
            case ELASTICSEARCH ->
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_ELASTICSEARCH_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_ELASTICSEARCH_BYTES,
                        FirehoseMetric.DELIVERY_TO_ELASTICSEARCH_RECORDS,
                        null);
            case REDSHIFT ->
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_REDSHIFT_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_REDSHIFT_BYTES,
                        FirehoseMetric.DELIVERY_TO_REDSHIFT_RECORDS,
                        null);
            case S3 ->
                delivery(
                        delivered,
                        freshnessSeconds,
                        FirehoseMetric.DELIVERY_TO_S3_SUCCESS,
                        FirehoseMetric.DELIVERY_TO_S3_BYTES,
                        FirehoseMetric.DELIVERY_TO_S3_RECORDS,
                        FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS);
        }
        if (backsUpAll) {
            delivery(
                    delivered,
                    freshnessSeconds,
                    FirehoseMetric.BACKUP_TO_S3_SUCCESS,
                    FirehoseMetric.BACKUP_TO_S3_BYTES,
                    FirehoseMetric.BACKUP_TO_S3_RECORDS,
                    FirehoseMetric.BACKUP_TO_S3_DATA_FRESHNESS);
        }
    }

    /** One delivery's success sample, and its bytes, records and freshness when it succeeded. */
    private void delivery(
            Sink.@Nullable Delivered delivered,
            double freshnessSeconds,
            FirehoseMetric success,
            FirehoseMetric bytes,
            FirehoseMetric records,
            @Nullable FirehoseMetric freshness) {
        add(success, delivered == null ? 0 : 1);
        if (delivered != null) {
            add(bytes, delivered.bytes());
            add(records, delivered.count());
            if (freshness != null) {
                add(freshness, freshnessSeconds);
            }
        }
    }

    /** The stream's figures since the last call, which start again from none; null when it had none. */
    synchronized @Nullable DeliveryStreamMetrics take(String accountId, String deliveryStreamName) {
        Map<FirehoseMetric, StatisticSet> taken = new EnumMap<>(FirehoseMetric.class);
        for (FirehoseMetric metric : METRICS) {
            int i = metric.ordinal();
            if (samples[i] > 0) {
                taken.put(metric, new StatisticSet(samples[i], sums[i], minimums[i], maximums[i]));
                samples[i] = 0;
                sums[i] = 0;
            }
        }
        return taken.isEmpty() ? null : new DeliveryStreamMetrics(accountId, deliveryStreamName, taken);
    }

    /** Monitor must be held. */
    private void add(FirehoseMetric metric, double value) {
        int i = metric.ordinal();
        if (samples[i] == 0) {
            minimums[i] = value;
            maximums[i] = value;
        } else {
            minimums[i] = Math.min(minimums[i], value);
            maximums[i] = Math.max(maximums[i], value);
        }
        samples[i]++;
        sums[i] += value;
    }
}
