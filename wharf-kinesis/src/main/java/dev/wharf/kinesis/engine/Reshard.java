package dev.wharf.kinesis.engine;

import java.math.BigInteger;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resharding that an UPDATING stream is in the middle of, as data, so that it survives a restart and is applied when
 * the stream's update is over: a split of {@code shard} at {@code newStartingHashKey}, or a merge of {@code shard} with
 * {@code adjacent}.
 */
record Reshard(Kind kind, int shard, @Nullable String newStartingHashKey, int adjacent) {

    enum Kind {
        SPLIT,
        MERGE
    }

    static Reshard split(int shard, BigInteger newStartingHashKey) {
        return new Reshard(Kind.SPLIT, shard, newStartingHashKey.toString(), -1);
    }

    static Reshard merge(int shard, int adjacent) {
        return new Reshard(Kind.MERGE, shard, null, adjacent);
    }

    /** Lock must be held: closes the parents and appends the children. */
    void apply(Stream stream) {
        ShardState first = stream.shards.get(shard);
        if (kind == Kind.SPLIT) {
            BigInteger key = new BigInteger(Objects.requireNonNull(newStartingHashKey));
            HashKeys.Range range = first.range();
            close(stream, first);
            int next = stream.shards.size();
            stream.shards.add(new ShardState(
                    next, new HashKeys.Range(range.start(), key.subtract(BigInteger.ONE)), shard, -1, null));
            stream.shards.add(new ShardState(next + 1, new HashKeys.Range(key, range.end()), shard, -1, null));
            return;
        }
        ShardState second = stream.shards.get(adjacent);
        close(stream, first);
        close(stream, second);
        stream.shards.add(new ShardState(
                stream.shards.size(),
                new HashKeys.Range(first.range().start(), second.range().end()),
                shard,
                adjacent,
                null));
    }

    private static void close(Stream stream, ShardState shard) {
        stream.shards.set(
                shard.index(),
                new ShardState(
                        shard.index(),
                        shard.range(),
                        shard.parent(),
                        shard.adjacentParent(),
                        SequenceNumbers.format(shard.index(), StreamChanges.ENDING_ORDINAL)));
    }
}
