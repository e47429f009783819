package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of Kinesis's Record shape, as the model names its members. */
public record StreamRecord(
        @Nullable String sequenceNumber,
        @Nullable Instant approximateArrivalTimestamp,
        byte @Nullable [] data,
        @Nullable String partitionKey,
        @Nullable String encryptionType) {}
