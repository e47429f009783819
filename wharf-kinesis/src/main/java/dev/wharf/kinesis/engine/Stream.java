package dev.wharf.kinesis.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One stream's state: what DescribeStream shows, and the shards. Its mutable fields are guarded by {@link #lock};
 * the name, ARN, account and creation time never change.
 */
final class Stream {

    /** A stream's status, as AWS names it. */
    enum Status {
        CREATING,
        ACTIVE,
        UPDATING,
        DELETING
    }

    /** A stream's capacity mode, as AWS names it. */
    enum Mode {
        PROVISIONED,
        ON_DEMAND
    }

    /** The store's id of the stream, never reused while its records may remain. */
    final long id;

    final String name;
    final String arn;
    final String accountId;
    final long createdMillis;
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock}. */
    Status status;
    /** When the current CREATING, UPDATING or DELETING is over, in epoch milliseconds; guarded by {@link #lock}. */
    long settlesAtMillis;

    /** What an UPDATING stream becomes when its transition is over, or null; guarded by {@link #lock}. */
    @Nullable
    Reshard pending;

    Mode mode;
    int retentionHours;
    final List<ShardState> shards = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Each shard's records' running state, made on the shard's first use; guarded by {@link #lock}. */
    final Map<Integer, ShardLog> logs = new java.util.HashMap<>();
    /** "NONE" or "KMS": what PutRecord answers and each record read carries. */
    String encryptionType = "NONE";
    /** The largest record (data and partition key) that PutRecord takes, in KiB. */
    int maxRecordSizeKiB = 1024;
    /** The shard-level metrics enhanced monitoring collects, in {@link StreamChanges#METRICS} order. */
    final java.util.Set<String> metrics = new java.util.LinkedHashSet<>();

    Stream(long id, String name, String arn, String accountId, long createdMillis, Mode mode, int retentionHours) {
        this.id = id;
        this.name = name;
        this.arn = arn;
        this.accountId = accountId;
        this.createdMillis = createdMillis;
        this.mode = mode;
        this.retentionHours = retentionHours;
        this.status = Status.CREATING;
    }

    /** What settling a stream did. */
    enum Settled {
        UNCHANGED,
        CHANGED,
        GONE
    }

    /** Lock must be held: moves a finished CREATING or UPDATING on to ACTIVE, applying a pending reshard. */
    Settled settle(long nowMillis) {
        if (status == Status.ACTIVE || nowMillis < settlesAtMillis) {
            return Settled.UNCHANGED;
        }
        if (status == Status.DELETING) {
            return Settled.GONE;
        }
        Reshard change = pending;
        pending = null;
        if (change != null) {
            change.apply(this);
        }
        status = Status.ACTIVE;
        return Settled.CHANGED;
    }

    /**
     * Lock must be held: starts a change that takes the transition, as AWS's UPDATING does.
     *
     * @throws dev.wharf.common.AwsException {@code ResourceInUseException} unless the stream is ACTIVE
     */
    void update(long nowMillis, long transitionMillis, Reshard change) {
        requireActive();
        status = Status.UPDATING;
        settlesAtMillis = nowMillis + transitionMillis;
        pending = change;
    }

    /** Lock must be held: refuses a change to a stream that is not ACTIVE, in AWS's words. */
    void requireActive() {
        if (status != Status.ACTIVE) {
            throw dev.wharf.kinesis.api.KinesisError.ResourceInUse.with("Stream " + name + " under account " + accountId
                    + " not ACTIVE, instead in state " + status.name());
        }
    }

    /** Lock must be held: the shard with the given id, or null when the stream has none by that id. */
    @Nullable
    ShardState shard(String shardId) {
        int index = ShardIds.indexOf(shardId);
        return index < 0 || index >= shards.size() ? null : shards.get(index);
    }

    /** Lock must be held: the shards that are open. */
    int openShards() {
        int open = 0;
        for (ShardState shard : shards) {
            if (shard.open()) {
                open++;
            }
        }
        return open;
    }
}
