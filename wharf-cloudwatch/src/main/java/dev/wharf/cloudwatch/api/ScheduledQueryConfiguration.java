package dev.wharf.cloudwatch.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's ScheduledQueryConfiguration shape, as the model names its members. */
public record ScheduledQueryConfiguration(
        @Nullable String queryString,
        @Nullable List<String> logGroupIdentifiers,
        @Nullable String queryARN,
        @Nullable String scheduledQueryRoleARN,
        @Nullable ScheduleConfiguration scheduleConfiguration,
        @Nullable String aggregationExpression,
        @Nullable List<Tag> tags) {}
