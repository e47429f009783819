package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** Part of SNS's Topic shape, as the model names its members. */
public record Topic(@Nullable String topicArn) {}
