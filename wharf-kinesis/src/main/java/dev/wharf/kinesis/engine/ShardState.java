package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.HashKeyRange;
import dev.wharf.kinesis.api.SequenceNumberRange;
import dev.wharf.kinesis.api.Shard;
import org.jspecify.annotations.Nullable;

/**
 * One shard as the stream's index keeps it: its place in the hash key space, its parents, its sequence numbers, and
 * when it was opened and closed (which ListShards' time filters ask).
 *
 * @param index the number in its id
 * @param range the hash keys it owns
 * @param parent the index of the shard it was split from or merged into it, or -1
 * @param adjacentParent the index of the other shard of a merge, or -1
 * @param endingSequence the sequence number of its last record once it is closed, null while it is open
 * @param createdMillis when it was opened, in epoch milliseconds: its stream's creation for the first shards, the end
 *     of the reshard that made it for the others
 * @param closedMillis when it was closed, in epoch milliseconds, or -1 while it is open
 */
record ShardState(
        int index,
        HashKeys.Range range,
        int parent,
        int adjacentParent,
        @Nullable String endingSequence,
        long createdMillis,
        long closedMillis) {

    /** An open shard. */
    static ShardState opened(int index, HashKeys.Range range, int parent, int adjacentParent, long createdMillis) {
        return new ShardState(index, range, parent, adjacentParent, null, createdMillis, -1);
    }

    /** This shard closed at a time, its ending sequence number above every record it holds. */
    ShardState closed(long atMillis) {
        return new ShardState(
                index,
                range,
                parent,
                adjacentParent,
                SequenceNumbers.format(index, StreamChanges.ENDING_ORDINAL),
                createdMillis,
                atMillis);
    }

    boolean open() {
        return endingSequence == null;
    }

    /** Whether the shard was open at a time: opened at or before it, and not closed before it. */
    boolean openAt(long timeMillis) {
        return createdMillis <= timeMillis && (open() || closedMillis >= timeMillis);
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
