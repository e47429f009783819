package dev.wharf.kinesis.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.Consumer;
import dev.wharf.kinesis.api.ConsumerDescription;
import dev.wharf.kinesis.api.DeregisterStreamConsumerRequest;
import dev.wharf.kinesis.api.DeregisterStreamConsumerResponse;
import dev.wharf.kinesis.api.DescribeStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamConsumerResponse;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.ListStreamConsumersRequest;
import dev.wharf.kinesis.api.ListStreamConsumersResponse;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.api.RegisterStreamConsumerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Enhanced fan-out consumers (RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers,
 * DeregisterStreamConsumer), and the lookup SubscribeToShard makes of the consumer it serves ({@link #active}).
 * Thread-safe; a stream's consumers are guarded by its lock.
 *
 * <p>A consumer's ARN is its stream's ARN, {@code /consumer/}, its name, {@code :} and its creation time in epoch
 * seconds, as AWS makes them; so a consumer deregistered and registered again under its name has a new ARN, and the old
 * one names nothing. Each consumer is a metadata record of its stream, written when it changes; its CREATING and
 * DELETING follow from the time (see {@link StreamConsumer}), and a gone consumer's record is removed by the next
 * change to the stream's consumers. Consumers go with their stream.
 */
final class StreamConsumers {

    static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** The model's pattern for ConsumerARN. */
    static final Pattern CONSUMER_ARN = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
    /** A consumer ARN as Wharf makes them: region, account, stream, consumer and creation second. */
    private static final Pattern ARN_PARTS = Pattern.compile(
            "arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):([0-9]+)");

    static final int LIST_DEFAULT = 100;

    /** A consumer and the stream it reads. */
    record Found(Stream stream, StreamConsumer consumer) {}

    private final StreamRegistry streams;
    private final AccountSettings accounts;

    StreamConsumers(StreamRegistry streams, AccountSettings accounts) {
        this.streams = streams;
        this.accounts = accounts;
    }

    RegisterStreamConsumerResponse register(KinesisContext context, RegisterStreamConsumerRequest request) {
        String name = request.consumerName();
        MemberConstraints.check()
                .notNull("streamARN", request.streamARN())
                .notNull("consumerName", name)
                .length("consumerName", name, 1, 128, false)
                .pattern("consumerName", name, CONSUMER_NAME, false)
                .validate(KinesisError.Validation);
        Stream stream = streams.find(context, null, request.streamARN());
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            prune(stream, now);
            requireReadable(stream);
            StreamConsumer existing = stream.consumers.get(Objects.requireNonNull(name));
            if (existing != null) {
                throw KinesisError.ResourceInUse.with("Consumer " + name + " under stream " + stream.name
                        + " and account " + stream.accountId + " already exists.");
            }
            int limit = stream.mode == Stream.Mode.ON_DEMAND && accounts.committed(stream.accountId)
                    ? KinesisLimits.CONSUMERS_PER_STREAM_ADVANTAGE_MAX
                    : KinesisLimits.CONSUMERS_PER_STREAM_MAX;
            if (stream.consumers.size() >= limit) {
                throw KinesisError.LimitExceeded.with("Stream " + stream.name + " under account " + stream.accountId
                        + " has reached the limit of " + limit + " registered consumers.");
            }
            Map<String, String> tags = new LinkedHashMap<>();
            if (request.tags() != null) {
                StreamChanges.putTags(tags, request.tags(), "consumer", name, stream.accountId);
            }
            String arn = stream.arn + "/consumer/" + name + ":" + now / 1000;
            StreamConsumer consumer = new StreamConsumer(
                    name, arn, now, now + streams.config.transition().toMillis(), false, tags, null);
            streams.saveConsumer(stream, name, consumer);
            return new RegisterStreamConsumerResponse(
                    new Consumer(name, arn, "CREATING", Instant.ofEpochSecond(consumer.createdSeconds())));
        } finally {
            stream.lock.unlock();
        }
    }

    DescribeStreamConsumerResponse describe(KinesisContext context, DescribeStreamConsumerRequest request) {
        Found found = resolve(context, request.streamARN(), request.consumerName(), request.consumerARN());
        Stream stream = found.stream();
        stream.lock.lock();
        try {
            StreamConsumer consumer = found.consumer();
            return new DescribeStreamConsumerResponse(new ConsumerDescription(
                    consumer.name(),
                    consumer.arn(),
                    status(stream, consumer, streams.clock.millis()).name(),
                    Instant.ofEpochSecond(consumer.createdSeconds()),
                    stream.arn));
        } finally {
            stream.lock.unlock();
        }
    }

    DeregisterStreamConsumerResponse deregister(KinesisContext context, DeregisterStreamConsumerRequest request) {
        Found found = resolve(context, request.streamARN(), request.consumerName(), request.consumerARN());
        Stream stream = found.stream();
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            StreamConsumer consumer = stream.consumers.get(found.consumer().name());
            if (consumer == null || !consumer.arn().equals(found.consumer().arn()) || consumer.status(now) == null) {
                throw notFound(found.consumer().arn(), stream.accountId);
            }
            if (consumer.deregistered()) {
                throw notActive(stream, consumer);
            }
            streams.saveConsumer(
                    stream,
                    consumer.name(),
                    consumer.deregisteredUntil(now + streams.config.transition().toMillis()));
            return new DeregisterStreamConsumerResponse();
        } finally {
            stream.lock.unlock();
        }
    }

    ListStreamConsumersResponse list(KinesisContext context, ListStreamConsumersRequest request) {
        MemberConstraints.check()
                .notNull("streamARN", request.streamARN())
                .range("maxResults", request.maxResults(), 1, 10_000)
                .length("nextToken", request.nextToken(), 1, 1_048_576, false)
                .validate(KinesisError.Validation);
        if (request.nextToken() != null && request.streamCreationTimestamp() != null) {
            throw KinesisError.InvalidArgument.with(
                    "NextToken and StreamCreationTimestamp cannot be provided together.");
        }
        Stream stream = streams.find(context, null, request.streamARN());
        requireCreatedAt(stream, request.streamCreationTimestamp());
        String after = null;
        if (request.nextToken() != null) {
            String[] token = PageTokens.decode(request.nextToken(), 2);
            if (!token[0].equals(stream.name)) {
                throw PageTokens.invalid();
            }
            after = token[1];
        }
        int limit = Math.min(request.maxResults() == null ? LIST_DEFAULT : request.maxResults(), LIST_DEFAULT);
        long now = streams.clock.millis();
        stream.lock.lock();
        try {
            prune(stream, now);
            List<Consumer> page = new ArrayList<>();
            String last = null;
            boolean more = false;
            for (StreamConsumer consumer : stream.consumers.values()) {
                if (after != null && consumer.name().compareTo(after) <= 0) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break;
                }
                page.add(new Consumer(
                        consumer.name(),
                        consumer.arn(),
                        status(stream, consumer, now).name(),
                        Instant.ofEpochSecond(consumer.createdSeconds())));
                last = consumer.name();
            }
            return new ListStreamConsumersResponse(
                    page, more ? PageTokens.encode(stream.name, Objects.requireNonNull(last)) : null);
        } finally {
            stream.lock.unlock();
        }
    }

    /**
     * The consumer that SubscribeToShard names and the stream it reads, as AWS checks them: both must exist, the
     * consumer must be ACTIVE and the stream ACTIVE or UPDATING. The stream's lock is not held when this returns.
     *
     * @throws AwsException {@code ValidationException} for a malformed ARN, {@code ResourceNotFoundException} when there
     *     is no such consumer, {@code ResourceInUseException} when it or its stream is not ready
     */
    Found active(KinesisContext context, @Nullable String consumerArn) {
        MemberConstraints.check()
                .notNull("consumerARN", consumerArn)
                .length("consumerARN", consumerArn, 1, 2048, false)
                .pattern("consumerARN", consumerArn, CONSUMER_ARN, false)
                .validate(KinesisError.Validation);
        Found found = byArn(context, Objects.requireNonNull(consumerArn));
        Stream stream = found.stream();
        stream.lock.lock();
        try {
            requireReadable(stream);
            StreamConsumer consumer = found.consumer();
            if (consumer.status(streams.clock.millis()) != StreamConsumer.Status.ACTIVE) {
                throw KinesisError.ResourceInUse.with("Consumer " + consumer.name() + " with creation timestamp "
                        + consumer.createdSeconds() + " under stream: " + stream.name + " , account "
                        + stream.accountId + " is not in ACTIVE status.");
            }
            return found;
        } finally {
            stream.lock.unlock();
        }
    }

    /** Lock must be held: the consumers registered with the stream, as DescribeStreamSummary's ConsumerCount. */
    static int count(Stream stream, long nowMillis) {
        int count = 0;
        for (StreamConsumer consumer : stream.consumers.values()) {
            if (consumer.status(nowMillis) != null && !consumer.deregistered()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Lock must be held: whether the stream has registered consumers, which DeleteStream refuses to delete unless told.
     */
    static boolean hasConsumers(Stream stream, long nowMillis) {
        return count(stream, nowMillis) > 0;
    }

    /**
     * The consumer that a call names by ConsumerARN, or by StreamARN and ConsumerName, or by all three when they agree.
     */
    Found resolve(
            KinesisContext context,
            @Nullable String streamArn,
            @Nullable String consumerName,
            @Nullable String consumerArn) {
        MemberConstraints.check()
                .length("streamARN", streamArn, 1, 2048, false)
                .pattern("streamARN", streamArn, StreamRegistry.STREAM_ARN, false)
                .length("consumerName", consumerName, 1, 128, false)
                .pattern("consumerName", consumerName, CONSUMER_NAME, false)
                .length("consumerARN", consumerArn, 1, 2048, false)
                .pattern("consumerARN", consumerArn, CONSUMER_ARN, false)
                .validate(KinesisError.Validation);
        if (consumerArn != null) {
            Found found = byArn(context, consumerArn);
            if ((streamArn != null && !streamArn.equals(found.stream().arn))
                    || (consumerName != null
                            && !consumerName.equals(found.consumer().name()))) {
                throw KinesisError.InvalidArgument.with(
                        "ConsumerARN, StreamARN and ConsumerName do not name the same consumer.");
            }
            return found;
        }
        if (streamArn == null || consumerName == null) {
            throw KinesisError.InvalidArgument.with(
                    "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        }
        Stream stream = streams.find(context, null, streamArn);
        stream.lock.lock();
        try {
            StreamConsumer consumer = stream.consumers.get(consumerName);
            if (consumer == null || consumer.status(streams.clock.millis()) == null) {
                throw notFound(consumerName, stream.accountId);
            }
            return new Found(stream, consumer);
        } finally {
            stream.lock.unlock();
        }
    }

    /** The live consumer an ARN names, in the caller's account and region. */
    Found byArn(KinesisContext context, String consumerArn) {
        Matcher parts = ARN_PARTS.matcher(consumerArn);
        if (!parts.matches()
                || !parts.group(1).equals(context.region())
                || !parts.group(2).equals(context.accountId())) {
            throw notFound(consumerArn, context.accountId());
        }
        Stream stream = streams.named(context.accountId(), parts.group(3));
        if (stream == null) {
            throw notFound(consumerArn, context.accountId());
        }
        stream.lock.lock();
        try {
            StreamConsumer consumer = stream.consumers.get(parts.group(4));
            if (consumer == null
                    || !consumer.arn().equals(consumerArn)
                    || consumer.status(streams.clock.millis()) == null) {
                throw notFound(consumerArn, context.accountId());
            }
            return new Found(stream, consumer);
        } finally {
            stream.lock.unlock();
        }
    }

    /** Lock must be held: a consumer's status as AWS shows it, DELETING too while its stream is being deleted. */
    static StreamConsumer.Status status(Stream stream, StreamConsumer consumer, long nowMillis) {
        StreamConsumer.Status status = consumer.status(nowMillis);
        return stream.status == Stream.Status.DELETING || status == null ? StreamConsumer.Status.DELETING : status;
    }

    /**
     * Lock must be held: refuses a consumer change to a stream that is being created or deleted; an UPDATING stream is
     * read as usual, so its consumers work.
     */
    static void requireReadable(Stream stream) {
        if (stream.status == Stream.Status.CREATING || stream.status == Stream.Status.DELETING) {
            stream.requireActive();
        }
    }

    /** Refuses a StreamCreationTimestamp that is not the named stream's, to the second, as another stream's. */
    static void requireCreatedAt(Stream stream, @Nullable Instant streamCreationTimestamp) {
        if (streamCreationTimestamp != null
                && streamCreationTimestamp.getEpochSecond() != stream.createdMillis / 1000) {
            throw StreamRegistry.notFound(stream.name, stream.accountId);
        }
    }

    static AwsException notActive(Stream stream, StreamConsumer consumer) {
        return KinesisError.ResourceInUse.with("Consumer " + consumer.name() + " with creation timestamp "
                + consumer.createdSeconds() + " under stream " + stream.name + " and account " + stream.accountId
                + " is not in ACTIVE status.");
    }

    static AwsException notFound(String consumer, String accountId) {
        return KinesisError.ResourceNotFound.with("Consumer " + consumer + ", account " + accountId + " not found.");
    }

    /** Lock must be held: removes the records of consumers whose deregistration is over. */
    private void prune(Stream stream, long nowMillis) {
        for (StreamConsumer consumer : List.copyOf(stream.consumers.values())) {
            if (consumer.status(nowMillis) == null) {
                streams.saveConsumer(stream, consumer.name(), null);
            }
        }
    }
}
