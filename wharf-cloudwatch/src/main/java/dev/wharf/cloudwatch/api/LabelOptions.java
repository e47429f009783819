package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.Nullable;

/** Part of CloudWatch's LabelOptions shape, as the model names its members. */
public record LabelOptions(@Nullable String timezone) {}
