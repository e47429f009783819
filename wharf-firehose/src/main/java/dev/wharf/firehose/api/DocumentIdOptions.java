package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's DocumentIdOptions shape, as the model names its members. */
public record DocumentIdOptions(@Nullable String defaultDocumentIdFormat) {}
