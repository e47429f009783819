package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's MetricAlarm shape, as the model names its members. */
public record MetricAlarm(
        @Nullable String alarmName,
        @Nullable String alarmArn,
        @Nullable String alarmDescription,
        @Nullable Instant alarmConfigurationUpdatedTimestamp,
        @Nullable Boolean actionsEnabled,
        @Nullable List<String> oKActions,
        @Nullable List<String> alarmActions,
        @Nullable List<String> insufficientDataActions,
        @Nullable String stateValue,
        @Nullable String stateReason,
        @Nullable String stateReasonData,
        @Nullable Instant stateUpdatedTimestamp,
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
        @Nullable String thresholdMetricId,
        @Nullable String evaluationState,
        @Nullable Instant stateTransitionedTimestamp,
        @Nullable EvaluationWindow evaluationWindow,
        @Nullable EvaluationCriteria evaluationCriteria,
        @Nullable Integer evaluationInterval) {}
