package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's Record shape, as the model names its members. */
public record StreamRecord(byte @Nullable [] data) {}
