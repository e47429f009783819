package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.Tag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The changes to an existing stream that need no records: retention, tags (a consumer's too), and resharding (SplitShard
 * and MergeShards), each checked as AWS checks it and worded as AWS words it. Every method runs with the stream's lock
 * held.
 */
final class StreamChanges {

    /** The characters AWS allows in tags: Unicode letters, digits, white space and {@code _ . / = + - % @}. */
    private static final Pattern TAG_CHARACTERS = Pattern.compile("[\\p{L}\\p{N}\\s_./=+\\-%@]*");
    /** A closed shard's ending sequence number: the highest its index can have, above every record it holds. */
    static final long ENDING_ORDINAL = Long.MAX_VALUE;

    /** The shard-level metrics enhanced monitoring knows, in the order AWS lists them. */
    static final List<String> METRICS = List.of(
            "IncomingBytes",
            "IncomingRecords",
            "OutgoingBytes",
            "OutgoingRecords",
            "WriteProvisionedThroughputExceeded",
            "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds");

    private StreamChanges() {}

    /**
     * Turns shard-level metrics on or off ({@code ALL} naming every one) and returns what was on before; the stream must
     * be ACTIVE.
     */
    static List<String> monitoring(Stream stream, @Nullable List<String> metrics, boolean enable) {
        MemberConstraints constraints = MemberConstraints.check().notNull("shardLevelMetrics", metrics);
        List<String> allowed = new ArrayList<>(METRICS);
        allowed.add("ALL");
        constraints.eachOneOf("shardLevelMetrics", metrics, allowed);
        if (metrics != null && (metrics.isEmpty() || metrics.size() > METRICS.size())) {
            constraints.range("shardLevelMetrics", metrics.size(), 1, METRICS.size());
        }
        constraints.validate(KinesisError.Validation);
        stream.requireActive();
        List<String> before = List.copyOf(stream.metrics);
        java.util.Set<String> named = new java.util.HashSet<>(java.util.Objects.requireNonNull(metrics));
        if (named.contains("ALL")) {
            named.addAll(METRICS);
        }
        java.util.Set<String> after = new java.util.HashSet<>(stream.metrics);
        if (enable) {
            after.addAll(named);
        } else {
            after.removeAll(named);
        }
        stream.metrics.clear();
        for (String metric : METRICS) {
            if (after.contains(metric)) {
                stream.metrics.add(metric);
            }
        }
        return before;
    }

    static void retention(Stream stream, @Nullable Integer hours, boolean increase) {
        MemberConstraints.check()
                .notNull("retentionPeriodHours", hours)
                .range("retentionPeriodHours", hours, 1, Integer.MAX_VALUE)
                .validate(KinesisError.Validation);
        int requested = java.util.Objects.requireNonNull(hours);
        if (requested < KinesisLimits.RETENTION_HOURS_MIN) {
            throw KinesisError.InvalidArgument.with("Minimum allowed retention period is 24 hours. Requested retention"
                    + " period (" + requested + " hours) is too short.");
        }
        if (requested > KinesisLimits.RETENTION_HOURS_MAX) {
            throw KinesisError.InvalidArgument.with("Maximum allowed retention period is 8760 hours. Requested"
                    + " retention period (" + requested + " hours) is too long.");
        }
        if (increase && requested < stream.retentionHours) {
            throw KinesisError.InvalidArgument.with("Requested retention period (" + requested + " hours) for stream "
                    + stream.name + " can not be shorter than existing retention period (" + stream.retentionHours
                    + " hours). Use DecreaseRetentionPeriod API.");
        }
        if (!increase && requested > stream.retentionHours) {
            throw KinesisError.InvalidArgument.with("Requested retention period (" + requested + " hours) for stream "
                    + stream.name + " can not be longer than existing retention period (" + stream.retentionHours
                    + " hours). Use IncreaseRetentionPeriod API.");
        }
        stream.retentionHours = requested;
    }

    static void addTags(Stream stream, @Nullable Map<String, String> tags) {
        MemberConstraints constraints = MemberConstraints.check().notNull("tags", tags);
        if (tags != null && tags.size() > 10) {
            constraints.range("tags", tags.size(), 1, 10);
        }
        constraints.validate(KinesisError.Validation);
        putTags(stream.tags, java.util.Objects.requireNonNull(tags), "stream", stream.name, stream.accountId);
    }

    /**
     * Adds tags to a stream's or a consumer's ({@code kind} and {@code name} say which, for the messages), checked and
     * worded as AddTagsToStream checks and words them; the tags are left as they were when one is refused.
     */
    static void putTags(
            Map<String, String> into, Map<String, String> added, String kind, String name, String accountId) {
        for (Map.Entry<String, String> tag : added.entrySet()) {
            if (!TAG_CHARACTERS.matcher(tag.getKey()).matches()
                    || !TAG_CHARACTERS.matcher(tag.getValue()).matches()) {
                throw KinesisError.InvalidArgument.with("Some tags contain invalid characters. Valid characters:"
                        + " Unicode letters, digits, white space, _ . / = + - % @.");
            }
            if (tag.getKey().isEmpty()
                    || tag.getKey().length() > KinesisLimits.TAG_KEY_LENGTH_MAX
                    || tag.getValue().length() > KinesisLimits.TAG_VALUE_LENGTH_MAX) {
                throw KinesisError.InvalidArgument.with("Failed to add tags to " + kind + " " + name
                        + " under account " + accountId + " because a tag key is longer than 128 characters or"
                        + " empty, or a tag value is longer than 256 characters.");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(into);
        merged.putAll(added);
        if (merged.size() > KinesisLimits.TAGS_MAX) {
            throw KinesisError.InvalidArgument.with("Failed to add tags to " + kind + " " + name + " under account "
                    + accountId + " because a given " + kind + " cannot have more than " + KinesisLimits.TAGS_MAX
                    + " tags associated with it.");
        }
        into.clear();
        into.putAll(merged);
    }

    static void removeTags(Stream stream, @Nullable List<String> keys) {
        MemberConstraints constraints = MemberConstraints.check().notNull("tagKeys", keys);
        if (keys != null && keys.size() > 10) {
            constraints.range("tagKeys", keys.size(), 1, 10);
        }
        constraints.validate(KinesisError.Validation);
        java.util.Objects.requireNonNull(keys).forEach(stream.tags::remove);
    }

    /** A page of the stream's tags in key order, after {@code exclusiveStart}, and whether more follow. */
    static List<Tag> tags(Stream stream, @Nullable String exclusiveStart, int limit, boolean[] more) {
        return tags(stream.tags, exclusiveStart, limit, more);
    }

    /** A page of a stream's or consumer's tags in key order, after {@code exclusiveStart}, and whether more follow. */
    static List<Tag> tags(Map<String, String> tags, @Nullable String exclusiveStart, int limit, boolean[] more) {
        TreeMap<String, String> sorted = new TreeMap<>(tags);
        Map<String, String> after = exclusiveStart == null ? sorted : sorted.tailMap(exclusiveStart, false);
        List<Tag> page = new ArrayList<>();
        for (Map.Entry<String, String> tag : after.entrySet()) {
            if (page.size() == limit) {
                more[0] = true;
                break;
            }
            page.add(new Tag(tag.getKey(), tag.getValue()));
        }
        return page;
    }

    /** Checks a SplitShard: the parent open, and the new starting hash key strictly inside its range. */
    static Reshard split(Stream stream, @Nullable String shardId, @Nullable String newStartingHashKey) {
        MemberConstraints.check()
                .notNull("shardToSplit", shardId)
                .notNull("newStartingHashKey", newStartingHashKey)
                .validate(KinesisError.Validation);
        ShardState parent = openShard(stream, java.util.Objects.requireNonNull(shardId));
        BigInteger key = HashKeys.parseExplicit(java.util.Objects.requireNonNull(newStartingHashKey));
        HashKeys.Range range = parent.range();
        if (key.compareTo(range.start().add(BigInteger.ONE)) <= 0 || key.compareTo(range.end()) >= 0) {
            throw KinesisError.InvalidArgument.with("NewStartingHashKey " + newStartingHashKey
                    + " used in SplitShard() on shard " + shardId + " in stream " + stream.name + " under account "
                    + stream.accountId + " is not both greater than one plus the shard's StartingHashKey "
                    + range.start() + " and less than the shard's EndingHashKey " + range.end() + ".");
        }
        return Reshard.split(parent.index(), key);
    }

    /** Checks a MergeShards: both shards open, the second's range right after the first's. */
    static Reshard merge(Stream stream, @Nullable String shardId, @Nullable String adjacentShardId) {
        MemberConstraints.check()
                .notNull("shardToMerge", shardId)
                .notNull("adjacentShardToMerge", adjacentShardId)
                .validate(KinesisError.Validation);
        ShardState first = openShard(stream, java.util.Objects.requireNonNull(shardId));
        ShardState second = openShard(stream, java.util.Objects.requireNonNull(adjacentShardId));
        if (!first.range().adjacentTo(second.range())) {
            throw KinesisError.InvalidArgument.with("Shards " + shardId + " and " + adjacentShardId + " in stream "
                    + stream.name + " under account " + stream.accountId
                    + " are not an adjacent pair of shards eligible for merging");
        }
        return Reshard.merge(first.index(), second.index());
    }

    private static ShardState openShard(Stream stream, String shardId) {
        ShardState shard = stream.shard(shardId);
        if (shard == null) {
            throw KinesisError.ResourceNotFound.with("Could not find shard " + shardId + " in stream " + stream.name
                    + " under account " + stream.accountId + ".");
        }
        if (!shard.open()) {
            throw KinesisError.ResourceInUse.with("Shard " + shardId + " in stream " + stream.name + " under account "
                    + stream.accountId + " has already been merged or split, and thus is not eligible for merging or"
                    + " splitting.");
        }
        return shard;
    }
}
