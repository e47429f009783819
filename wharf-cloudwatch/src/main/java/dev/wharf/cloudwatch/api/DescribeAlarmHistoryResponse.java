package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of DescribeAlarmHistory. */
public record DescribeAlarmHistoryResponse(
        @Nullable List<AlarmHistoryItem> alarmHistoryItems,
        @Nullable String nextToken) {}
