package dev.wharf.kinesis.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of GetRecords. */
public record GetRecordsResponse(
        @Nullable List<StreamRecord> records,
        @Nullable String nextShardIterator,
        @Nullable Long millisBehindLatest,
        @Nullable List<ChildShard> childShards) {}
