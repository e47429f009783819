package dev.wharf.firehose.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One delivery stream's figures for CloudWatch's {@code AWS/Firehose} metrics of the dimension {@code
 * DeliveryStreamName}, since its previous snapshot: a statistic set per metric that had samples, none for the others.
 *
 * @param accountId the stream's account, whose CloudWatch receives the metrics
 * @param deliveryStreamName the {@code DeliveryStreamName} dimension
 * @param metrics the samples of each metric that had any, never an empty set
 */
public record DeliveryStreamMetrics(
        String accountId, String deliveryStreamName, Map<FirehoseMetric, StatisticSet> metrics) {

    public DeliveryStreamMetrics {
        metrics = metrics.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(metrics));
    }

    /** The samples of one metric, or null when it had none. */
    public @Nullable StatisticSet get(FirehoseMetric metric) {
        return metrics.get(metric);
    }
}
