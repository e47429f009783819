package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.DeleteAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryResponse;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricResponse;
import dev.wharf.cloudwatch.api.DescribeAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsResponse;
import dev.wharf.cloudwatch.api.DisableAlarmActionsRequest;
import dev.wharf.cloudwatch.api.EnableAlarmActionsRequest;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsResponse;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.ListMetricsResponse;
import dev.wharf.cloudwatch.api.ListTagsForResourceRequest;
import dev.wharf.cloudwatch.api.ListTagsForResourceResponse;
import dev.wharf.cloudwatch.api.PutCompositeAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.api.SetAlarmStateRequest;
import dev.wharf.cloudwatch.api.TagResourceRequest;
import dev.wharf.cloudwatch.api.UntagResourceRequest;
import dev.wharf.sns.api.TopicPublishPort;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Amazon CloudWatch's metrics and alarms: PutMetricData, ListMetrics, GetMetricStatistics and GetMetricData over series
 * kept in a {@link MetricStore}, the retention that expires their datapoints, and metric and composite alarms with their
 * evaluation, history and SNS actions. A facade over package-private parts: {@link SeriesIndex} (the series in memory),
 * {@link Datapoints} (points at every resolution), {@link MetricWrites}, {@link MetricReads}, {@link MetricListing},
 * {@link MetricDataQueries}; {@link Alarms} (alarms in memory and their changes), {@link AlarmRequests}, {@link
 * AlarmEvaluator}.
 *
 * <p>Thread-safe. Time comes from the clock alone, so that tests drive it.
 */
public final class CloudWatchEngine {

    /** Series whose retention one round of {@link #runRetention} applies in one batch. */
    static final int RETENTION_BATCH = 256;

    /** How long AWS/SQS goes on being published for a queue after its last activity, as AWS documents. */
    static final java.time.Duration QUEUE_ACTIVE = java.time.Duration.ofHours(6);

    /** How long alarm history is kept, as AWS keeps it. */
    static final java.time.Duration ALARM_HISTORY = java.time.Duration.ofDays(30);

    private final Clock clock;
    private final MetricStore store;
    private final SeriesIndex index;
    private final Datapoints datapoints;
    /** When each queue was last active, by account and name; the publishing thread's only. */
    private java.util.Map<String, Long> queueLastActive = java.util.Map.of();

    private final MetricWrites writes;
    private final MetricReads reads;
    private final MetricListing listing;
    private final MetricDataQueries queries;
    private final Alarms alarms;
    private final AlarmRequests alarmRequests;
    private final AlarmEvaluator evaluator;

    /** An engine whose alarm actions reach no topic: each is recorded as failed. */
    public CloudWatchEngine(Clock clock, CloudWatchLimits limits, MetricStore store) {
        this(clock, limits, store, null);
    }

    /**
     * Rebuilds the series and alarms from the store by one scan of their records; alarm actions publish through {@code
     * sns}.
     */
    public CloudWatchEngine(Clock clock, CloudWatchLimits limits, MetricStore store, @Nullable TopicPublishPort sns) {
        this.clock = clock;
        this.store = store;
        this.index = new SeriesIndex(store, limits.maxSeries());
        this.datapoints = new Datapoints(store);
        this.writes = new MetricWrites(index, datapoints);
        this.reads = new MetricReads(index, datapoints);
        this.listing = new MetricListing(index);
        this.queries = new MetricDataQueries(index, reads);
        this.alarms = new Alarms(clock, limits, new AlarmStore(store), sns);
        this.alarmRequests = new AlarmRequests(alarms);
        this.evaluator = new AlarmEvaluator(clock, alarms, queries);
    }

    private Instant now() {
        return clock.instant();
    }

    public void putMetricData(CloudWatchContext context, PutMetricDataRequest request) {
        writes.putMetricData(context, request, now());
    }

    /**
     * Adds metrics that one of Wharf's own services publishes under its {@code AWS/} namespace (AWS/SQS, AWS/SNS,
     * AWS/Kinesis, AWS/DynamoDB, AWS/Firehose), at most {@link CloudWatchLimits#MAX_METRIC_DATA} data at a time.
     *
     * @throws dev.wharf.common.AwsException as PutMetricData does for data it refuses
     */
    public void putServiceMetricData(
            String accountId, String namespace, java.util.List<dev.wharf.cloudwatch.api.MetricDatum> data) {
        for (int from = 0; from < data.size(); from += CloudWatchLimits.MAX_METRIC_DATA) {
            writes.putServiceMetricData(
                    new CloudWatchContext(accountId, ""),
                    namespace,
                    data.subList(from, Math.min(data.size(), from + CloudWatchLimits.MAX_METRIC_DATA)),
                    now());
        }
    }

    /**
     * Publishes one interval's figures of SQS's queues under AWS/SQS, each account's into its own metrics, at {@code at}
     * (as high-resolution data when the interval is under a minute). As AWS does, a queue is published while it has
     * been active (a message in it, or a call on it) in the last six hours, so idle queues do not fill the series.
     * Called by one thread at a time.
     */
    public void publishQueueMetrics(
            java.util.List<dev.wharf.sqs.api.QueueMetrics> queues, Instant at, boolean highResolution) {
        java.util.List<dev.wharf.sqs.api.QueueMetrics> active = new java.util.ArrayList<>();
        java.util.Map<String, Long> seen = new java.util.HashMap<>();
        for (dev.wharf.sqs.api.QueueMetrics queue : queues) {
            String key = queue.accountId() + "/" + queue.queueName();
            boolean busy = queue.visible()
                            + queue.notVisible()
                            + queue.delayed()
                            + queue.sent()
                            + queue.received()
                            + queue.deleted()
                            + queue.emptyReceives()
                    > 0;
            long last = busy ? at.getEpochSecond() : queueLastActive.getOrDefault(key, Long.MIN_VALUE);
            seen.put(key, last);
            if (last >= at.getEpochSecond() - QUEUE_ACTIVE.toSeconds()) {
                active.add(queue);
            }
        }
        queueLastActive = seen;
        AwsSqsMetrics.data(active, at, highResolution)
                .forEach((account, data) -> putServiceMetricData(account, AwsSqsMetrics.NAMESPACE, data));
    }

    /** Publishes one interval's figures of SNS's topics under AWS/SNS. */
    public void publishTopicMetrics(
            java.util.List<dev.wharf.sns.api.TopicMetrics> topics, Instant at, boolean highResolution) {
        AwsTopicAndStreamMetrics.topics(topics, at, highResolution)
                .forEach((account, data) -> putServiceMetricData(account, AwsTopicAndStreamMetrics.SNS, data));
    }

    /** Publishes one interval's figures of Kinesis's streams (and the shards that ask for it) under AWS/Kinesis. */
    public void publishStreamMetrics(
            java.util.List<dev.wharf.kinesis.api.StreamMetrics> streams, Instant at, boolean highResolution) {
        AwsTopicAndStreamMetrics.streams(streams, at, highResolution)
                .forEach((account, data) -> putServiceMetricData(account, AwsTopicAndStreamMetrics.KINESIS, data));
    }

    /**
     * Publishes one interval's figures of DynamoDB's tables, their global indexes and operations, and each account's
     * user errors, under AWS/DynamoDB.
     */
    public void publishTableMetrics(dev.wharf.dynamodb.api.DynamoDbMetrics tables, Instant at, boolean highResolution) {
        AwsDynamoDbMetrics.data(tables, at, highResolution)
                .forEach((account, data) -> putServiceMetricData(account, AwsDynamoDbMetrics.NAMESPACE, data));
    }

    /** Publishes one interval's figures of Firehose's delivery streams under AWS/Firehose. */
    public void publishDeliveryStreamMetrics(
            java.util.List<dev.wharf.firehose.api.DeliveryStreamMetrics> streams, Instant at, boolean highResolution) {
        AwsFirehoseMetrics.data(streams, at, highResolution)
                .forEach((account, data) -> putServiceMetricData(account, AwsFirehoseMetrics.NAMESPACE, data));
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

    public void putMetricAlarm(CloudWatchContext context, PutMetricAlarmRequest request) {
        alarms.putMetricAlarm(context, request);
        evaluator.reschedule(AlarmRules.arn(context, String.valueOf(request.alarmName())));
    }

    public void putCompositeAlarm(CloudWatchContext context, PutCompositeAlarmRequest request) {
        alarms.putCompositeAlarm(context, request);
    }

    public DescribeAlarmsResponse describeAlarms(CloudWatchContext context, DescribeAlarmsRequest request) {
        return alarmRequests.describeAlarms(context, request);
    }

    public DescribeAlarmsForMetricResponse describeAlarmsForMetric(
            CloudWatchContext context, DescribeAlarmsForMetricRequest request) {
        return alarmRequests.describeAlarmsForMetric(context, request);
    }

    public void deleteAlarms(CloudWatchContext context, DeleteAlarmsRequest request) {
        alarms.delete(
                context.accountId(), AlarmRequests.names(MetricReads.require(request.alarmNames(), "AlarmNames")));
    }

    /** Sets an alarm's state until its next evaluation, and runs the new state's actions before it answers. */
    public void setAlarmState(CloudWatchContext context, SetAlarmStateRequest request) {
        Alarms.Transition transition = alarmRequests.setAlarmState(context, request);
        if (transition != null) {
            alarms.runActions(transition);
        }
    }

    public void enableAlarmActions(CloudWatchContext context, EnableAlarmActionsRequest request) {
        alarms.setActionsEnabled(
                context.accountId(),
                AlarmRequests.names(MetricReads.require(request.alarmNames(), "AlarmNames")),
                true);
    }

    public void disableAlarmActions(CloudWatchContext context, DisableAlarmActionsRequest request) {
        alarms.setActionsEnabled(
                context.accountId(),
                AlarmRequests.names(MetricReads.require(request.alarmNames(), "AlarmNames")),
                false);
    }

    public DescribeAlarmHistoryResponse describeAlarmHistory(
            CloudWatchContext context, DescribeAlarmHistoryRequest request) {
        return alarmRequests.describeAlarmHistory(context, request);
    }

    public void tagResource(CloudWatchContext context, TagResourceRequest request) {
        alarmRequests.tag(context, request.resourceARN(), request.tags());
    }

    public void untagResource(CloudWatchContext context, UntagResourceRequest request) {
        alarmRequests.untag(context, request.resourceARN(), request.tagKeys());
    }

    public ListTagsForResourceResponse listTagsForResource(
            CloudWatchContext context, ListTagsForResourceRequest request) {
        return alarmRequests.listTags(context, request.resourceARN());
    }

    /**
     * Evaluates the alarms that are due (once a minute, or once a period for 10 and 30 seconds) and runs the actions of
     * those that changed state; the server calls it every few seconds, tests after moving their clock.
     *
     * @return how many alarms changed state
     */
    public int evaluateAlarms() {
        return evaluator.evaluate();
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
                    datapoints.expire(series, now, batch);
                }
            }
            store.commit(batch);
        }
        long historyBefore = now().minus(ALARM_HISTORY).toEpochMilli();
        for (int round = 0; round < RETENTION_BATCH; round++) {
            if (alarms.store().expireHistory(historyBefore, RETENTION_BATCH * 4) < RETENTION_BATCH * 4) {
                break;
            }
        }
    }
}
