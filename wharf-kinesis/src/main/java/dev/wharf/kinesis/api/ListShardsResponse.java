package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListShards. */
public record ListShardsResponse(
        @Nullable List<Shard> shards, @Nullable String nextToken) {}
