package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.kinesis.api.ShardMetrics;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.sns.api.TopicMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SNS's and Kinesis's metrics as CloudWatch keeps them: AWS/SNS per topic (dimension {@code TopicName}) and AWS/Kinesis
 * per stream ({@code StreamName}) and, for the shard-level metrics a stream enables, per shard ({@code StreamName},
 * {@code ShardId}), with AWS's names and units. Counts are sums; the rest are statistic sets of the interval's samples.
 */
final class AwsTopicAndStreamMetrics {

    static final String SNS = "AWS/SNS";
    static final String KINESIS = "AWS/Kinesis";

    private AwsTopicAndStreamMetrics() {}

    /** AWS/SNS's data of each account at one time. */
    static Map<String, List<MetricDatum>> topics(List<TopicMetrics> topics, Instant at, boolean highResolution) {
        Map<String, List<MetricDatum>> byAccount = new LinkedHashMap<>();
        Integer resolution = highResolution ? 1 : 60;
        for (TopicMetrics topic : topics) {
            List<Dimension> on = List.of(new Dimension("TopicName", topic.topicName()));
            List<MetricDatum> data = byAccount.computeIfAbsent(topic.accountId(), a -> new ArrayList<>());
            count(data, "NumberOfMessagesPublished", on, at, topic.numberOfMessagesPublished(), resolution);
            count(data, "NumberOfNotificationsDelivered", on, at, topic.numberOfNotificationsDelivered(), resolution);
            count(data, "NumberOfNotificationsFailed", on, at, topic.numberOfNotificationsFailed(), resolution);
            count(
                    data,
                    "NumberOfNotificationsFilteredOut",
                    on,
                    at,
                    topic.numberOfNotificationsFilteredOut(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsFilteredOut-MessageAttributes",
                    on,
                    at,
                    topic.numberOfNotificationsFilteredOutMessageAttributes(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsFilteredOut-MessageBody",
                    on,
                    at,
                    topic.numberOfNotificationsFilteredOutMessageBody(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsFilteredOut-NoMessageAttributes",
                    on,
                    at,
                    topic.numberOfNotificationsFilteredOutNoMessageAttributes(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsFilteredOut-InvalidMessageBody",
                    on,
                    at,
                    topic.numberOfNotificationsFilteredOutInvalidMessageBody(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsRedrivenToDlq",
                    on,
                    at,
                    topic.numberOfNotificationsRedrivenToDlq(),
                    resolution);
            count(
                    data,
                    "NumberOfNotificationsFailedToRedriveToDlq",
                    on,
                    at,
                    topic.numberOfNotificationsFailedToRedriveToDlq(),
                    resolution);
            dev.wharf.sns.api.StatisticSet size = topic.publishSize();
            if (size != null) {
                data.add(set(
                        "PublishSize",
                        on,
                        at,
                        size.sampleCount(),
                        size.sum(),
                        size.minimum(),
                        size.maximum(),
                        "Bytes",
                        resolution));
            }
        }
        return byAccount;
    }

    /** AWS/Kinesis's data of each account at one time. */
    static Map<String, List<MetricDatum>> streams(List<StreamMetrics> streams, Instant at, boolean highResolution) {
        Map<String, List<MetricDatum>> byAccount = new LinkedHashMap<>();
        Integer resolution = highResolution ? 1 : 60;
        for (StreamMetrics stream : streams) {
            List<Dimension> on = List.of(new Dimension("StreamName", stream.streamName()));
            List<MetricDatum> data = byAccount.computeIfAbsent(stream.accountId(), a -> new ArrayList<>());
            kinesis(data, "IncomingBytes", on, at, stream.incomingBytes(), "Bytes", resolution);
            kinesis(data, "IncomingRecords", on, at, stream.incomingRecords(), "Count", resolution);
            kinesis(data, "PutRecord.Bytes", on, at, stream.putRecordBytes(), "Bytes", resolution);
            kinesis(data, "PutRecord.Success", on, at, stream.putRecordSuccess(), "Count", resolution);
            kinesis(data, "PutRecord.Latency", on, at, stream.putRecordLatency(), "Milliseconds", resolution);
            kinesis(data, "PutRecords.Bytes", on, at, stream.putRecordsBytes(), "Bytes", resolution);
            kinesis(data, "PutRecords.Success", on, at, stream.putRecordsSuccess(), "Count", resolution);
            kinesis(data, "PutRecords.Latency", on, at, stream.putRecordsLatency(), "Milliseconds", resolution);
            kinesis(data, "PutRecords.TotalRecords", on, at, stream.putRecordsTotalRecords(), "Count", resolution);
            kinesis(
                    data,
                    "PutRecords.SuccessfulRecords",
                    on,
                    at,
                    stream.putRecordsSuccessfulRecords(),
                    "Count",
                    resolution);
            kinesis(data, "PutRecords.FailedRecords", on, at, stream.putRecordsFailedRecords(), "Count", resolution);
            kinesis(
                    data,
                    "PutRecords.ThrottledRecords",
                    on,
                    at,
                    stream.putRecordsThrottledRecords(),
                    "Count",
                    resolution);
            kinesis(data, "GetRecords.Bytes", on, at, stream.getRecordsBytes(), "Bytes", resolution);
            kinesis(data, "GetRecords.Records", on, at, stream.getRecordsRecords(), "Count", resolution);
            kinesis(data, "GetRecords.Success", on, at, stream.getRecordsSuccess(), "Count", resolution);
            kinesis(data, "GetRecords.Latency", on, at, stream.getRecordsLatency(), "Milliseconds", resolution);
            kinesis(
                    data,
                    "GetRecords.IteratorAgeMilliseconds",
                    on,
                    at,
                    stream.getRecordsIteratorAgeMilliseconds(),
                    "Milliseconds",
                    resolution);
            kinesis(
                    data,
                    "WriteProvisionedThroughputExceeded",
                    on,
                    at,
                    stream.writeProvisionedThroughputExceeded(),
                    "Count",
                    resolution);
            kinesis(
                    data,
                    "ReadProvisionedThroughputExceeded",
                    on,
                    at,
                    stream.readProvisionedThroughputExceeded(),
                    "Count",
                    resolution);
            for (ShardMetrics shard : stream.shards()) {
                List<Dimension> onShard = List.of(
                        new Dimension("StreamName", stream.streamName()), new Dimension("ShardId", shard.shardId()));
                kinesis(data, "IncomingBytes", onShard, at, shard.incomingBytes(), "Bytes", resolution);
                kinesis(data, "IncomingRecords", onShard, at, shard.incomingRecords(), "Count", resolution);
                kinesis(data, "OutgoingBytes", onShard, at, shard.outgoingBytes(), "Bytes", resolution);
                kinesis(data, "OutgoingRecords", onShard, at, shard.outgoingRecords(), "Count", resolution);
                kinesis(
                        data,
                        "IteratorAgeMilliseconds",
                        onShard,
                        at,
                        shard.iteratorAgeMilliseconds(),
                        "Milliseconds",
                        resolution);
                kinesis(
                        data,
                        "ReadProvisionedThroughputExceeded",
                        onShard,
                        at,
                        shard.readProvisionedThroughputExceeded(),
                        "Count",
                        resolution);
                kinesis(
                        data,
                        "WriteProvisionedThroughputExceeded",
                        onShard,
                        at,
                        shard.writeProvisionedThroughputExceeded(),
                        "Count",
                        resolution);
            }
        }
        return byAccount;
    }

    private static void count(
            List<MetricDatum> data, String name, List<Dimension> on, Instant at, long value, Integer resolution) {
        data.add(new MetricDatum(name, on, at, (double) value, null, null, null, "Count", resolution));
    }

    private static void kinesis(
            List<MetricDatum> data,
            String name,
            List<Dimension> on,
            Instant at,
            dev.wharf.kinesis.api.@Nullable StatisticSet set,
            String unit,
            Integer resolution) {
        if (set != null) {
            data.add(set(name, on, at, set.sampleCount(), set.sum(), set.minimum(), set.maximum(), unit, resolution));
        }
    }

    private static MetricDatum set(
            String name,
            List<Dimension> on,
            Instant at,
            long count,
            double sum,
            double minimum,
            double maximum,
            String unit,
            Integer resolution) {
        return new MetricDatum(
                name,
                on,
                at,
                null,
                new StatisticSet((double) count, sum, minimum, maximum),
                null,
                null,
                unit,
                resolution);
    }
}
