package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's LogAlarm shape, as the model names its members. */
public record LogAlarm(
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
        @Nullable ScheduledQueryConfiguration scheduledQueryConfiguration,
        @Nullable Integer queryResultsToEvaluate,
        @Nullable Integer queryResultsToAlarm,
        @Nullable Double threshold,
        @Nullable String comparisonOperator,
        @Nullable String treatMissingData,
        @Nullable Instant stateTransitionedTimestamp,
        @Nullable String evaluationState,
        @Nullable Integer actionLogLineCount,
        @Nullable String actionLogLineRoleArn) {}
