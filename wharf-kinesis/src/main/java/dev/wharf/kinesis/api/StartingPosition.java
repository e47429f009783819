package dev.wharf.kinesis.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Kinesis's StartingPosition shape, where a SubscribeToShard subscription starts. */
public record StartingPosition(
        @Nullable String type,
        @Nullable String sequenceNumber,
        @Nullable Instant timestamp) {}
