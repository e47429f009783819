package dev.wharf.kinesis.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.StreamStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the engine's streams: finds the one a call names, brings its status up to date as time passes, and makes each
 * change durable in the stream store before the call answers. Every part of the engine (streams, records, consumers)
 * goes through it. Thread-safe; a stream's own state is guarded by its lock.
 */
final class StreamRegistry {

    static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");

    final Clock clock;
    final KinesisConfig config;
    final StreamStore store;
    /** Streams by {@code <account>/<name>}, in name order within an account. */
    private final ConcurrentSkipListMap<String, Stream> streams = new ConcurrentSkipListMap<>();
    /** Serializes creations, so that a name and the account's shard quota are checked and taken together. */
    final Object createLock = new Object();
    /** The next stream id; ids are never reused while a deleted stream's records may remain. */
    private final AtomicLong nextId;

    /** A registry over a stream store, with the streams it held rebuilt by one scan of their metadata. */
    StreamRegistry(Clock clock, KinesisConfig config, StreamStore store) {
        this.clock = clock;
        this.config = config;
        this.store = store;
        long[] last = {StreamRecords.ACCOUNT_STREAM_ID};
        Map<Long, Stream> byId = new HashMap<>();
        List<Map.Entry<Long, StreamConsumer>> consumers = new ArrayList<>();
        store.scanMetadata((id, name, value) -> {
            last[0] = Math.max(last[0], id);
            if (id == StreamRecords.ACCOUNT_STREAM_ID) {
                // Account settings, read when an account first asks (AccountSettings).
                return;
            }
            if (name.equals(StreamRecords.NAME)) {
                Stream stream = StreamRecords.decode(id, value);
                streams.put(key(stream.accountId, stream.name), stream);
                byId.put(id, stream);
            } else if (name.startsWith(StreamRecords.CONSUMER_PREFIX)) {
                consumers.add(Map.entry(id, StreamRecords.decodeConsumer(value)));
            }
        });
        // A stream's consumer records sort before its own ("consumer/" < "stream"), so they join it after the scan.
        for (Map.Entry<Long, StreamConsumer> consumer : consumers) {
            Stream stream = byId.get(consumer.getKey());
            if (stream != null) {
                stream.consumers.put(consumer.getValue().name(), consumer.getValue());
            }
        }
        this.nextId = new AtomicLong(last[0] + 1);
    }

    long newId() {
        return nextId.getAndIncrement();
    }

    /** Lock of {@link #createLock} must be held: adds a stream just created and saved. */
    void add(Stream stream) {
        streams.put(key(stream.accountId, stream.name), stream);
    }

    /**
     * Lock must be held: writes the stream's metadata, and returns once it is durable, so that no change is
     * acknowledged before it would survive a crash.
     */
    void save(Stream stream) {
        store.commit(new StreamBatch().putMetadata(stream.id, StreamRecords.NAME, StreamRecords.encode(stream)));
    }

    /**
     * Lock must be held: stores a consumer of the stream in memory and durably, or, when {@code consumer} is null,
     * forgets the consumer of that name, and returns once the change is durable.
     */
    void saveConsumer(Stream stream, String name, @Nullable StreamConsumer consumer) {
        String record = StreamRecords.CONSUMER_PREFIX + name;
        if (consumer == null) {
            store.commit(new StreamBatch().deleteMetadata(stream.id, record));
            stream.consumers.remove(name);
        } else {
            store.commit(new StreamBatch().putMetadata(stream.id, record, StreamRecords.encodeConsumer(consumer)));
            stream.consumers.put(name, consumer);
        }
    }

    /**
     * Runs a change on the stream a call names, under the stream's lock, and makes the stream's record durable before
     * it returns what the change made; a change that throws leaves the record as it was.
     */
    <T> T change(
            KinesisContext context,
            @Nullable String streamName,
            @Nullable String streamArn,
            Function<Stream, T> change) {
        Stream stream = find(context, streamName, streamArn);
        stream.lock.lock();
        try {
            T result = change.apply(stream);
            save(stream);
            return result;
        } finally {
            stream.lock.unlock();
        }
    }

    /** Runs a read of the stream a call names under the stream's lock. */
    <T> T read(
            KinesisContext context, @Nullable String streamName, @Nullable String streamArn, Function<Stream, T> read) {
        Stream stream = find(context, streamName, streamArn);
        stream.lock.lock();
        try {
            return read.apply(stream);
        } finally {
            stream.lock.unlock();
        }
    }

    /**
     * The stream a call names by StreamName, StreamARN or both, whatever its status but gone.
     *
     * @throws AwsException {@code InvalidArgumentException} when it names none or two streams, {@code
     *     ValidationException} for a malformed name or ARN, {@code ResourceNotFoundException} when there is no such
     *     stream
     */
    Stream find(KinesisContext context, @Nullable String streamName, @Nullable String streamArn) {
        MemberConstraints.check()
                .length("streamName", streamName, 1, KinesisLimits.STREAM_NAME_LENGTH_MAX, false)
                .pattern("streamName", streamName, STREAM_NAME, false)
                .length("streamARN", streamArn, 1, 2048, false)
                .pattern("streamARN", streamArn, STREAM_ARN, false)
                .validate(KinesisError.Validation);
        String account = context.accountId();
        String name = streamName;
        if (streamArn != null) {
            String[] parts = streamArn.split(":", 6);
            String arnName = parts[5].substring("stream/".length());
            if (name != null && !name.equals(arnName)) {
                throw KinesisError.InvalidArgument.with("StreamARN and StreamName do not name the same stream.");
            }
            name = arnName;
            if (!parts[4].equals(account) || !parts[3].equals(context.region())) {
                throw notFound(name, parts[4]);
            }
        }
        if (name == null) {
            throw KinesisError.InvalidArgument.with("Either StreamName or StreamARN must be provided.");
        }
        Stream stream = live(key(account, name), clock.millis());
        if (stream == null) {
            throw notFound(name, account);
        }
        return stream;
    }

    /** The live stream of an account by name, or null. */
    @Nullable
    Stream named(String accountId, String name) {
        return live(key(accountId, name), clock.millis());
    }

    /**
     * Visits an account's live streams in name order, from the first name after {@code after} (null for the first),
     * until the visitor answers false.
     */
    void forEach(String accountId, @Nullable String after, Function<Stream, Boolean> visitor) {
        String prefix = accountId + "/";
        String from = after == null ? prefix : key(accountId, after);
        long now = clock.millis();
        for (Map.Entry<String, Stream> entry :
                streams.tailMap(from, after == null).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            Stream stream = live(entry.getKey(), now);
            if (stream != null && !visitor.apply(stream)) {
                break;
            }
        }
    }

    /** Visits every live stream of every account, as background work (retention) does. */
    void forEachStream(Consumer<Stream> visitor) {
        long now = clock.millis();
        for (String key : streams.keySet()) {
            Stream stream = live(key, now);
            if (stream != null) {
                visitor.accept(stream);
            }
        }
    }

    /** The stream under a key, its status brought up to date, or null when there is none or it is gone. */
    private @Nullable Stream live(String key, long now) {
        Stream stream = streams.get(key);
        if (stream == null) {
            return null;
        }
        stream.lock.lock();
        try {
            switch (stream.settle(now)) {
                case UNCHANGED -> {
                    return stream;
                }
                case CHANGED -> {
                    save(stream);
                    return stream;
                }
                case GONE -> {
                    // Its records and metadata go as range deletes, after the deletion's own record.
                    store.submit(new StreamBatch().deleteStream(stream.id));
                }
            }
        } finally {
            stream.lock.unlock();
        }
        streams.remove(key, stream);
        return null;
    }

    /** The open shards of an account's live streams, which its shard quota counts. */
    int openShards(String accountId) {
        int[] open = {0};
        forEach(accountId, null, stream -> {
            stream.lock.lock();
            try {
                open[0] += stream.openShards();
            } finally {
                stream.lock.unlock();
            }
            return true;
        });
        return open[0];
    }

    /** The account's live on-demand streams, which its on-demand stream quota counts. */
    int onDemandStreams(String accountId) {
        int[] count = {0};
        forEach(accountId, null, stream -> {
            stream.lock.lock();
            try {
                if (stream.mode == Stream.Mode.ON_DEMAND) {
                    count[0]++;
                }
            } finally {
                stream.lock.unlock();
            }
            return true;
        });
        return count[0];
    }

    /**
     * Refuses a change that would take an account over its open-shard quota, in AWS's words.
     *
     * @throws AwsException {@code LimitExceededException}
     */
    void requireShardQuota(KinesisContext context, int open, int more) {
        if (open + more > config.shardsPerAccount()) {
            throw KinesisError.LimitExceeded.with("This request would exceed the shard limit for the account "
                    + context.accountId() + " in " + context.region() + ". Current shard count for the account: "
                    + open + ". Limit: " + config.shardsPerAccount() + ". Number of additional shards that would"
                    + " have resulted from this request: " + more + ". Refer to the AWS Service Limits page"
                    + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits"
                    + " and how to request higher limits.");
        }
    }

    static AwsException notFound(String name, String account) {
        return KinesisError.ResourceNotFound.with("Stream " + name + " under account " + account + " not found.");
    }

    static String key(String accountId, String name) {
        return accountId + "/" + name;
    }

    static String arn(KinesisContext context, String name) {
        return "arn:aws:kinesis:" + context.region() + ":" + context.accountId() + ":stream/" + name;
    }
}
