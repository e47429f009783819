package dev.wharf.kinesis.engine;

import java.math.BigInteger;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resharding that an UPDATING stream is in the middle of, as data, so that it survives a restart and is applied when
 * the stream's update is over: a split of {@code shard} at {@code newStartingHashKey}, a merge of {@code shard} with
 * {@code adjacent}, or UpdateShardCount's uniform scaling of the open shards to {@code targetShardCount}.
 */
record Reshard(Kind kind, int shard, @Nullable String newStartingHashKey, int adjacent, int targetShardCount) {

    enum Kind {
        SPLIT,
        MERGE,
        UNIFORM
    }

    static Reshard split(int shard, BigInteger newStartingHashKey) {
        return new Reshard(Kind.SPLIT, shard, newStartingHashKey.toString(), -1, 0);
    }

    static Reshard merge(int shard, int adjacent) {
        return new Reshard(Kind.MERGE, shard, null, adjacent, 0);
    }

    static Reshard uniform(int targetShardCount) {
        return new Reshard(Kind.UNIFORM, -1, null, -1, targetShardCount);
    }

    /**
     * Lock must be held: closes the parents and appends the children, as of {@code atMillis} (when the update is over,
     * not when a call first sees it over, so that a restart in between changes nothing).
     */
    void apply(Stream stream, long atMillis) {
        switch (kind) {
            case SPLIT -> {
                ShardState parent = stream.shards.get(shard);
                splitAt(stream, parent, new BigInteger(Objects.requireNonNull(newStartingHashKey)), atMillis);
            }
            case MERGE -> mergeOf(stream, stream.shards.get(shard), stream.shards.get(adjacent), atMillis);
            case UNIFORM -> UniformScaling.apply(stream, targetShardCount, atMillis);
        }
    }

    /**
     * Lock must be held: closes an open shard and appends its two children, the keys below {@code key} and the keys from
     * it; returns the upper child.
     */
    static ShardState splitAt(Stream stream, ShardState parent, BigInteger key, long atMillis) {
        HashKeys.Range range = parent.range();
        stream.shards.set(parent.index(), parent.closed(atMillis));
        int next = stream.shards.size();
        stream.shards.add(ShardState.opened(
                next, new HashKeys.Range(range.start(), key.subtract(BigInteger.ONE)), parent.index(), -1, atMillis));
        ShardState upper =
                ShardState.opened(next + 1, new HashKeys.Range(key, range.end()), parent.index(), -1, atMillis);
        stream.shards.add(upper);
        return upper;
    }

    /** Lock must be held: closes two adjacent open shards and appends the one that joins them; returns it. */
    static ShardState mergeOf(Stream stream, ShardState first, ShardState second, long atMillis) {
        stream.shards.set(first.index(), first.closed(atMillis));
        stream.shards.set(second.index(), second.closed(atMillis));
        ShardState child = ShardState.opened(
                stream.shards.size(),
                new HashKeys.Range(first.range().start(), second.range().end()),
                first.index(),
                second.index(),
                atMillis);
        stream.shards.add(child);
        return child;
    }
}
