package dev.wharf.server;

import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.FirehoseMetric;
import dev.wharf.kinesis.api.StatisticSet;
import dev.wharf.kinesis.api.StreamMetrics;
import dev.wharf.server.IntervalMeters.Count;
import dev.wharf.server.IntervalMeters.Latest;
import dev.wharf.server.IntervalMeters.Timed;
import dev.wharf.sns.api.TopicMetrics;
import dev.wharf.sqs.api.QueueMetrics;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What /metrics shows of each queue, topic, stream, table and delivery stream: the figures that CloudWatch publishes
 * under AWS/SQS, AWS/SNS, AWS/Kinesis, AWS/DynamoDB and AWS/Firehose, each named after its AWS metric in Prometheus's conventions (counters end in
 * {@code _total}, times are in seconds). A statistic set of counts, bytes or capacity units is shown as the counter of
 * its sum, a latency as a summary of its samples' count and sum, Kinesis's iterator age as a gauge of the latest
 * interval's maximum, and a provisioned capacity as a gauge of the latest.
 */
final class ServiceFigures {

    private static final double MILLIS_PER_SECOND = 1_000;

    private ServiceFigures() {}

    /** AWS/SQS, per queue (tags account and queue). */
    static IntervalMeters<QueueMetrics> queues() {
        return new IntervalMeters<>(
                "AWS/SQS",
                "queue",
                QueueMetrics::accountId,
                QueueMetrics::queueName,
                List.of(
                        new Count<>("wharf.sqs.messages.sent", "NumberOfMessagesSent", QueueMetrics::sent),
                        new Count<>("wharf.sqs.messages.received", "NumberOfMessagesReceived", QueueMetrics::received),
                        new Count<>("wharf.sqs.messages.deleted", "NumberOfMessagesDeleted", QueueMetrics::deleted),
                        new Count<>("wharf.sqs.receives.empty", "NumberOfEmptyReceives", QueueMetrics::emptyReceives),
                        new Latest<>(
                                "wharf.sqs.messages.visible",
                                "ApproximateNumberOfMessagesVisible",
                                QueueMetrics::visible),
                        new Latest<>(
                                "wharf.sqs.messages.not.visible",
                                "ApproximateNumberOfMessagesNotVisible",
                                QueueMetrics::notVisible),
                        new Latest<>(
                                "wharf.sqs.messages.delayed",
                                "ApproximateNumberOfMessagesDelayed",
                                QueueMetrics::delayed),
                        new Latest<>(
                                "wharf.sqs.oldest.message.age.seconds",
                                "ApproximateAgeOfOldestMessage",
                                QueueMetrics::ageOfOldestMessageSeconds)));
    }

    /** AWS/SNS, per topic (tags account and topic). */
    static IntervalMeters<TopicMetrics> topics() {
        return new IntervalMeters<>(
                "AWS/SNS",
                "topic",
                TopicMetrics::accountId,
                TopicMetrics::topicName,
                List.of(
                        new Count<>(
                                "wharf.sns.messages.published",
                                "NumberOfMessagesPublished",
                                TopicMetrics::numberOfMessagesPublished),
                        new Count<>(
                                "wharf.sns.publish.size.bytes",
                                "PublishSize: the sum of the published messages' sizes",
                                topic -> {
                                    dev.wharf.sns.api.StatisticSet sizes = topic.publishSize();
                                    return sizes == null ? 0 : sizes.sum();
                                }),
                        new Count<>(
                                "wharf.sns.notifications.delivered",
                                "NumberOfNotificationsDelivered",
                                TopicMetrics::numberOfNotificationsDelivered),
                        new Count<>(
                                "wharf.sns.notifications.failed",
                                "NumberOfNotificationsFailed",
                                TopicMetrics::numberOfNotificationsFailed),
                        new Count<>(
                                "wharf.sns.notifications.filtered.out",
                                "NumberOfNotificationsFilteredOut",
                                TopicMetrics::numberOfNotificationsFilteredOut),
                        new Count<>(
                                "wharf.sns.notifications.filtered.out.message.attributes",
                                "NumberOfNotificationsFilteredOut-MessageAttributes",
                                TopicMetrics::numberOfNotificationsFilteredOutMessageAttributes),
                        new Count<>(
                                "wharf.sns.notifications.filtered.out.message.body",
                                "NumberOfNotificationsFilteredOut-MessageBody",
                                TopicMetrics::numberOfNotificationsFilteredOutMessageBody),
                        new Count<>(
                                "wharf.sns.notifications.filtered.out.no.message.attributes",
                                "NumberOfNotificationsFilteredOut-NoMessageAttributes",
                                TopicMetrics::numberOfNotificationsFilteredOutNoMessageAttributes),
                        new Count<>(
                                "wharf.sns.notifications.filtered.out.invalid.message.body",
                                "NumberOfNotificationsFilteredOut-InvalidMessageBody",
                                TopicMetrics::numberOfNotificationsFilteredOutInvalidMessageBody),
                        new Count<>(
                                "wharf.sns.notifications.redriven.to.dlq",
                                "NumberOfNotificationsRedrivenToDlq",
                                TopicMetrics::numberOfNotificationsRedrivenToDlq),
                        new Count<>(
                                "wharf.sns.notifications.failed.to.redrive.to.dlq",
                                "NumberOfNotificationsFailedToRedriveToDlq",
                                TopicMetrics::numberOfNotificationsFailedToRedriveToDlq)));
    }

    /**
     * AWS/Kinesis's stream-level metrics, per stream (tags account and stream). The shard-level ones are left out: a
     * stream may have thousands of shards, each a set of series. So are the PutRecord(s).Bytes and PutRecords record
     * counts, which the incoming and throttling counters sum.
     */
    static IntervalMeters<StreamMetrics> streams() {
        return new IntervalMeters<>(
                "AWS/Kinesis",
                "stream",
                StreamMetrics::accountId,
                StreamMetrics::streamName,
                List.of(
                        sum("wharf.kinesis.incoming.bytes", "IncomingBytes", StreamMetrics::incomingBytes),
                        sum("wharf.kinesis.incoming.records", "IncomingRecords", StreamMetrics::incomingRecords),
                        sum(
                                "wharf.kinesis.put.record.success",
                                "PutRecord.Success: PutRecord calls that put their record",
                                StreamMetrics::putRecordSuccess),
                        latency(
                                "wharf.kinesis.put.record.latency",
                                "PutRecord.Latency",
                                StreamMetrics::putRecordLatency),
                        sum(
                                "wharf.kinesis.put.records.success",
                                "PutRecords.Success: PutRecords calls that put a record",
                                StreamMetrics::putRecordsSuccess),
                        latency(
                                "wharf.kinesis.put.records.latency",
                                "PutRecords.Latency",
                                StreamMetrics::putRecordsLatency),
                        sum("wharf.kinesis.get.records.bytes", "GetRecords.Bytes", StreamMetrics::getRecordsBytes),
                        sum(
                                "wharf.kinesis.get.records.records",
                                "GetRecords.Records",
                                StreamMetrics::getRecordsRecords),
                        sum(
                                "wharf.kinesis.get.records.success",
                                "GetRecords.Success: GetRecords calls that answered",
                                StreamMetrics::getRecordsSuccess),
                        latency(
                                "wharf.kinesis.get.records.latency",
                                "GetRecords.Latency",
                                StreamMetrics::getRecordsLatency),
                        new Latest<>(
                                "wharf.kinesis.get.records.iterator.age.seconds",
                                "GetRecords.IteratorAgeMilliseconds: the latest interval's maximum, NaN without reads",
                                stream -> {
                                    StatisticSet ages = stream.getRecordsIteratorAgeMilliseconds();
                                    return ages == null ? Double.NaN : ages.maximum() / MILLIS_PER_SECOND;
                                }),
                        sum(
                                "wharf.kinesis.write.provisioned.throughput.exceeded",
                                "WriteProvisionedThroughputExceeded: records the shards' limits refused",
                                StreamMetrics::writeProvisionedThroughputExceeded),
                        sum(
                                "wharf.kinesis.read.provisioned.throughput.exceeded",
                                "ReadProvisionedThroughputExceeded: GetRecords calls the shards' limits refused",
                                StreamMetrics::readProvisionedThroughputExceeded)));
    }

    /**
     * AWS/DynamoDB's table-level metrics, per table (tags account and table). The global indexes' and the operations'
     * own dimensions are left out, as Kinesis's shards are: the latency and the returned items and errors are summed
     * over the table's operations ({@code wharf_requests_seconds} has every operation's latency).
     */
    static IntervalMeters<TableMetrics> tables() {
        return new IntervalMeters<>(
                "AWS/DynamoDB",
                "table",
                TableMetrics::accountId,
                TableMetrics::tableName,
                List.of(
                        new Count<>(
                                "wharf.dynamodb.consumed.read.capacity.units",
                                "ConsumedReadCapacityUnits: the table's and its local indexes', not its global indexes'",
                                table -> sumOf(table.consumedReadCapacityUnits())),
                        new Count<>(
                                "wharf.dynamodb.consumed.write.capacity.units",
                                "ConsumedWriteCapacityUnits: the table's and its local indexes', not its global indexes'",
                                table -> sumOf(table.consumedWriteCapacityUnits())),
                        new Latest<>(
                                "wharf.dynamodb.provisioned.read.capacity.units",
                                "ProvisionedReadCapacityUnits: NaN unless the table is PROVISIONED",
                                table -> orNaN(table.provisionedReadCapacityUnits())),
                        new Latest<>(
                                "wharf.dynamodb.provisioned.write.capacity.units",
                                "ProvisionedWriteCapacityUnits: NaN unless the table is PROVISIONED",
                                table -> orNaN(table.provisionedWriteCapacityUnits())),
                        new Count<>(
                                "wharf.dynamodb.conditional.check.failed.requests",
                                "ConditionalCheckFailedRequests",
                                TableMetrics::conditionalCheckFailedRequests),
                        new Timed<>(
                                "wharf.dynamodb.successful.request.latency",
                                "SuccessfulRequestLatency of every operation on the table",
                                table -> {
                                    long count = 0;
                                    for (TableMetrics.Operation operation : table.operations()) {
                                        dev.wharf.dynamodb.api.StatisticSet latency =
                                                operation.successfulRequestLatency();
                                        count += latency == null ? 0 : latency.sampleCount();
                                    }
                                    return count;
                                },
                                table -> {
                                    double millis = 0;
                                    for (TableMetrics.Operation operation : table.operations()) {
                                        millis += sumOf(operation.successfulRequestLatency());
                                    }
                                    return millis / MILLIS_PER_SECOND;
                                }),
                        new Count<>(
                                "wharf.dynamodb.returned.items",
                                "ReturnedItemCount of the table's Query and Scan calls",
                                table -> {
                                    double items = 0;
                                    for (TableMetrics.Operation operation : table.operations()) {
                                        items += sumOf(operation.returnedItemCount());
                                    }
                                    return items;
                                }),
                        new Count<>(
                                "wharf.dynamodb.system.errors",
                                "SystemErrors of every operation on the table",
                                table -> {
                                    long errors = 0;
                                    for (TableMetrics.Operation operation : table.operations()) {
                                        errors += operation.systemErrors();
                                    }
                                    return errors;
                                })));
    }

    /**
     * AWS/Firehose's main metrics, per delivery stream (tags account and delivery_stream): the counters of the
     * incoming, read and delivered bytes and records, the successful deliveries, the puts' latencies as summaries, and
     * DeliveryToS3.DataFreshness as a gauge of the latest interval's maximum. The per-operation bytes and records are
     * left out, which the incoming counters sum.
     */
    static IntervalMeters<DeliveryStreamMetrics> deliveryStreams() {
        return new IntervalMeters<>(
                "AWS/Firehose",
                "delivery_stream",
                DeliveryStreamMetrics::accountId,
                DeliveryStreamMetrics::deliveryStreamName,
                List.of(
                        firehose("wharf.firehose.incoming.bytes", FirehoseMetric.INCOMING_BYTES),
                        firehose("wharf.firehose.incoming.records", FirehoseMetric.INCOMING_RECORDS),
                        firehose("wharf.firehose.incoming.put.requests", FirehoseMetric.INCOMING_PUT_REQUESTS),
                        firehoseLatency("wharf.firehose.put.record.latency", FirehoseMetric.PUT_RECORD_LATENCY),
                        firehoseLatency(
                                "wharf.firehose.put.record.batch.latency", FirehoseMetric.PUT_RECORD_BATCH_LATENCY),
                        firehose("wharf.firehose.throttled.records", FirehoseMetric.THROTTLED_RECORDS),
                        firehose(
                                "wharf.firehose.data.read.from.kinesis.stream.bytes",
                                FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_BYTES),
                        firehose(
                                "wharf.firehose.data.read.from.kinesis.stream.records",
                                FirehoseMetric.DATA_READ_FROM_KINESIS_STREAM_RECORDS),
                        firehose("wharf.firehose.delivery.to.s3.bytes", FirehoseMetric.DELIVERY_TO_S3_BYTES),
                        firehose("wharf.firehose.delivery.to.s3.records", FirehoseMetric.DELIVERY_TO_S3_RECORDS),
                        firehose("wharf.firehose.delivery.to.s3.success", FirehoseMetric.DELIVERY_TO_S3_SUCCESS),
                        new Latest<>(
                                "wharf.firehose.delivery.to.s3.data.freshness.seconds",
                                "DeliveryToS3.DataFreshness: the latest interval's maximum, NaN without deliveries",
                                stream -> {
                                    dev.wharf.firehose.api.StatisticSet ages =
                                            stream.get(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS);
                                    return ages == null ? Double.NaN : ages.maximum();
                                }),
                        firehose(
                                "wharf.firehose.delivery.to.http.endpoint.bytes",
                                FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_BYTES),
                        firehose(
                                "wharf.firehose.delivery.to.http.endpoint.records",
                                FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_RECORDS),
                        firehose(
                                "wharf.firehose.delivery.to.http.endpoint.success",
                                FirehoseMetric.DELIVERY_TO_HTTP_ENDPOINT_SUCCESS)));
    }

    /** A counter of a Firehose metric's sum, described by its AWS name. */
    private static Count<DeliveryStreamMetrics> firehose(String name, FirehoseMetric metric) {
        return new Count<>(name, metric.metricName(), stream -> {
            dev.wharf.firehose.api.StatisticSet samples = stream.get(metric);
            return samples == null ? 0 : samples.sum();
        });
    }

    /** A summary of a Firehose latency's samples, in milliseconds, as a count and a sum of seconds. */
    private static Timed<DeliveryStreamMetrics> firehoseLatency(String name, FirehoseMetric metric) {
        return new Timed<>(
                name,
                metric.metricName(),
                stream -> {
                    dev.wharf.firehose.api.StatisticSet samples = stream.get(metric);
                    return samples == null ? 0 : samples.sampleCount();
                },
                stream -> {
                    dev.wharf.firehose.api.StatisticSet samples = stream.get(metric);
                    return samples == null ? 0 : samples.sum() / MILLIS_PER_SECOND;
                });
    }

    /** AWS/DynamoDB's account-level UserErrors, per account (tag account). */
    static IntervalMeters<DynamoDbMetrics.Account> dynamoDbAccounts() {
        return new IntervalMeters<>(
                "AWS/DynamoDB",
                null,
                DynamoDbMetrics.Account::accountId,
                DynamoDbMetrics.Account::accountId,
                List.of(new Count<>("wharf.dynamodb.user.errors", "UserErrors", DynamoDbMetrics.Account::userErrors)));
    }

    private static double sumOf(dev.wharf.dynamodb.api.@Nullable StatisticSet samples) {
        return samples == null ? 0 : samples.sum();
    }

    private static double orNaN(@Nullable Long value) {
        return value == null ? Double.NaN : value;
    }

    /** A counter of a statistic set's sum. */
    private static Count<StreamMetrics> sum(
            String name, String description, Function<StreamMetrics, @Nullable StatisticSet> set) {
        return new Count<>(name, description, stream -> {
            StatisticSet samples = set.apply(stream);
            return samples == null ? 0 : samples.sum();
        });
    }

    /** A summary of a latency statistic set's samples, in milliseconds, as a count and a sum of seconds. */
    private static Timed<StreamMetrics> latency(
            String name, String description, Function<StreamMetrics, @Nullable StatisticSet> set) {
        return new Timed<>(
                name,
                description,
                stream -> {
                    StatisticSet samples = set.apply(stream);
                    return samples == null ? 0 : samples.sampleCount();
                },
                stream -> {
                    StatisticSet samples = set.apply(stream);
                    return samples == null ? 0 : samples.sum() / MILLIS_PER_SECOND;
                });
    }
}
