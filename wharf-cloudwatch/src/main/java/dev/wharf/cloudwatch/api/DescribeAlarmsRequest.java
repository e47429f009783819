package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of DescribeAlarms. */
public record DescribeAlarmsRequest(
        @Nullable List<String> alarmNames,
        @Nullable String alarmNamePrefix,
        @Nullable List<String> alarmTypes,
        @Nullable String childrenOfAlarmName,
        @Nullable String parentsOfAlarmName,
        @Nullable String stateValue,
        @Nullable String actionPrefix,
        @Nullable Integer maxRecords,
        @Nullable String nextToken) {}
