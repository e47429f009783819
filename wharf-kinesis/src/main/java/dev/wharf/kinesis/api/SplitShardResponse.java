package dev.wharf.kinesis.api;

/** The output of SplitShard. */
public record SplitShardResponse() {}
