package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.HashKeyRange;
import dev.wharf.kinesis.api.SequenceNumberRange;
import dev.wharf.kinesis.api.Shard;
import org.jspecify.annotations.Nullable;

/**
 * One shard as the stream's index keeps it: its place in the hash key space, its parents, and its sequence numbers.
 *
 * @param index the number in its id
 * @param range the hash keys it owns
 * @param parent the index of the shard it was split from or merged into it, or -1
 * @param adjacentParent the index of the other shard of a merge, or -1
 * @param endingSequence the sequence number of its last record once it is closed, null while it is open
 */
record ShardState(
        int index,
        HashKeys.Range range,
        int parent,
        int adjacentParent,
        @Nullable String endingSequence) {

    boolean open() {
        return endingSequence == null;
    }

    String id() {
        return ShardIds.of(index);
    }

    String startingSequence() {
        return SequenceNumbers.format(index, 0);
    }

    Shard describe() {
        return new Shard(
                id(),
                parent < 0 ? null : ShardIds.of(parent),
                adjacentParent < 0 ? null : ShardIds.of(adjacentParent),
                new HashKeyRange(range.start().toString(), range.end().toString()),
                new SequenceNumberRange(startingSequence(), endingSequence));
    }
}
