package dev.wharf.cloudwatch.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DescribeAlarmHistory. */
public record DescribeAlarmHistoryRequest(
        @Nullable String alarmName,
        @Nullable String alarmContributorId,
        @Nullable List<String> alarmTypes,
        @Nullable String historyItemType,
        @Nullable Instant startDate,
        @Nullable Instant endDate,
        @Nullable Integer maxRecords,
        @Nullable String nextToken,
        @Nullable String scanBy) {}
