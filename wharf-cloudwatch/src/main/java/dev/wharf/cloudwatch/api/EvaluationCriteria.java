package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's EvaluationCriteria shape, as the model names its members. */
public record EvaluationCriteria(@Nullable AlarmPromQLCriteria promQLCriteria) {}
