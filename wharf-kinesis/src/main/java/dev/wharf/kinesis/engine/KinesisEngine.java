package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.AddTagsToStreamRequest;
import dev.wharf.kinesis.api.AddTagsToStreamResponse;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.CreateStreamResponse;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.DecreaseStreamRetentionPeriodResponse;
import dev.wharf.kinesis.api.DeleteStreamRequest;
import dev.wharf.kinesis.api.DeleteStreamResponse;
import dev.wharf.kinesis.api.DescribeLimitsRequest;
import dev.wharf.kinesis.api.DescribeLimitsResponse;
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
import dev.wharf.kinesis.api.GetShardIteratorRequest;
import dev.wharf.kinesis.api.GetShardIteratorResponse;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodRequest;
import dev.wharf.kinesis.api.IncreaseStreamRetentionPeriodResponse;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.ListShardsRequest;
import dev.wharf.kinesis.api.ListShardsResponse;
import dev.wharf.kinesis.api.ListStreamsRequest;
import dev.wharf.kinesis.api.ListStreamsResponse;
import dev.wharf.kinesis.api.ListTagsForStreamRequest;
import dev.wharf.kinesis.api.ListTagsForStreamResponse;
import dev.wharf.kinesis.api.MergeShardsRequest;
import dev.wharf.kinesis.api.MergeShardsResponse;
import dev.wharf.kinesis.api.PutRecordRequest;
import dev.wharf.kinesis.api.PutRecordResponse;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsResponse;
import dev.wharf.kinesis.api.RemoveTagsFromStreamRequest;
import dev.wharf.kinesis.api.RemoveTagsFromStreamResponse;
import dev.wharf.kinesis.api.Shard;
import dev.wharf.kinesis.api.SplitShardRequest;
import dev.wharf.kinesis.api.SplitShardResponse;
import dev.wharf.kinesis.api.StreamDescription;
import dev.wharf.kinesis.api.StreamDescriptionSummary;
import dev.wharf.kinesis.api.StreamModeDetails;
import dev.wharf.kinesis.api.StreamSummary;
import dev.wharf.storage.StreamStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kinesis Data Streams' semantics for streams and their shards: creation (provisioned or on-demand), the asynchronous
 * CREATING, UPDATING and DELETING of AWS, description, listing, retention, tags, resharding and deletion. One per server; thread-safe.
 *
 * <p>Streams are keyed by account and name, and found by StreamName or StreamARN as AWS lets every call name them. A
 * stream's changes take {@link KinesisConfig#transition()}; its status moves on when a call next looks at it. Every
 * change is durable in the stream store before the call answers, and the engine rebuilds its streams from the store
 * at start.
 */
public final class KinesisEngine {

    static final List<String> STREAM_MODES = List.of("PROVISIONED", "ON_DEMAND");
    static final int LIST_LIMIT_DEFAULT = 100;
    static final int LIST_SHARDS_DEFAULT = 1_000;
    static final int SHARD_COUNT_MAX = 100_000;
    /** On-demand streams per account (AWS's default quota). */
    static final int ON_DEMAND_STREAMS_MAX = 50;

    private final Clock clock;
    private final KinesisConfig config;
    private final StreamRegistry streams;
    private final ShardLogs shardLogs;
    private final DataRecords records;
    private final ShardReads reads;

    /** An engine over a stream store, with the streams it held rebuilt by one scan of their metadata. */
    public KinesisEngine(Clock clock, KinesisConfig config, StreamStore store) {
        this.clock = clock;
        this.config = config;
        this.streams = new StreamRegistry(clock, config, store);
        this.shardLogs = new ShardLogs(streams);
        this.records = new DataRecords(streams, shardLogs, config.throughputLimits());
        this.reads = new ShardReads(streams, shardLogs, config.throughputLimits());
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
     * Trims every shard's records past its stream's retention, as range deletes: the periodic sweep for shards that
     * no one writes to (writes trim their own shards once a minute). Reads never return an expired record either way.
     */
    public void trimExpired() {
        shardLogs.trimAll();
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
                .validate(KinesisError.Validation);
        String name = Objects.requireNonNull(request.streamName());
        Stream.Mode streamMode = "ON_DEMAND".equals(mode) ? Stream.Mode.ON_DEMAND : Stream.Mode.PROVISIONED;
        int shards;
        if (streamMode == Stream.Mode.ON_DEMAND) {
            if (request.shardCount() != null) {
                throw KinesisError.InvalidArgument.with("ShardCount is not supported for streams in ON_DEMAND mode.");
            }
            shards = KinesisLimits.ON_DEMAND_INITIAL_SHARDS;
        } else if (request.shardCount() == null) {
            throw KinesisError.InvalidArgument.with("ShardCount is required for streams in PROVISIONED mode.");
        } else {
            shards = request.shardCount();
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        if (tags.size() > KinesisLimits.TAGS_MAX) {
            throw KinesisError.InvalidArgument.with("Failed to create stream " + name + ". A stream can have at most "
                    + KinesisLimits.TAGS_MAX + " tags.");
        }
        long now = clock.millis();
        synchronized (streams.createLock) {
            Stream existing = streams.named(context.accountId(), name);
            if (existing != null) {
                throw KinesisError.ResourceInUse.with(
                        "Stream " + name + " under account " + context.accountId() + " already exists.");
            }
            streams.requireShardQuota(context, streams.openShards(context.accountId()), shards);
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
                stream.shards.add(new ShardState(i, ranges.get(i), -1, -1, null));
            }
            stream.tags.putAll(tags);
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

    public DeleteStreamResponse deleteStream(KinesisContext context, DeleteStreamRequest request) {
        return streams.change(context, request.streamName(), request.streamARN(), stream -> {
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
                    "NONE",
                    null,
                    stream.status == Stream.Status.CREATING ? 0 : stream.openShards(),
                    0,
                    null,
                    null));
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
                    "NONE",
                    null));
        } finally {
            stream.lock.unlock();
        }
    }

    public ListStreamsResponse listStreams(KinesisContext context, ListStreamsRequest request) {
        MemberConstraints.check().range("limit", request.limit(), 1, 10_000).validate(KinesisError.Validation);
        int limit = request.limit() == null ? LIST_LIMIT_DEFAULT : request.limit();
        String after = request.exclusiveStartStreamName();
        if (request.nextToken() != null) {
            after = decodeToken(request.nextToken());
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
        String nextToken = more[0] ? encodeToken(names.getLast()) : null;
        return new ListStreamsResponse(names, more[0], nextToken, summaries);
    }

    public ListShardsResponse listShards(KinesisContext context, ListShardsRequest request) {
        MemberConstraints.check()
                .range("maxResults", request.maxResults(), 1, 10_000)
                .validate(KinesisError.Validation);
        String streamName = request.streamName();
        String afterShard = request.exclusiveStartShardId();
        if (request.nextToken() != null) {
            if (streamName != null || request.streamARN() != null || afterShard != null) {
                throw KinesisError.InvalidArgument.with(
                        "NextToken and StreamName, StreamARN or ExclusiveStartShardId cannot be provided together.");
            }
            String[] token = decodeToken(request.nextToken()).split("/", 2);
            if (token.length != 2) {
                throw KinesisError.InvalidArgument.with("Invalid ShardIterator or NextToken.");
            }
            streamName = token[0];
            afterShard = token[1];
        }
        Stream stream = streams.find(context, streamName, request.nextToken() == null ? request.streamARN() : null);
        int limit = request.maxResults() == null ? LIST_SHARDS_DEFAULT : request.maxResults();
        int after = afterShard == null ? -1 : ShardIds.indexOf(afterShard);
        stream.lock.lock();
        try {
            List<Shard> page = new ArrayList<>();
            boolean more = false;
            for (ShardState shard : stream.status == Stream.Status.CREATING ? List.<ShardState>of() : stream.shards) {
                if (shard.index() <= after) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(shard.describe());
            }
            String nextToken =
                    more ? encodeToken(stream.name + "/" + page.getLast().shardId()) : null;
            return new ListShardsResponse(page, nextToken);
        } finally {
            stream.lock.unlock();
        }
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
        int[] onDemand = {0};
        streams.forEach(context.accountId(), null, stream -> {
            if (stream.mode == Stream.Mode.ON_DEMAND) {
                onDemand[0]++;
            }
            return true;
        });
        return new DescribeLimitsResponse(
                config.shardsPerAccount(), streams.openShards(context.accountId()), onDemand[0], ON_DEMAND_STREAMS_MAX);
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

    /** AWS shows creation times to the second. */
    private static Instant created(Stream stream) {
        return Instant.ofEpochSecond(stream.createdMillis / 1000);
    }

    private static String encodeToken(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KinesisError.InvalidArgument.with("Invalid ShardIterator or NextToken.");
        }
    }
}
