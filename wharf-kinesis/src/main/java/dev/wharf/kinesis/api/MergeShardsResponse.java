package dev.wharf.kinesis.api;

/** The output of MergeShards. */
public record MergeShardsResponse() {}
