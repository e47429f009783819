package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.sqs.api.QueueMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQS's metrics as CloudWatch keeps them under {@code AWS/SQS}: per queue (dimension {@code QueueName}) the three
 * approximate numbers and the age of the oldest message as single values, the counts of the interval as sums, and the
 * sizes of the messages sent as a statistic set, with AWS's names and units.
 */
final class AwsSqsMetrics {

    static final String NAMESPACE = "AWS/SQS";

    private AwsSqsMetrics() {}

    /** The data of each account, at one time; {@code highResolution} for intervals under a minute. */
    static Map<String, List<MetricDatum>> data(List<QueueMetrics> queues, Instant at, boolean highResolution) {
        Map<String, List<MetricDatum>> byAccount = new LinkedHashMap<>();
        Integer resolution = highResolution ? 1 : 60;
        for (QueueMetrics queue : queues) {
            List<Dimension> dimensions = List.of(new Dimension("QueueName", queue.queueName()));
            List<MetricDatum> data = byAccount.computeIfAbsent(queue.accountId(), a -> new ArrayList<>());
            data.add(value("ApproximateNumberOfMessagesVisible", dimensions, at, queue.visible(), "Count", resolution));
            data.add(value(
                    "ApproximateNumberOfMessagesNotVisible", dimensions, at, queue.notVisible(), "Count", resolution));
            data.add(value("ApproximateNumberOfMessagesDelayed", dimensions, at, queue.delayed(), "Count", resolution));
            data.add(value(
                    "ApproximateAgeOfOldestMessage",
                    dimensions,
                    at,
                    queue.ageOfOldestMessageSeconds(),
                    "Seconds",
                    resolution));
            data.add(value("NumberOfMessagesSent", dimensions, at, queue.sent(), "Count", resolution));
            data.add(value("NumberOfMessagesReceived", dimensions, at, queue.received(), "Count", resolution));
            data.add(value("NumberOfMessagesDeleted", dimensions, at, queue.deleted(), "Count", resolution));
            data.add(value("NumberOfEmptyReceives", dimensions, at, queue.emptyReceives(), "Count", resolution));
            QueueMetrics.StatisticSet sizes = queue.sentMessageSize();
            if (sizes.sampleCount() > 0) {
                data.add(new MetricDatum(
                        "SentMessageSize",
                        dimensions,
                        at,
                        null,
                        new StatisticSet(
                                (double) sizes.sampleCount(), (double) sizes.sum(), (double) sizes.minimum(), (double)
                                        sizes.maximum()),
                        null,
                        null,
                        "Bytes",
                        resolution));
            }
            if (queue.fifo()) {
                data.add(value(
                        "NumberOfDeduplicatedSentMessages",
                        dimensions,
                        at,
                        queue.deduplicatedSent(),
                        "Count",
                        resolution));
            }
        }
        return byAccount;
    }

    private static MetricDatum value(
            String name, List<Dimension> dimensions, Instant at, long value, String unit, Integer resolution) {
        return new MetricDatum(name, dimensions, at, (double) value, null, null, null, unit, resolution);
    }
}
