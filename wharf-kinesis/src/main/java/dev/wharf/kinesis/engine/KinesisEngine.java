package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.AddTagsToStreamResponse;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.CreateStreamResponse;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodResponse;
import dev.wharf.kinesis.api.DeleteResourcePolicyRequest;
import dev.wharf.kinesis.api.DeleteResourcePolicyResponse;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamResponse;
import dev.wharf.kinesis.api.DeregisterStreamConsumerRequest;
import dev.wharf.kinesis.api.DeregisterStreamConsumerResponse;
import dev.wharf.kinesis.api.DescribeAccountSettingsRequest;
import dev.wharf.kinesis.api.DescribeAccountSettingsResponse;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeLimitsResponse;
import dev.wharf.kinesis.api.DescribeStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamConsumerResponse;
import dev.wharf.kinesis.api.DescribeStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamResponse;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryResponse;
import dev.wharf.kinesis.api.DisableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.DisableEnhancedMonitoringResponse;
import dev.wharf.kinesis.api.EnableEnhancedMonitoringRequest;
import dev.wharf.kinesis.api.EnableEnhancedMonitoringResponse;
import dev.wharf.kinesis.api.EnhancedMetrics;
import dev.wharf.kinesis.api.GetRecordsRequest;
import dev.wharf.kinesis.api.GetRecordsResponse;
import dev.wharf.kinesis.api.GetResourcePolicyRequest;
import dev.wharf.kinesis.api.GetResourcePolicyResponse;
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.GetShardIteratorResponse;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodResponse;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListShardsResponse;
import dev.wharf.kinesis.api.ListStreamConsumersRequest;
import dev.wharf.kinesis.api.ListStreamConsumersResponse;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListStreamsResponse;
import dev.wharf.kinesis.api.ListTagsForResourceRequest;
import dev.wharf.kinesis.api.ListTagsForResourceResponse;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.ListTagsForStreamResponse;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.MergeShardsResponse;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordResponse;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsResponse;
import dev.wharf.kinesis.api.PutResourcePolicyRequest;
import dev.wharf.kinesis.api.PutResourcePolicyResponse;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.RegisterStreamConsumerResponse;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamResponse;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.SplitShardResponse;
import dev.wharf.kinesis.api.StartStreamEncryptionRequest;
import dev.wharf.kinesis.api.StartStreamEncryptionResponse;
import dev.wharf.kinesis.api.StopStreamEncryptionRequest;
import dev.wharf.kinesis.api.StopStreamEncryptionResponse;
import dev.wharf.kinesis.api.StreamDescription;
import dev.wharf.kinesis.api.StreamDescriptionSummary;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.StreamSummary;
import dev.wharf.kinesis.api.SubscribeToShardRequest;
import dev.wharf.kinesis.api.SubscribeToShardStream;
import dev.wharf.kinesis.api.TagResourceRequest;
import dev.wharf.kinesis.api.TagResourceResponse;
import dev.wharf.kinesis.api.UntagResourceRequest;
import dev.wharf.kinesis.api.UntagResourceResponse;
import dev.wharf.kinesis.api.UpdateAccountSettingsRequest;
import dev.wharf.kinesis.api.UpdateAccountSettingsResponse;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeRequest;
import dev.wharf.kinesis.api.UpdateMaxRecordSizeResponse;
import dev.wharf.kinesis.api.UpdateShardCountRequest;
import dev.wharf.kinesis.api.UpdateShardCountResponse;
import dev.wharf.kinesis.api.UpdateStreamModeRequest;
import dev.wharf.kinesis.api.UpdateStreamModeResponse;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputRequest;
import dev.wharf.kinesis.api.UpdateStreamWarmThroughputResponse;
import dev.wharf.kinesis.api.WarmThroughputObject;
import dev.wharf.storage.StreamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Kinesis Data Streams' semantics for streams and their shards: creation (provisioned or on-demand), the asynchronous
 * CREATING, UPDATING and DELETING of AWS, description, listing, retention, tags, resharding and deletion. One per server; thread-safe.
 *
 * <p>Streams are keyed by account and name, and found by StreamName or StreamARN as AWS lets every call name them. A
 * stream's changes take {@link KinesisConfig#transition()}; its status moves on when a call next looks at it. Every
 * change is durable in the stream store before the call answers, and the engine rebuilds its streams from the store
 * at start.
 */
public final class KinesisEngine implements dev.wharf.kinesis.api.ShardReadPort {

    static final List<String> STREAM_MODES = List.of("PROVISIONED", "ON_DEMAND");
    static final int LIST_LIMIT_DEFAULT = 100;
    static final int SHARD_COUNT_MAX = 100_000;

    private final Clock clock;
    private final KinesisConfig config;
    private final StreamRegistry streams;
    private final ShardLogs shardLogs;
    private final DataRecords records;
    private final ShardReads reads;
    private final AccountSettings accounts;
    private final StreamConsumers consumers;
    private final StreamResources resources;
    private final StreamUpdates updates;
    private final ShardListing shards;
    private final ShardSubscriptions subscriptions;

    /** An engine over a stream store, with the streams it held rebuilt by one scan of their metadata. */
    public KinesisEngine(Clock clock, KinesisConfig config, StreamStore store) {
        this(clock, config, store, System::nanoTime);
    }

    /**
     * An engine that times its operations' latency metrics (PutRecord.Latency and the like) by {@code nanoTime}, a
     * monotonic clock in nanoseconds: the injected {@link Clock} reads milliseconds, which most calls take less than.
     */
    public KinesisEngine(Clock clock, KinesisConfig config, StreamStore store, LongSupplier nanoTime) {
        this.clock = clock;
        this.config = config;
        this.streams = new StreamRegistry(clock, config, store);
        this.shardLogs = new ShardLogs(streams);
        this.records = new DataRecords(streams, shardLogs, config.throughputLimits(), nanoTime);
        this.reads = new ShardReads(streams, shardLogs, config.throughputLimits(), nanoTime);
        this.accounts = new AccountSettings(clock, store);
        this.consumers = new StreamConsumers(streams, accounts);
        this.resources = new StreamResources(streams, consumers);
        this.updates = new StreamUpdates(streams, accounts);
        this.shards = new ShardListing(streams);
        this.subscriptions = new ShardSubscriptions(streams, consumers, shardLogs, reads, config.throughputLimits());
    }

    public PutRecordResponse putRecord(KinesisContext context, PutRecordRequest request) {
        return records.putRecord(context, request);
    }

    public PutRecordsResponse putRecords(KinesisContext context, PutRecordsRequest request) {
        return records.putRecords(context, request);
    }

    public GetShardIteratorResponse getShardIterator(KinesisContext context, GetShardIteratorRequest request) {
        return reads.getShardIterator(context, request);
    }

    public GetRecordsResponse getRecords(KinesisContext context, GetRecordsRequest request) {
        return reads.getRecords(context, request);
    }

    /**
     * Accepts a SubscribeToShard subscription, whose events the caller then runs; the errors it throws are the ones the
     * client gets instead of a stream.
     */
    public SubscribeToShardStream subscribeToShard(KinesisContext context, SubscribeToShardRequest request) {
        return subscriptions.subscribe(context, request);
    }

    /**
     * Trims every shard's records past its stream's retention, as range deletes: the periodic sweep for shards that
     * no one writes to (writes trim their own shards once a minute). Reads never return an expired record either way.
     */
    @Override
    public List<ShardDescription> shards(String streamArn) {
        KinesisContext context = contextOf(streamArn);
        List<ShardDescription> found = new java.util.ArrayList<>();
        String token = null;
        // ListShards answers 1,000 shards a page at most: this bounds the pages by the stream's shard limit.
        for (int page = 0; page <= SHARD_COUNT_MAX / 1_000 + 1; page++) {
            dev.wharf.kinesis.api.ListShardsResponse listed = shards.list(
                    context,
                    new dev.wharf.kinesis.api.ListShardsRequest(
                            null,
                            token,
                            null,
                            token == null ? 1_000 : null,
                            null,
                            null,
                            token == null ? streamArn : null,
                            null));
            for (dev.wharf.kinesis.api.Shard shard :
                    java.util.Objects.requireNonNullElse(listed.shards(), List.<dev.wharf.kinesis.api.Shard>of())) {
                dev.wharf.kinesis.api.HashKeyRange range = java.util.Objects.requireNonNull(shard.hashKeyRange());
                dev.wharf.kinesis.api.SequenceNumberRange sequences = shard.sequenceNumberRange();
                found.add(new ShardDescription(
                        java.util.Objects.requireNonNull(shard.shardId()),
                        shard.parentShardId(),
                        shard.adjacentParentShardId(),
                        String.valueOf(range.startingHashKey()),
                        String.valueOf(range.endingHashKey()),
                        sequences != null && sequences.endingSequenceNumber() != null));
            }
            token = listed.nextToken();
            if (token == null) {
                break;
            }
        }
        return found;
    }

    @Override
    public Page read(String streamArn, String shardId, Position from, int limit) {
        KinesisContext context = contextOf(streamArn);
        String type = from.afterSequenceNumber() != null
                ? "AFTER_SEQUENCE_NUMBER"
                : from.atTimestamp() != null ? "AT_TIMESTAMP" : "TRIM_HORIZON";
        try {
            String iterator = reads.getShardIterator(
                            context,
                            new GetShardIteratorRequest(
                                    null,
                                    shardId,
                                    type,
                                    from.afterSequenceNumber(),
                                    from.atTimestamp(),
                                    streamArn,
                                    null))
                    .shardIterator();
            GetRecordsResponse response =
                    reads.getRecords(context, new GetRecordsRequest(iterator, limit, streamArn, null));
            List<dev.wharf.kinesis.api.StreamRecord> records =
                    java.util.Objects.requireNonNullElse(response.records(), List.of());
            return new Page(records, response.nextShardIterator() == null, false);
        } catch (dev.wharf.common.AwsException e) {
            if (e.code() == KinesisError.ProvisionedThroughputExceeded) {
                return new Page(List.of(), false, true);
            }
            throw e;
        }
    }

    /** The context of a call on a stream's ARN: its account, in its region. */
    private static KinesisContext contextOf(String streamArn) {
        String[] parts = streamArn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("kinesis") || !parts[5].startsWith("stream/")) {
            throw KinesisError.InvalidArgument.with("StreamARN " + streamArn + " is not a Kinesis stream's ARN.");
        }
        return new KinesisContext(parts[4], parts[3]);
    }

    public void trimExpired() {
        shardLogs.trimAll();
    }

    /**
     * Each stream's figures for CloudWatch's {@code AWS/Kinesis} metrics since the previous call, with its shards'
     * enhanced ones for the metrics that its enhanced monitoring names, and only the streams that have any: every
     * sample, once taken, is gone from the next snapshot, and each lands in exactly one. Meant for one caller, once a
     * minute; a stream deleted since the last call takes its figures with it.
     */
    public List<dev.wharf.kinesis.api.StreamMetrics> metricsSnapshot() {
        return StreamMetricsSnapshots.take(streams);
    }

    /**
     * Whether an account has a stream of that name now, in any status until it is gone: {@link #metricsSnapshot()}
     * leaves out quiet streams, so the server's metrics ask this to tell a quiet stream from a deleted one. Takes the
     * stream's lock briefly, as any call that finds it does.
     */
    public boolean hasStream(String accountId, String streamName) {
        return streams.named(accountId, streamName) != null;
    }

    /** The consumers of enhanced fan-out, for SubscribeToShard's lookup of the consumer it serves. */
    StreamConsumers consumers() {
        return consumers;
    }

    public CreateStreamResponse createStream(KinesisContext context, CreateStreamRequest request) {
        String mode = request.streamModeDetails() == null
                ? null
                : request.streamModeDetails().streamMode();
        MemberConstraints.check()
                .notNull("streamName", request.streamName())
                .length("streamName", request.streamName(), 1, KinesisLimits.STREAM_NAME_LENGTH_MAX, false)
                .pattern("streamName", request.streamName(), StreamRegistry.STREAM_NAME, false)
                .range("shardCount", request.shardCount(), 1, SHARD_COUNT_MAX)
                .oneOf("streamModeDetails.streamMode", mode, STREAM_MODES)
                .range("warmThroughputMiBps", request.warmThroughputMiBps(), 0, Integer.MAX_VALUE)
                .range(
                        "maxRecordSizeInKiB",
                        request.maxRecordSizeInKiB(),
                        KinesisLimits.MAX_RECORD_SIZE_KIB_MIN,
                        KinesisLimits.MAX_RECORD_SIZE_KIB_MAX)
                .validate(KinesisError.Validation);
        String name = Objects.requireNonNull(request.streamName());
        Stream.Mode streamMode = "ON_DEMAND".equals(mode) ? Stream.Mode.ON_DEMAND : Stream.Mode.PROVISIONED;
        int shards = shardsToCreate(streamMode, request.shardCount());
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        if (tags.size() > KinesisLimits.TAGS_MAX) {
            throw KinesisError.InvalidArgument.with("Failed to create stream " + name + ". A stream can have at most "
                    + KinesisLimits.TAGS_MAX + " tags.");
        }
        Integer warm = request.warmThroughputMiBps();
        if (warm != null && streamMode != Stream.Mode.ON_DEMAND) {
            throw KinesisError.InvalidArgument.with("Warm throughput is only supported for streams in ON_DEMAND mode.");
        }
        if (warm != null) {
            updates.requireWarmThroughput(context.accountId(), warm);
        }
        long now = clock.millis();
        synchronized (streams.createLock) {
            Stream existing = streams.named(context.accountId(), name);
            if (existing != null) {
                throw KinesisError.ResourceInUse.with(
                        "Stream " + name + " under account " + context.accountId() + " already exists.");
            }
            streams.requireShardQuota(context, streams.openShards(context.accountId()), shards);
            if (streamMode == Stream.Mode.ON_DEMAND) {
                StreamUpdates.requireOnDemandQuota(context, streams.onDemandStreams(context.accountId()));
            }
            Stream stream = new Stream(
                    streams.newId(),
                    name,
                    StreamRegistry.arn(context, name),
                    context.accountId(),
                    now,
                    streamMode,
                    KinesisLimits.RETENTION_HOURS_DEFAULT);
            List<HashKeys.Range> ranges = HashKeys.evenSplit(shards);
            for (int i = 0; i < ranges.size(); i++) {
                stream.shards.add(ShardState.opened(i, ranges.get(i), -1, -1, now));
            }
            stream.tags.putAll(tags);
            stream.warmThroughputTargetMiBps = warm;
            if (request.maxRecordSizeInKiB() != null) {
                stream.maxRecordSizeKiB = request.maxRecordSizeInKiB();
            }
            stream.settlesAtMillis = now + config.transition().toMillis();
            stream.lock.lock();
            try {
                streams.save(stream);
            } finally {
                stream.lock.unlock();
            }
            streams.add(stream);
        }
        return new CreateStreamResponse();
    }

    /** The shards a new stream starts with: as many as asked of a provisioned one, AWS's four for an on-demand one. */
    private static int shardsToCreate(Stream.Mode mode, @Nullable Integer shardCount) {
        if (mode == Stream.Mode.ON_DEMAND) {
            if (shardCount != null) {
                throw KinesisError.InvalidArgument.with("ShardCount is not supported for streams in ON_DEMAND mode.");
            }
            return KinesisLimits.ON_DEMAND_INITIAL_SHARDS;
        }
        if (shardCount == null) {
            throw KinesisError.InvalidArgument.with("ShardCount is required for streams in PROVISIONED mode.");
        }
        return shardCount;
    }

    public DeleteStreamResponse deleteStream(KinesisContext context, DeleteStreamRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            if (!Boolean.TRUE.equals(request.enforceConsumerDeletion())
                    && StreamConsumers.hasConsumers(stream, clock.millis())) {
                throw KinesisError.ResourceInUse.with("Stream " + stream.name + " under account " + stream.accountId
                        + " has registered consumers. Deregister them, or set EnforceConsumerDeletion to true.");
            }
            stream.status = Stream.Status.DELETING;
            stream.settlesAtMillis = clock.millis() + config.transition().toMillis();
            return new DeleteStreamResponse();
        });
    }

    public DescribeStreamSummaryResponse describeStreamSummary(
            KinesisContext context, DescribeStreamSummaryRequest request) {
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        stream.lock.lock();
        try {
            return new DescribeStreamSummaryResponse(new StreamDescriptionSummary(
                    stream.name,
                    stream.arn,
                    null,
                    stream.status.name(),
                    new StreamModeDetails(stream.mode.name()),
                    stream.retentionHours,
                    created(stream),
                    new ArrayList<>(List.of(new EnhancedMetrics(List.copyOf(stream.metrics)))),
                    stream.encryptionType,
                    stream.keyId,
                    stream.status == Stream.Status.CREATING ? 0 : stream.openShards(),
                    StreamConsumers.count(stream, clock.millis()),
                    warmThroughput(stream),
                    stream.maxRecordSizeKiB));
        } finally {
            stream.lock.unlock();
        }
    }

    public DescribeStreamResponse describeStream(KinesisContext context, DescribeStreamRequest request) {
        MemberConstraints.check().range("limit", request.limit(), 1, 10_000).validate(KinesisError.Validation);
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        int limit = request.limit() == null ? LIST_LIMIT_DEFAULT : request.limit();
        stream.lock.lock();
        try {
            List<Shard> page = new ArrayList<>();
            boolean more = false;
            if (stream.status != Stream.Status.CREATING) {
                int after = request.exclusiveStartShardId() == null
                        ? -1
                        : ShardIds.indexOf(request.exclusiveStartShardId());
                for (ShardState shard : stream.shards) {
                    if (shard.index() <= after) {
                        continue;
                    }
                    if (page.size() == limit) {
                        more = true;
                        break;
                    }
                    page.add(shard.describe());
                }
            }
            return new DescribeStreamResponse(new StreamDescription(
                    stream.name,
                    stream.arn,
                    stream.status.name(),
                    new StreamModeDetails(stream.mode.name()),
                    page,
                    more,
                    stream.retentionHours,
                    created(stream),
                    new ArrayList<>(List.of(new EnhancedMetrics(List.copyOf(stream.metrics)))),
                    stream.encryptionType,
                    stream.keyId));
        } finally {
            stream.lock.unlock();
        }
    }

    public ListStreamsResponse listStreams(KinesisContext context, ListStreamsRequest request) {
        MemberConstraints.check().range("limit", request.limit(), 1, 10_000).validate(KinesisError.Validation);
        int limit = request.limit() == null ? LIST_LIMIT_DEFAULT : request.limit();
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            after = PageTokens.decode(request.nextToken(), 1)[0];
        }
        List<String> names = new ArrayList<>();
        List<StreamSummary> summaries = new ArrayList<>();
        boolean[] more = {false};
        streams.forEach(context.accountId(), after, stream -> {
            if (names.size() == limit) {
                more[0] = true;
                return false;
            }
            stream.lock.lock();
            try {
                names.add(stream.name);
                summaries.add(new StreamSummary(
                        stream.name,
                        stream.arn,
                        stream.status.name(),
                        new StreamModeDetails(stream.mode.name()),
                        created(stream)));
            } finally {
                stream.lock.unlock();
            }
            return true;
        });
        String nextToken = more[0] ? PageTokens.encode(names.getLast()) : null;
        return new ListStreamsResponse(names, more[0], nextToken, summaries);
    }

    public ListShardsResponse listShards(KinesisContext context, ListShardsRequest request) {
        return shards.list(context, request);
    }

    public IncreaseStreamRetentionPeriodResponse increaseStreamRetentionPeriod(
            KinesisContext context, IncreaseStreamRetentionPeriodRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            StreamChanges.retention(stream, request.retentionPeriodHours(), true);
            return new IncreaseStreamRetentionPeriodResponse();
        });
    }

    public DecreaseStreamRetentionPeriodResponse decreaseStreamRetentionPeriod(
            KinesisContext context, DecreaseStreamRetentionPeriodRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            StreamChanges.retention(stream, request.retentionPeriodHours(), false);
            return new DecreaseStreamRetentionPeriodResponse();
        });
    }

    public AddTagsToStreamResponse addTagsToStream(KinesisContext context, AddTagsToStreamRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            StreamChanges.addTags(stream, request.tags());
            return new AddTagsToStreamResponse();
        });
    }

    public RemoveTagsFromStreamResponse removeTagsFromStream(
            KinesisContext context, RemoveTagsFromStreamRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            StreamChanges.removeTags(stream, request.tagKeys());
            return new RemoveTagsFromStreamResponse();
        });
    }

    public ListTagsForStreamResponse listTagsForStream(KinesisContext context, ListTagsForStreamRequest request) {
        MemberConstraints.check()
                .range("limit", request.limit(), 1, 50)
                .length("exclusiveStartTagKey", request.exclusiveStartTagKey(), 1, 128, false)
                .validate(KinesisError.Validation);
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        int limit = request.limit() == null ? 50 : request.limit();
        stream.lock.lock();
        try {
            boolean[] more = {false};
            return new ListTagsForStreamResponse(
                    StreamChanges.tags(stream, request.exclusiveStartTagKey(), limit, more), more[0]);
        } finally {
            stream.lock.unlock();
        }
    }

    public DescribeLimitsResponse describeLimits(KinesisContext context, DescribeLimitsRequest request) {
        return new DescribeLimitsResponse(
                config.shardsPerAccount(),
                streams.openShards(context.accountId()),
                streams.onDemandStreams(context.accountId()),
                KinesisLimits.ON_DEMAND_STREAMS_MAX);
    }

    public SplitShardResponse splitShard(KinesisContext context, SplitShardRequest request) {
        Stream stream = streams.find(context, request.streamName(), request.streamARN());
        long now = clock.millis();
        int open = streams.openShards(context.accountId());
        stream.lock.lock();
        try {
            stream.requireActive();
            Reshard split = StreamChanges.split(stream, request.shardToSplit(), request.newStartingHashKey());
            streams.requireShardQuota(context, open, 1);
            stream.update(now, config.transition().toMillis(), split);
            streams.save(stream);
        } finally {
            stream.lock.unlock();
        }
        return new SplitShardResponse();
    }

    public MergeShardsResponse mergeShards(KinesisContext context, MergeShardsRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            stream.requireActive();
            Reshard merge = StreamChanges.merge(stream, request.shardToMerge(), request.adjacentShardToMerge());
            stream.update(clock.millis(), config.transition().toMillis(), merge);
            return new MergeShardsResponse();
        });
    }

    public EnableEnhancedMonitoringResponse enableEnhancedMonitoring(
            KinesisContext context, EnableEnhancedMonitoringRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            List<String> before = StreamChanges.monitoring(stream, request.shardLevelMetrics(), true);
            return new EnableEnhancedMonitoringResponse(stream.name, before, List.copyOf(stream.metrics), stream.arn);
        });
    }

    public DisableEnhancedMonitoringResponse disableEnhancedMonitoring(
            KinesisContext context, DisableEnhancedMonitoringRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
            List<String> before = StreamChanges.monitoring(stream, request.shardLevelMetrics(), false);
            return new DisableEnhancedMonitoringResponse(stream.name, before, List.copyOf(stream.metrics), stream.arn);
        });
    }

    public UpdateShardCountResponse updateShardCount(KinesisContext context, UpdateShardCountRequest request) {
        return updates.updateShardCount(context, request);
    }

    public UpdateStreamModeResponse updateStreamMode(KinesisContext context, UpdateStreamModeRequest request) {
        return updates.updateStreamMode(context, request);
    }

    public StartStreamEncryptionResponse startStreamEncryption(
            KinesisContext context, StartStreamEncryptionRequest request) {
        return updates.startStreamEncryption(context, request);
    }

    public StopStreamEncryptionResponse stopStreamEncryption(
            KinesisContext context, StopStreamEncryptionRequest request) {
        return updates.stopStreamEncryption(context, request);
    }

    public UpdateStreamWarmThroughputResponse updateStreamWarmThroughput(
            KinesisContext context, UpdateStreamWarmThroughputRequest request) {
        return updates.updateStreamWarmThroughput(context, request);
    }

    public UpdateMaxRecordSizeResponse updateMaxRecordSize(KinesisContext context, UpdateMaxRecordSizeRequest request) {
        return updates.updateMaxRecordSize(context, request);
    }

    public RegisterStreamConsumerResponse registerStreamConsumer(
            KinesisContext context, RegisterStreamConsumerRequest request) {
        return consumers.register(context, request);
    }

    public DescribeStreamConsumerResponse describeStreamConsumer(
            KinesisContext context, DescribeStreamConsumerRequest request) {
        return consumers.describe(context, request);
    }

    public ListStreamConsumersResponse listStreamConsumers(KinesisContext context, ListStreamConsumersRequest request) {
        return consumers.list(context, request);
    }

    public DeregisterStreamConsumerResponse deregisterStreamConsumer(
            KinesisContext context, DeregisterStreamConsumerRequest request) {
        return consumers.deregister(context, request);
    }

    public TagResourceResponse tagResource(KinesisContext context, TagResourceRequest request) {
        return resources.tag(context, request);
    }

    public UntagResourceResponse untagResource(KinesisContext context, UntagResourceRequest request) {
        return resources.untag(context, request);
    }

    public ListTagsForResourceResponse listTagsForResource(KinesisContext context, ListTagsForResourceRequest request) {
        return resources.listTags(context, request);
    }

    public PutResourcePolicyResponse putResourcePolicy(KinesisContext context, PutResourcePolicyRequest request) {
        return resources.putPolicy(context, request);
    }

    public GetResourcePolicyResponse getResourcePolicy(KinesisContext context, GetResourcePolicyRequest request) {
        return resources.getPolicy(context, request);
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(
            KinesisContext context, DeleteResourcePolicyRequest request) {
        return resources.deletePolicy(context, request);
    }

    public UpdateAccountSettingsResponse updateAccountSettings(
            KinesisContext context, UpdateAccountSettingsRequest request) {
        return accounts.update(context, request);
    }

    public DescribeAccountSettingsResponse describeAccountSettings(
            KinesisContext context, DescribeAccountSettingsRequest request) {
        return accounts.describe(context);
    }

    /** Lock must be held: an on-demand stream's warm throughput, when one was asked; provisioned streams have none. */
    private static @Nullable WarmThroughputObject warmThroughput(Stream stream) {
        Integer target = stream.warmThroughputTargetMiBps;
        if (stream.mode != Stream.Mode.ON_DEMAND || target == null) {
            return null;
        }
        Integer current = stream.warmThroughputCurrentMiBps;
        return new WarmThroughputObject(target, current == null ? 0 : current);
    }

    /** AWS shows creation times to the second. */
    private static Instant created(Stream stream) {
        return Instant.ofEpochSecond(stream.createdMillis / 1000);
    }
}
