package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's CompositeAlarm shape, as the model names its members. */
public record CompositeAlarm(
        @Nullable Boolean actionsEnabled,
        @Nullable List<String> alarmActions,
        @Nullable String alarmArn,
        @Nullable Instant alarmConfigurationUpdatedTimestamp,
        @Nullable String alarmDescription,
        @Nullable String alarmName,
        @Nullable String alarmRule,
        @Nullable List<String> insufficientDataActions,
        @Nullable List<String> oKActions,
        @Nullable String stateReason,
        @Nullable String stateReasonData,
        @Nullable Instant stateUpdatedTimestamp,
        @Nullable String stateValue,
        @Nullable Instant stateTransitionedTimestamp,
        @Nullable String actionsSuppressedBy,
        @Nullable String actionsSuppressedReason,
        @Nullable String actionsSuppressor,
        @Nullable Integer actionsSuppressorWaitPeriod,
        @Nullable Integer actionsSuppressorExtensionPeriod) {}
