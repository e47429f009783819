package dev.wharf.kinesis.api;

import org.jspecify.annotations.Nullable;

/** Part of Kinesis's SequenceNumberRange shape, as the model names its members. */
public record SequenceNumberRange(
        @Nullable String startingSequenceNumber, @Nullable String endingSequenceNumber) {}
