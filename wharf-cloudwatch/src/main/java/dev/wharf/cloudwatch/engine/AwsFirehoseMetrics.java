package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.FirehoseMetric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firehose's metrics as CloudWatch keeps them: AWS/Firehose per delivery stream (dimension {@code
 * DeliveryStreamName}), each a statistic set of the interval's samples with AWS's name and unit.
 */
final class AwsFirehoseMetrics {

    static final String NAMESPACE = "AWS/Firehose";

    private AwsFirehoseMetrics() {}

    /** AWS/Firehose's data of each account at one time, in the metrics' catalogue order. */
    static Map<String, List<MetricDatum>> data(
            List<DeliveryStreamMetrics> streams, Instant at, boolean highResolution) {
        Map<String, List<MetricDatum>> byAccount = new LinkedHashMap<>();
        Integer resolution = highResolution ? 1 : 60;
        for (DeliveryStreamMetrics stream : streams) {
            List<Dimension> on = List.of(new Dimension("DeliveryStreamName", stream.deliveryStreamName()));
            List<MetricDatum> data = byAccount.computeIfAbsent(stream.accountId(), a -> new ArrayList<>());
            for (FirehoseMetric metric : FirehoseMetric.values()) {
                dev.wharf.firehose.api.StatisticSet set = stream.get(metric);
                if (set != null) {
                    data.add(new MetricDatum(
                            metric.metricName(),
                            on,
                            at,
                            null,
                            new StatisticSet((double) set.sampleCount(), set.sum(), set.minimum(), set.maximum()),
                            null,
                            null,
                            metric.unit(),
                            resolution));
                }
            }
        }
        return byAccount;
    }
}
