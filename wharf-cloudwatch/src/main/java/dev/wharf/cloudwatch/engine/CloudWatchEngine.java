package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsResponse;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.ListMetricsResponse;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon CloudWatch's metrics: PutMetricData, ListMetrics, GetMetricStatistics and GetMetricData over series kept in a
 * {@link MetricStore}, and the retention that expires their datapoints. A facade over package-private parts: {@link
 * SeriesIndex} (the series in memory), {@link Datapoints} (points at every resolution), {@link MetricWrites}, {@link
 * MetricReads}, {@link MetricListing} and {@link MetricDataQueries}.
 *
 * <p>Thread-safe. Time comes from the clock alone, so that tests drive it.
 */
public final class CloudWatchEngine {

    /** Series whose retention one round of {@link #runRetention} applies in one batch. */
    static final int RETENTION_BATCH = 256;

    private final Clock clock;
    private final MetricStore store;
    private final SeriesIndex index;
    private final MetricWrites writes;
    private final MetricReads reads;
    private final MetricListing listing;
    private final MetricDataQueries queries;

    /** Rebuilds the series from the store by one scan of their records. */
    public CloudWatchEngine(Clock clock, CloudWatchLimits limits, MetricStore store) {
        this.clock = clock;
        this.store = store;
        this.index = new SeriesIndex(store, limits.maxSeries());
        Datapoints datapoints = new Datapoints(store);
        this.writes = new MetricWrites(index, datapoints);
        this.reads = new MetricReads(index, datapoints);
        this.listing = new MetricListing(index);
        this.queries = new MetricDataQueries(index, reads);
    }

    private Instant now() {
        return clock.instant();
    }

    public void putMetricData(CloudWatchContext context, PutMetricDataRequest request) {
        writes.putMetricData(context, request, now());
    }

    public ListMetricsResponse listMetrics(CloudWatchContext context, ListMetricsRequest request) {
        return listing.listMetrics(context, request, now());
    }

    public GetMetricStatisticsResponse getMetricStatistics(
            CloudWatchContext context, GetMetricStatisticsRequest request) {
        return reads.getMetricStatistics(context, request, now());
    }

    public GetMetricDataResponse getMetricData(CloudWatchContext context, GetMetricDataRequest request) {
        return queries.getMetricData(context, request, now());
    }

    /** The number of series kept, across accounts. */
    public int seriesCount() {
        return index.size();
    }

    /**
     * Applies retention once: every resolution's points past its retention are deleted (one range delete per series
     * and resolution), and a series that has received no data for the longest retention is forgotten with its points.
     * Runs in batches of {@link #RETENTION_BATCH} series, each awaited, so that it holds nothing long.
     */
    public void runRetention() {
        long now = now().getEpochSecond();
        long forgetBefore = now - CloudWatchLimits.RETENTION.toSeconds();
        List<Series> all = new ArrayList<>();
        index.all().forEach(all::add);
        for (int from = 0; from < all.size(); from += RETENTION_BATCH) {
            MetricBatch batch = new MetricBatch();
            for (Series series : all.subList(from, Math.min(all.size(), from + RETENTION_BATCH))) {
                if (series.lastDataSeconds() < forgetBefore) {
                    index.remove(series, batch);
                } else {
                    Datapoints.expire(series, now, batch);
                }
            }
            store.commit(batch);
        }
    }
}
