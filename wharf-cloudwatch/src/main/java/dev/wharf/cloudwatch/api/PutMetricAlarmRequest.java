package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of PutMetricAlarm. */
public record PutMetricAlarmRequest(
        @Nullable String alarmName,
        @Nullable String alarmDescription,
        @Nullable Boolean actionsEnabled,
        @Nullable List<String> oKActions,
        @Nullable List<String> alarmActions,
        @Nullable List<String> insufficientDataActions,
        @Nullable String metricName,
        @Nullable String namespace,
        @Nullable String statistic,
        @Nullable String extendedStatistic,
        @Nullable List<Dimension> dimensions,
        @Nullable Integer period,
        @Nullable String unit,
        @Nullable Integer evaluationPeriods,
        @Nullable Integer datapointsToAlarm,
        @Nullable Double threshold,
        @Nullable String comparisonOperator,
        @Nullable String treatMissingData,
        @Nullable String evaluateLowSampleCountPercentile,
        @Nullable List<MetricDataQuery> metrics,
        @Nullable List<Tag> tags,
        @Nullable String thresholdMetricId,
        @Nullable EvaluationWindow evaluationWindow,
        @Nullable EvaluationCriteria evaluationCriteria,
        @Nullable Integer evaluationInterval) {}
