package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's AlarmPromQLCriteria shape, as the model names its members. */
public record AlarmPromQLCriteria(
        @Nullable String query,
        @Nullable Integer pendingPeriod,
        @Nullable Integer recoveryPeriod) {}
