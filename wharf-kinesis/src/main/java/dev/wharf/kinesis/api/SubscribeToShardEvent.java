package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Kinesis's SubscribeToShardEvent shape: one event of a subscription's stream. */
public record SubscribeToShardEvent(
        @Nullable List<StreamRecord> records,
        @Nullable String continuationSequenceNumber,
        @Nullable Long millisBehindLatest,
        @Nullable List<ChildShard> childShards) {}
