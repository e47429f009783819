package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.StartStreamEncryptionRequest;
import dev.wharf.kinesis.api.StartStreamEncryptionResponse;
import dev.wharf.kinesis.api.StopStreamEncryptionRequest;
import dev.wharf.kinesis.api.StopStreamEncryptionResponse;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeRequest;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeResponse;
import dev.wharf.kinesis.api.UpdateShardCountRequest;
import dev.wharf.kinesis.api.UpdateShardCountResponse;
import dev.wharf.kinesis.api.UpdateStreamModeRequest;
import dev.wharf.kinesis.api.UpdateStreamModeResponse;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputRequest;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputResponse;
import dev.wharf.kinesis.api.WarmThroughputObject;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes to a stream's capacity and settings: UpdateShardCount, UpdateStreamMode, Start/StopStreamEncryption,
 * UpdateStreamWarmThroughput and UpdateMaxRecordSize, each checked as AWS documents it. All but UpdateMaxRecordSize
 * are asynchronous, as AWS's are: the stream is UPDATING for the transition, and a new shard layout, encryption or warm
 * throughput takes effect when it is ACTIVE again; a new capacity mode shows at once. Thread-safe.
 */
final class StreamUpdates {

    private static final List<String> ENCRYPTION_TYPES = List.of("NONE", "KMS");

    private final StreamRegistry streams;
    private final AccountSettings accounts;

    StreamUpdates(StreamRegistry streams, AccountSettings accounts) {
        this.streams = streams;
        this.accounts = accounts;
    }

    UpdateShardCountResponse updateShardCount(KinesisContext context, UpdateShardCountRequest request) {
        MemberConstraints.check()
                .notNull("targetShardCount", request.targetShardCount())
                .range("targetShardCount", request.targetShardCount(), 1, Integer.MAX_VALUE)
                .notNull("scalingType", request.scalingType())
                .oneOf("scalingType", request.scalingType(), List.of("UNIFORM_SCALING"))
                .validate(KinesisError.Validation);
        int target = Objects.requireNonNull(request.targetShardCount());
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        int accountOpen = streams.openShards(context.accountId());
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            if (stream.mode == Stream.Mode.ON_DEMAND) {
                throw KinesisError.Validation.with("Request is invalid. Stream " + stream.name + " under account "
                        + stream.accountId + " is in On-Demand mode.");
            }
            stream.requireActive();
            int open = stream.openShards();
            String counts = " Current open shard count: " + open + " Target shard count: " + target;
            if (target > 2L * open) {
                throw KinesisError.LimitExceeded.with(
                        "UpdateShardCount cannot scale up over double your current open shard count." + counts);
            }
            if (2L * target < open) {
                throw KinesisError.LimitExceeded.with(
                        "UpdateShardCount cannot scale down below half your current open shard count." + counts);
            }
            if (target > KinesisLimits.SHARDS_PER_STREAM_MAX) {
                throw KinesisError.LimitExceeded.with("UpdateShardCount cannot scale up over "
                        + KinesisLimits.SHARDS_PER_STREAM_MAX + " shards in a stream." + counts);
            }
            if (target > open) {
                streams.requireShardQuota(context, accountOpen, target - open);
            }
            stream.countDailyUpdate(
                    "UpdateShardCount",
                    KinesisLimits.SHARD_COUNT_UPDATES_PER_DAY,
                    now,
                    dailyLimit(stream, "UpdateShardCount", KinesisLimits.SHARD_COUNT_UPDATES_PER_DAY));
            stream.update(now, streams.config.transition().toMillis(), Reshard.uniform(target));
            streams.save(stream);
            return new UpdateShardCountResponse(stream.name, open, target, stream.arn);
        } finally {
            stream.lock.unlock();
        }
    }

    UpdateStreamModeResponse updateStreamMode(KinesisContext context, UpdateStreamModeRequest request) {
        StreamModeDetails details = request.streamModeDetails();
        String mode = details == null ? null : details.streamMode();
        MemberConstraints.check()
                .notNull("streamARN", request.streamARN())
                .notNull("streamModeDetails", details)
                .notNull("streamModeDetails.streamMode", details == null ? "" : mode)
                .oneOf("streamModeDetails.streamMode", mode, KinesisEngine.STREAM_MODES)
                .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
                .validate(KinesisError.Validation);
        Stream.Mode target = Stream.Mode.valueOf(Objects.requireNonNull(mode));
        Integer warm = request.warmThroughputMiBps();
        synchronized (streams.createLock) {
            Stream stream = streams.find(context, null, request.streamARN());
            int onDemand = streams.onDemandStreams(context.accountId());
            long now = streams.clock.millis();
            stream.lock.lock();
            try {
                stream.requireActive();
                if (stream.mode == target) {
                    throw KinesisError.InvalidArgument.with("Stream " + stream.name + " under account "
                            + stream.accountId + " is already in " + target.name() + " mode.");
                }
                if (warm != null) {
                    requireWarmThroughput(stream, target, warm);
                }
                if (target == Stream.Mode.ON_DEMAND) {
                    requireOnDemandQuota(context, onDemand);
                }
                stream.countDailyUpdate(
                        "UpdateStreamMode",
                        KinesisLimits.STREAM_MODE_UPDATES_PER_DAY,
                        now,
                        dailyLimit(stream, "UpdateStreamMode", KinesisLimits.STREAM_MODE_UPDATES_PER_DAY));
                stream.mode = target;
                stream.warmThroughputTargetMiBps = warm;
                if (target == Stream.Mode.PROVISIONED) {
                    stream.warmThroughputCurrentMiBps = null;
                }
                stream.update(now, streams.config.transition().toMillis(), null);
                streams.save(stream);
                return new UpdateStreamModeResponse();
            } finally {
                stream.lock.unlock();
            }
        }
    }

    StartStreamEncryptionResponse startStreamEncryption(KinesisContext context, StartStreamEncryptionRequest request) {
        requireEncryption(request.encryptionType(), request.keyId(), "StartStreamEncryption");
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            encrypt(stream, "StartStreamEncryption", new Stream.Encryption("KMS", request.keyId()));
            return new StartStreamEncryptionResponse();
        });
    }

    StopStreamEncryptionResponse stopStreamEncryption(KinesisContext context, StopStreamEncryptionRequest request) {
        requireEncryption(request.encryptionType(), request.keyId(), "StopStreamEncryption");
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            encrypt(stream, "StopStreamEncryption", new Stream.Encryption("NONE", null));
            return new StopStreamEncryptionResponse();
        });
    }

    UpdateStreamWarmThroughputResponse updateStreamWarmThroughput(
            KinesisContext context, UpdateStreamWarmThroughputRequest request) {
        MemberConstraints.check()
                .notNull("warmThroughputMiBps", request.warmThroughputMiBps())
                .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
                .validate(KinesisError.Validation);
        int warm = Objects.requireNonNull(request.warmThroughputMiBps());
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            stream.requireActive();
            requireWarmThroughput(stream, stream.mode, warm);
            Integer current = stream.warmThroughputCurrentMiBps;
            stream.warmThroughputTargetMiBps = warm;
            stream.update(streams.clock.millis(), streams.config.transition().toMillis(), null);
            return new UpdateStreamWarmThroughputResponse(
                    stream.arn, stream.name, new WarmThroughputObject(warm, current == null ? 0 : current));
        });
    }

    UpdateMaxRecordSizeResponse updateMaxRecordSize(KinesisContext context, UpdateMaxRecordSizeRequest request) {
        MemberConstraints.check()
                .notNull("maxRecordSizeInKiB", request.maxRecordSizeInKiB())
                .range(
                        "maxRecordSizeInKiB",
                        request.maxRecordSizeInKiB(),
                        KinesisLimits.MAX_RECORD_SIZE_KIB_MIN,
                        KinesisLimits.MAX_RECORD_SIZE_KIB_MAX)
                .validate(KinesisError.Validation);
        return streams.change(context, null, request.streamARN(), stream -> {
            stream.requireActive();
            stream.maxRecordSizeKiB = Objects.requireNonNull(request.maxRecordSizeInKiB());
            return new UpdateMaxRecordSizeResponse();
        });
    }

    /**
     * Refuses a warm throughput that a stream in {@code mode} cannot have: only on-demand streams of an account with a
     * minimum throughput billing commitment have one, up to {@link KinesisLimits#WARM_THROUGHPUT_MIBPS_MAX}.
     */
    void requireWarmThroughput(Stream stream, Stream.Mode mode, int mibps) {
        if (mode != Stream.Mode.ON_DEMAND) {
            throw KinesisError.InvalidArgument.with("Warm throughput is only supported for streams in ON_DEMAND mode.");
        }
        requireWarmThroughput(stream.accountId, mibps);
    }

    /** Refuses a warm throughput without the account's commitment, or above the limit. */
    void requireWarmThroughput(String accountId, int mibps) {
        if (!accounts.committed(accountId)) {
            throw KinesisError.InvalidArgument.with("Warm throughput requires a minimum throughput billing commitment"
                    + " for account " + accountId + ". Enable it with UpdateAccountSettings.");
        }
        if (mibps > KinesisLimits.WARM_THROUGHPUT_MIBPS_MAX) {
            throw KinesisError.LimitExceeded.with("Warm throughput of " + mibps + " MiB/s exceeds the limit of "
                    + KinesisLimits.WARM_THROUGHPUT_MIBPS_MAX + " MiB/s for an on-demand stream.");
        }
    }

    /** Refuses one more on-demand stream to an account that has its quota of them. */
    static void requireOnDemandQuota(KinesisContext context, int onDemand) {
        if (onDemand >= KinesisLimits.ON_DEMAND_STREAMS_MAX) {
            throw KinesisError.LimitExceeded.with("This request would exceed the on-demand stream limit for the"
                    + " account " + context.accountId() + " in " + context.region() + ". Current on-demand stream"
                    + " count for the account: " + onDemand + ". Limit: " + KinesisLimits.ON_DEMAND_STREAMS_MAX + ".");
        }
    }

    private static void requireEncryption(@Nullable String type, @Nullable String keyId, String operation) {
        MemberConstraints.check()
                .notNull("encryptionType", type)
                .oneOf("encryptionType", type, ENCRYPTION_TYPES)
                .notNull("keyId", keyId)
                .length("keyId", keyId, 1, 2048, false)
                .validate(KinesisError.Validation);
        if (!"KMS".equals(type)) {
            throw KinesisError.InvalidArgument.with(
                    "Encryption type " + type + " is not valid for " + operation + ". The only valid value is KMS.");
        }
    }

    /** Lock must be held: starts the UPDATING that ends in the new encryption. */
    private void encrypt(Stream stream, String operation, Stream.Encryption encryption) {
        stream.requireActive();
        long now = streams.clock.millis();
        stream.countDailyUpdate(
                operation,
                KinesisLimits.ENCRYPTION_UPDATES_PER_DAY,
                now,
                dailyLimit(stream, operation, KinesisLimits.ENCRYPTION_UPDATES_PER_DAY));
        stream.update(now, streams.config.transition().toMillis(), null);
        stream.pendingEncryption = encryption;
    }

    private static String dailyLimit(Stream stream, String operation, int max) {
        return "Exceeded the limit of " + max + " " + operation + " calls in a rolling 24-hour period for stream "
                + stream.name + " under account " + stream.accountId + ".";
    }
}
