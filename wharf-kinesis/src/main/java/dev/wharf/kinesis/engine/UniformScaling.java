package dev.wharf.kinesis.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * UpdateShardCount's UNIFORM_SCALING: turns a stream's open shards into {@code target} shards of equal hash key ranges
 * (those of a stream created with that many), by the splits and merges that AWS documents it making.
 *
 * <p>First every open shard is split at each boundary of the new ranges that falls inside it, left to right, so that
 * each piece lies within one new range; then the pieces of each new range are merged left to right into one shard. Every
 * shard so made has one parent (a split) or two adjacent ones (a merge), as ParentShardId and AdjacentParentShardId can
 * say, and every old open shard is an ancestor of a new one, so a reader that finishes parents before children (the KCL)
 * reads every record. The pieces between the two steps are the short-lived shards AWS mentions: they open and close at
 * the same moment and hold no records. An open shard whose range is already a new range is kept as it is, so scaling to
 * the count a stream already has in even ranges changes nothing.
 */
final class UniformScaling {

    private UniformScaling() {}

    /** Lock must be held: reshards the stream's open shards into {@code target} even ranges, as of {@code atMillis}. */
    static void apply(Stream stream, int target, long atMillis) {
        List<ShardState> open = new ArrayList<>();
        for (ShardState shard : stream.shards) {
            if (shard.open()) {
                open.add(shard);
            }
        }
        open.sort(Comparator.comparing(shard -> shard.range().start()));
        List<HashKeys.Range> ranges = HashKeys.evenSplit(target);
        List<ShardState> pieces = split(stream, open, ranges, atMillis);
        int next = 0;
        for (HashKeys.Range range : ranges) {
            ShardState merged = pieces.get(next++);
            while (next < pieces.size() && pieces.get(next).range().end().compareTo(range.end()) <= 0) {
                merged = Reshard.mergeOf(stream, merged, pieces.get(next++), atMillis);
            }
        }
    }

    /** Splits the open shards, in hash key order, at the new ranges' starts inside them; returns the open pieces. */
    private static List<ShardState> split(
            Stream stream, List<ShardState> open, List<HashKeys.Range> ranges, long atMillis) {
        List<ShardState> pieces = new ArrayList<>();
        int boundary = 1;
        for (ShardState shard : open) {
            ShardState rest = shard;
            while (boundary < ranges.size()
                    && ranges.get(boundary).start().compareTo(rest.range().end()) <= 0) {
                BigInteger key = ranges.get(boundary++).start();
                if (key.compareTo(rest.range().start()) > 0) {
                    // The lower child was appended just before the upper one that splitAt answers.
                    ShardState upper = Reshard.splitAt(stream, rest, key, atMillis);
                    pieces.add(stream.shards.get(upper.index() - 1));
                    rest = upper;
                }
            }
            pieces.add(rest);
        }
        return pieces;
    }
}
