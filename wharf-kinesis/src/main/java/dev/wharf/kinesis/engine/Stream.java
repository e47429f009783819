package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.KinesisLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    static final long DAY_MILLIS = 86_400_000L;

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

    /** The reshard an UPDATING stream applies when its transition is over, or null; guarded by {@link #lock}. */
    @Nullable
    Reshard pending;

    /** The encryption an UPDATING stream takes when its transition is over, or null; guarded by {@link #lock}. */
    @Nullable
    Encryption pendingEncryption;

    /** A stream's server-side encryption: {@code NONE}, or {@code KMS} with the key's id as the call gave it. */
    record Encryption(String type, @Nullable String keyId) {}

    Mode mode;
    int retentionHours;
    final List<ShardState> shards = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    /** Each shard's records' running state, made on the shard's first use; guarded by {@link #lock}. */
    final Map<Integer, ShardLog> logs = new java.util.HashMap<>();
    /** The stream-level CloudWatch samples of its writes; guarded by {@link #lock}, replaced whole by a snapshot. */
    StreamCounts counts = new StreamCounts();
    /** The shard-level metrics enhanced monitoring collects, in {@link StreamChanges#METRICS} order. */
    final java.util.Set<String> metrics = new java.util.LinkedHashSet<>();

    /** {@code NONE} or {@code KMS}: what PutRecord answers for each record written now, and each record read carries. */
    String encryptionType = "NONE";
    /** The KMS key's id while {@link #encryptionType} is {@code KMS}, else null. */
    @Nullable
    String keyId;

    /** The largest record (data and partition key) PutRecord takes, in KiB (UpdateMaxRecordSize). */
    int maxRecordSizeKiB = KinesisLimits.MAX_RECORD_SIZE_KIB_DEFAULT;

    /** The warm throughput asked of an on-demand stream, in MiB a second, or null; it changes no limit. */
    @Nullable
    Integer warmThroughputTargetMiBps;

    /** The warm throughput an on-demand stream has reached: the target, once the update is over. */
    @Nullable
    Integer warmThroughputCurrentMiBps;

    /** The resource policy's JSON, or null; stored and shown, not enforced yet. */
    @Nullable
    String policy;

    /** When each operation that AWS allows only so often a day last ran on the stream, in epoch milliseconds. */
    final Map<String, List<Long>> recentUpdates = new HashMap<>();

    /** The enhanced fan-out consumers, by name; each is its own metadata record (see {@link StreamConsumers}). */
    final Map<String, StreamConsumer> consumers = new TreeMap<>();

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

    /**
     * Lock must be held: moves a finished CREATING or UPDATING on to ACTIVE, applying a pending reshard or encryption
     * and reaching the warm throughput asked.
     */
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
            change.apply(this, settlesAtMillis);
        }
        Encryption encryption = pendingEncryption;
        pendingEncryption = null;
        if (encryption != null) {
            encryptionType = encryption.type();
            keyId = encryption.keyId();
        }
        warmThroughputCurrentMiBps = warmThroughputTargetMiBps;
        status = Status.ACTIVE;
        return Settled.CHANGED;
    }

    /**
     * Lock must be held: starts a change that takes the transition, as AWS's UPDATING does, with the reshard it applies
     * at its end, if any.
     *
     * @throws dev.wharf.common.AwsException {@code ResourceInUseException} unless the stream is ACTIVE
     */
    void update(long nowMillis, long transitionMillis, @Nullable Reshard change) {
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

    /**
     * Lock must be held: refuses an operation that AWS allows only {@code max} times in a rolling 24 hours once it has
     * run that often, or records that it runs now.
     *
     * @throws dev.wharf.common.AwsException {@code LimitExceededException} with {@code message}
     */
    void countDailyUpdate(String operation, int max, long nowMillis, String message) {
        List<Long> times = recentUpdates.computeIfAbsent(operation, key -> new ArrayList<>());
        times.removeIf(time -> time <= nowMillis - DAY_MILLIS);
        if (times.size() >= max) {
            throw dev.wharf.kinesis.api.KinesisError.LimitExceeded.with(message);
        }
        times.add(nowMillis);
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
