package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's AlarmHistoryItem shape, as the model names its members. */
public record AlarmHistoryItem(
        @Nullable String alarmName,
        @Nullable String alarmContributorId,
        @Nullable String alarmType,
        @Nullable Instant timestamp,
        @Nullable String historyItemType,
        @Nullable String historySummary,
        @Nullable String historyData,
        @Nullable Map<String, String> alarmContributorAttributes) {}
