package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Datapoint;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.ListMetricsRequest;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.common.TestClock;
import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.FirehoseMetric;
import dev.wharf.kinesis.api.ShardMetrics;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class CloudWatchServiceMetricsTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    final TestClock clock = new TestClock(AT.plusSeconds(30));
    final CloudWatchEngine engine =
            new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, new MemoryStorageEngine().metrics());

    List<String> names(String namespace) {
        return Objects.requireNonNull(engine.listMetrics(
                                CloudWatchMetricsTest.CONTEXT,
                                new ListMetricsRequest(namespace, null, null, null, null, null, null))
                        .metrics())
                .stream()
                .map(Metric::metricName)
                .distinct()
                .toList();
    }

    Datapoint one(String namespace, String name, List<Dimension> dimensions, String statistic) {
        return one(namespace, name, dimensions, statistic, AT);
    }

    Datapoint one(String namespace, String name, List<Dimension> dimensions, String statistic, Instant at) {
        List<Datapoint> points = Objects.requireNonNull(engine.getMetricStatistics(
                        CloudWatchMetricsTest.CONTEXT,
                        new GetMetricStatisticsRequest(
                                namespace,
                                name,
                                dimensions,
                                at,
                                at.plusSeconds(60),
                                60,
                                List.of(statistic),
                                null,
                                null))
                .datapoints());
        assertThat(points).hasSize(1);
        return points.getFirst();
    }

    @Test
    void awsSqsHoldsEveryQueueFigureUnderAwsNames() {
        engine.publishQueueMetrics(
                List.of(new QueueMetrics(
                        "000000000000",
                        "jobs.fifo",
                        true,
                        4,
                        3,
                        1,
                        12,
                        7,
                        3,
                        2,
                        1,
                        new QueueMetrics.StatisticSet(7, 700, 50, 150),
                        2)),
                AT,
                false);

        List<Dimension> queue = List.of(new Dimension("QueueName", "jobs.fifo"));
        assertThat(names("AWS/SQS"))
                .containsExactlyInAnyOrder(
                        "ApproximateAgeOfOldestMessage",
                        "ApproximateNumberOfMessagesDelayed",
                        "ApproximateNumberOfMessagesNotVisible",
                        "ApproximateNumberOfMessagesVisible",
                        "NumberOfDeduplicatedSentMessages",
                        "NumberOfEmptyReceives",
                        "NumberOfMessagesDeleted",
                        "NumberOfMessagesReceived",
                        "NumberOfMessagesSent",
                        "SentMessageSize");
        assertThat(one("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue, "Maximum")
                        .maximum())
                .isEqualTo(4.0);
        assertThat(one("AWS/SQS", "ApproximateAgeOfOldestMessage", queue, "Maximum")
                        .unit())
                .isEqualTo("Seconds");
        Datapoint size = one("AWS/SQS", "SentMessageSize", queue, "Average");
        assertThat(size.average()).isEqualTo(100.0);
        assertThat(size.unit()).isEqualTo("Bytes");
    }

    static QueueMetrics queue(String name, long visible) {
        return new QueueMetrics(
                "000000000000", name, false, visible, 0, 0, 0, 0, 0, 0, 0, QueueMetrics.StatisticSet.EMPTY, 0);
    }

    @Test
    void awsSqsIsPublishedForQueuesActiveInTheLastSixHours() {
        engine.publishQueueMetrics(List.of(queue("idle", 0), queue("busy", 3)), AT, false);
        assertThat(Objects.requireNonNull(engine.listMetrics(
                                CloudWatchMetricsTest.CONTEXT,
                                new ListMetricsRequest(
                                        "AWS/SQS", "ApproximateNumberOfMessagesVisible", null, null, null, null, null))
                        .metrics()))
                .extracting(metric ->
                        Objects.requireNonNull(metric.dimensions()).getFirst().value())
                .containsExactly("busy");

        Instant later = AT.plus(java.time.Duration.ofHours(5));
        clock.set(later.plusSeconds(30));
        engine.publishQueueMetrics(List.of(queue("idle", 0), queue("busy", 0)), later, false);
        assertThat(one(
                                "AWS/SQS",
                                "ApproximateNumberOfMessagesVisible",
                                List.of(new Dimension("QueueName", "busy")),
                                "Maximum",
                                later)
                        .maximum())
                .as("an emptied queue goes on being published")
                .isEqualTo(0.0);

        Instant quiet = AT.plus(java.time.Duration.ofHours(7));
        clock.set(quiet.plusSeconds(30));
        engine.publishQueueMetrics(List.of(queue("busy", 0)), quiet, false);
        assertThat(Objects.requireNonNull(engine.getMetricStatistics(
                                CloudWatchMetricsTest.CONTEXT,
                                new GetMetricStatisticsRequest(
                                        "AWS/SQS",
                                        "ApproximateNumberOfMessagesVisible",
                                        List.of(new Dimension("QueueName", "busy")),
                                        quiet,
                                        quiet.plusSeconds(60),
                                        60,
                                        List.of("Maximum"),
                                        null,
                                        null))
                        .datapoints()))
                .as("six hours after its last activity a queue is no longer published")
                .isEmpty();
    }

    @Test
    void awsSnsAndAwsKinesisHoldTheirFigures() {
        engine.publishTopicMetrics(
                List.of(new TopicMetrics(
                        "000000000000",
                        "alerts",
                        5,
                        4,
                        1,
                        2,
                        2,
                        0,
                        0,
                        0,
                        1,
                        0,
                        new dev.wharf.sns.api.StatisticSet(5, 500, 80, 120))),
                AT,
                false);
        dev.wharf.kinesis.api.StatisticSet bytes = new dev.wharf.kinesis.api.StatisticSet(2, 300, 100, 200);
        engine.publishStreamMetrics(
                List.of(new StreamMetrics(
                        "000000000000",
                        "clicks",
                        bytes,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(new ShardMetrics("shardId-000000000000", bytes, null, null, null, null, null, null)))),
                AT,
                false);

        assertThat(one("AWS/SNS", "NumberOfMessagesPublished", List.of(new Dimension("TopicName", "alerts")), "Sum")
                        .sum())
                .isEqualTo(5.0);
        assertThat(one("AWS/SNS", "PublishSize", List.of(new Dimension("TopicName", "alerts")), "Maximum")
                        .maximum())
                .isEqualTo(120.0);
        assertThat(one("AWS/Kinesis", "IncomingBytes", List.of(new Dimension("StreamName", "clicks")), "Sum")
                        .sum())
                .isEqualTo(300.0);
        assertThat(one(
                                "AWS/Kinesis",
                                "IncomingBytes",
                                List.of(
                                        new Dimension("StreamName", "clicks"),
                                        new Dimension("ShardId", "shardId-000000000000")),
                                "SampleCount")
                        .sampleCount())
                .isEqualTo(2.0);
        assertThat(names("AWS/Kinesis")).containsExactly("IncomingBytes");
    }

    @Test
    void awsFirehoseHoldsEachDeliveryStreamsStatisticSetsUnderAwsNamesAndUnits() {
        engine.publishDeliveryStreamMetrics(
                List.of(new DeliveryStreamMetrics(
                        "000000000000",
                        "clicks",
                        java.util.Map.of(
                                FirehoseMetric.INCOMING_BYTES,
                                new dev.wharf.firehose.api.StatisticSet(3, 15, 3, 7),
                                FirehoseMetric.PUT_RECORD_LATENCY,
                                new dev.wharf.firehose.api.StatisticSet(2, 10, 4, 6),
                                FirehoseMetric.DELIVERY_TO_S3_SUCCESS,
                                new dev.wharf.firehose.api.StatisticSet(4, 3, 0, 1),
                                FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS,
                                new dev.wharf.firehose.api.StatisticSet(1, 60, 60, 60)))),
                AT,
                false);

        List<Dimension> clicks = List.of(new Dimension("DeliveryStreamName", "clicks"));
        Datapoint incoming = one("AWS/Firehose", "IncomingBytes", clicks, "Sum");
        assertThat(incoming.sum()).isEqualTo(15.0);
        assertThat(incoming.unit()).isEqualTo("Bytes");
        assertThat(one("AWS/Firehose", "IncomingBytes", clicks, "SampleCount").sampleCount())
                .isEqualTo(3.0);
        Datapoint latency = one("AWS/Firehose", "PutRecord.Latency", clicks, "Maximum");
        assertThat(latency.maximum()).isEqualTo(6.0);
        assertThat(latency.unit()).isEqualTo("Milliseconds");
        assertThat(one("AWS/Firehose", "DeliveryToS3.Success", clicks, "Average")
                        .average())
                .as("the share of the deliveries tried that succeeded")
                .isEqualTo(0.75);
        Datapoint freshness = one("AWS/Firehose", "DeliveryToS3.DataFreshness", clicks, "Maximum");
        assertThat(freshness.maximum()).isEqualTo(60.0);
        assertThat(freshness.unit()).isEqualTo("Seconds");
        assertThat(names("AWS/Firehose"))
                .containsExactlyInAnyOrder(
                        "IncomingBytes", "PutRecord.Latency", "DeliveryToS3.Success", "DeliveryToS3.DataFreshness");
    }

    @Test
    void awsDynamoDbHoldsEachTablesIndexesAndOperationsFiguresAndTheAccountsUserErrors() {
        dev.wharf.dynamodb.api.StatisticSet writes = new dev.wharf.dynamodb.api.StatisticSet(4, 5, 1, 2);
        engine.publishTableMetrics(
                new DynamoDbMetrics(
                        List.of(new TableMetrics(
                                "000000000000",
                                "orders",
                                new dev.wharf.dynamodb.api.StatisticSet(2, 1.5, 0.5, 1),
                                writes,
                                5L,
                                10L,
                                3,
                                List.of(new TableMetrics.Index(
                                        "byCustomer",
                                        null,
                                        new dev.wharf.dynamodb.api.StatisticSet(1, 1, 1, 1),
                                        2L,
                                        3L)),
                                List.of(new TableMetrics.Operation(
                                        "Query",
                                        new dev.wharf.dynamodb.api.StatisticSet(2, 7, 3, 4),
                                        new dev.wharf.dynamodb.api.StatisticSet(2, 9, 4, 5),
                                        1)))),
                        List.of(new DynamoDbMetrics.Account("000000000000", 6))),
                AT,
                false);

        List<Dimension> orders = List.of(new Dimension("TableName", "orders"));
        List<Dimension> query = List.of(new Dimension("TableName", "orders"), new Dimension("Operation", "Query"));
        List<Dimension> index =
                List.of(new Dimension("TableName", "orders"), new Dimension("GlobalSecondaryIndexName", "byCustomer"));
        Datapoint written = one("AWS/DynamoDB", "ConsumedWriteCapacityUnits", orders, "Sum");
        assertThat(written.sum()).isEqualTo(5.0);
        assertThat(written.unit()).isEqualTo("Count");
        assertThat(one("AWS/DynamoDB", "ConsumedWriteCapacityUnits", orders, "SampleCount")
                        .sampleCount())
                .as("one sample per request")
                .isEqualTo(4.0);
        assertThat(one("AWS/DynamoDB", "ConsumedReadCapacityUnits", orders, "Minimum")
                        .minimum())
                .isEqualTo(0.5);
        assertThat(one("AWS/DynamoDB", "ProvisionedReadCapacityUnits", orders, "Average")
                        .average())
                .isEqualTo(5.0);
        assertThat(one("AWS/DynamoDB", "ProvisionedWriteCapacityUnits", index, "Maximum")
                        .maximum())
                .isEqualTo(3.0);
        assertThat(one("AWS/DynamoDB", "ConsumedWriteCapacityUnits", index, "Sum")
                        .sum())
                .isEqualTo(1.0);
        Datapoint failed = one("AWS/DynamoDB", "ConditionalCheckFailedRequests", orders, "Sum");
        assertThat(failed.sum()).isEqualTo(3.0);
        assertThat(one("AWS/DynamoDB", "ConditionalCheckFailedRequests", orders, "SampleCount")
                        .sampleCount())
                .as("each failed request a sample of 1")
                .isEqualTo(3.0);
        Datapoint latency = one("AWS/DynamoDB", "SuccessfulRequestLatency", query, "Maximum");
        assertThat(latency.maximum()).isEqualTo(4.0);
        assertThat(latency.unit()).isEqualTo("Milliseconds");
        assertThat(one("AWS/DynamoDB", "ReturnedItemCount", query, "Sum").sum()).isEqualTo(9.0);
        assertThat(one("AWS/DynamoDB", "SystemErrors", query, "Sum").sum()).isEqualTo(1.0);
        assertThat(one("AWS/DynamoDB", "UserErrors", List.of(), "Sum").sum()).isEqualTo(6.0);
        assertThat(names("AWS/DynamoDB"))
                .containsExactlyInAnyOrder(
                        "ConsumedReadCapacityUnits",
                        "ConsumedWriteCapacityUnits",
                        "ProvisionedReadCapacityUnits",
                        "ProvisionedWriteCapacityUnits",
                        "ConditionalCheckFailedRequests",
                        "SuccessfulRequestLatency",
                        "ReturnedItemCount",
                        "SystemErrors",
                        "UserErrors");
    }
}
