package dev.wharf.kinesis.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.StartingPosition;
import dev.wharf.kinesis.api.SubscribeToShardEvent;
import dev.wharf.kinesis.api.SubscribeToShardRequest;
import dev.wharf.kinesis.api.SubscribeToShardStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Enhanced fan-out's SubscribeToShard: accepts a subscription of an ACTIVE consumer to a shard, and keeps the one
 * subscription each consumer may have per shard. As AWS documents it, a second SubscribeToShard for the same consumer
 * and shard within five seconds of a successful one is refused with {@code ResourceInUseException}; a later one takes
 * the subscription over, and the earlier one ends with that exception.
 */
final class ShardSubscriptions {

    /** How long a subscription holds off another for the same consumer and shard. */
    static final long TAKE_OVER_MILLIS = 5_000;

    private final StreamRegistry streams;
    private final StreamConsumers consumers;
    private final ShardLogs logs;
    private final ShardReads reads;
    private final boolean limits;

    /** The live subscription of each consumer and shard. */
    private final ConcurrentHashMap<Key, Subscription> live = new ConcurrentHashMap<>();

    private record Key(String consumerArn, int shard) {}

    ShardSubscriptions(
            StreamRegistry streams, StreamConsumers consumers, ShardLogs logs, ShardReads reads, boolean limits) {
        this.streams = streams;
        this.consumers = consumers;
        this.logs = logs;
        this.reads = reads;
        this.limits = limits;
    }

    /**
     * Accepts a subscription, or throws the error the client gets instead of a stream.
     *
     * @throws dev.wharf.common.AwsException {@code ValidationException}, {@code InvalidArgumentException}, {@code
     *     ResourceNotFoundException} for a missing consumer or shard, {@code ResourceInUseException} for a consumer that
     *     is not ACTIVE or a subscription taken less than five seconds ago
     */
    Subscription subscribe(KinesisContext context, SubscribeToShardRequest request) {
        StartingPosition position = request.startingPosition();
        MemberConstraints.check()
                .notNull("shardId", request.shardId())
                .length("shardId", request.shardId(), 1, 128, false)
                .pattern("shardId", request.shardId(), ShardReads.SHARD_ID, false)
                .notNull("startingPosition", position)
                .notNull("startingPosition.type", position == null ? "" : position.type())
                .oneOf("startingPosition.type", position == null ? null : position.type(), ShardReads.ITERATOR_TYPES)
                .pattern(
                        "startingPosition.sequenceNumber",
                        position == null ? null : position.sequenceNumber(),
                        DataRecords.SEQUENCE_NUMBER,
                        false)
                .validate(KinesisError.Validation);
        StreamConsumers.Found found = consumers.active(context, request.consumerARN());
        Stream stream = found.stream();
        String shardId = Objects.requireNonNull(request.shardId());
        StartingPosition start = Objects.requireNonNull(position);
        int index = ShardIds.indexOf(shardId);
        long now = streams.clock.millis();
        long[] from;
        stream.lock.lock();
        try {
            if (index < 0 || index >= stream.shards.size()) {
                throw ShardReads.shardNotFound(stream, shardId);
            }
            ShardLog log = logs.of(stream, index, now);
            from = ShardReads.start(
                    stream,
                    index,
                    shardId,
                    Objects.requireNonNull(start.type()),
                    start.sequenceNumber(),
                    start.timestamp(),
                    log,
                    now);
        } finally {
            stream.lock.unlock();
        }
        Key key = new Key(found.consumer().arn(), index);
        Subscription subscription = new Subscription(this, stream, index, from[0], from[1], now, found.consumer());
        Subscription[] previous = {null};
        live.compute(key, (k, current) -> {
            if (current != null && !current.over() && now - current.startedMillis < TAKE_OVER_MILLIS) {
                throw KinesisError.ResourceInUse.with("Another active subscription exists for consumer "
                        + found.consumer().arn() + " and shard " + shardId + ".");
            }
            previous[0] = current;
            return subscription;
        });
        if (previous[0] != null) {
            previous[0].takeOver();
        }
        return subscription;
    }

    /** Forgets a subscription that is over, unless another has taken its place. */
    void ended(Subscription subscription) {
        live.remove(new Key(subscription.consumer.arn(), subscription.shard), subscription);
    }

    /** One subscription: where it reads, its fan-out budget, and whether it is over. */
    static final class Subscription implements SubscribeToShardStream {

        private final ShardSubscriptions owner;
        private final Stream stream;
        final int shard;
        final StreamConsumer consumer;
        final long startedMillis;
        /** The next ordinal to read, and the earliest arrival time to send (AT_TIMESTAMP, until the first record). */
        private long position;

        private long notBeforeMillis;
        private long lastEventMillis = -1;
        /** 2 MiB a second per consumer per shard; a big event leaves a debt that delays the next. */
        private final Throughput bytes;

        private volatile boolean takenOver;
        private volatile boolean ended;

        Subscription(
                ShardSubscriptions owner,
                Stream stream,
                int shard,
                long position,
                long notBeforeMillis,
                long nowMillis,
                StreamConsumer consumer) {
            this.owner = owner;
            this.stream = stream;
            this.shard = shard;
            this.position = position;
            this.notBeforeMillis = notBeforeMillis;
            this.startedMillis = nowMillis;
            this.consumer = consumer;
            this.bytes = new Throughput(KinesisLimits.CONSUMER_SHARD_READ_BYTES_PER_SECOND, nowMillis);
        }

        @Override
        public void run(Sink sink) throws InterruptedException {
            try {
                while (true) {
                    long now = owner.streams.clock.millis();
                    if (takenOver) {
                        sink.onError(KinesisError.ResourceInUse.with("Another subscription for consumer "
                                + consumer.arn() + " and shard " + shardId() + " has taken this one over."));
                        return;
                    }
                    if (expired(now)) {
                        return;
                    }
                    Step step;
                    try {
                        step = poll(now);
                    } catch (AwsException e) {
                        // The stream or the shard went while the subscription ran.
                        sink.onError(e);
                        return;
                    }
                    if (step == null) {
                        long throttled = owner.limits ? bytes.millisUntilAvailable(now) : 0;
                        if (throttled > 0) {
                            // Over the fan-out budget: records wait until the shard's 2 MiB/s allow them.
                            TimeUnit.MILLISECONDS.sleep(Math.min(throttled, 1_000));
                        } else {
                            awaitRecords(waitMillis(now));
                        }
                        continue;
                    }
                    boolean sent = sink.onEvent(step.event());
                    if (sent) {
                        counted(step);
                    }
                    if (!sent || step.last()) {
                        return;
                    }
                }
            } finally {
                end();
            }
        }

        /**
         * An event to send, and whether it is the last (a closed shard's end, with its children).
         *
         * @param log the shard's log when the event carries what a read found, null for a heartbeat sent unread
         * @param records how many records the event carries
         * @param bytes their bytes, as the read budget counts them
         */
        record Step(
                SubscribeToShardEvent event,
                boolean last,
                @Nullable ShardLog log,
                int records,
                long bytes) {}

        /** Counts an event that was sent in its shard's OutgoingBytes and OutgoingRecords. */
        private static void counted(Step step) {
            ShardLog log = step.log();
            if (log != null) {
                synchronized (log.readLock) {
                    log.readCounts.onEvent(step.records(), step.bytes());
                }
            }
        }

        /**
         * The event due now, or null: the first event at once, then one whenever records are readable and the budget
         * allows, and an empty one when five seconds have passed without any.
         */
        @Nullable
        Step poll(long nowMillis) {
            if (owner.limits && !bytes.available(nowMillis)) {
                return heartbeatDue(nowMillis) ? heartbeat(nowMillis) : null;
            }
            // Looking the stream up settles it, so a reshard that is over closes the shard here too.
            Stream current = owner.streams.named(stream.accountId, stream.name);
            if (current != stream) {
                throw StreamRegistry.notFound(stream.name, stream.accountId);
            }
            ShardReads.Shard state = owner.reads.at(stream, shard, nowMillis);
            boolean readable = state.durableNext() > position || state.complete();
            if (!readable && !heartbeatDue(nowMillis)) {
                return null;
            }
            ShardReads.Page page =
                    owner.reads.read(state, position, notBeforeMillis, KinesisLimits.GET_RECORDS_LIMIT_MAX);
            if (owner.limits) {
                bytes.takeAllowingDebt(page.bytes(), nowMillis);
            }
            if (!page.records().isEmpty()) {
                notBeforeMillis = 0;
            }
            position = Math.max(position, page.next());
            lastEventMillis = nowMillis;
            long behind = page.next() >= state.durableNext() || page.records().isEmpty()
                    ? 0
                    : Math.max(0, nowMillis - page.lastArrivalMillis());
            int records = page.records().size();
            if (state.complete() && page.next() >= state.durableNext()) {
                return new Step(
                        new SubscribeToShardEvent(page.records(), null, 0L, state.children()),
                        true,
                        state.log(),
                        records,
                        page.bytes());
            }
            return new Step(
                    new SubscribeToShardEvent(page.records(), continuation(), behind, null),
                    false,
                    state.log(),
                    records,
                    page.bytes());
        }

        private boolean heartbeatDue(long nowMillis) {
            return lastEventMillis < 0 || nowMillis - lastEventMillis >= KinesisLimits.SUBSCRIPTION_HEARTBEAT_MILLIS;
        }

        private Step heartbeat(long nowMillis) {
            lastEventMillis = nowMillis;
            return new Step(
                    new SubscribeToShardEvent(java.util.List.of(), continuation(), 0L, null), false, null, 0, 0);
        }

        /** The sequence number to resume AFTER: the last record sent, or the one before the position. */
        private String continuation() {
            return SequenceNumbers.format(shard, Math.max(0, position - 1));
        }

        /** Whether the subscription's five minutes are up. */
        boolean expired(long nowMillis) {
            return nowMillis - startedMillis >= KinesisLimits.SUBSCRIPTION_MILLIS;
        }

        /** How long the runner may wait for records before it must look again. */
        long waitMillis(long nowMillis) {
            long heartbeat =
                    lastEventMillis < 0 ? 0 : lastEventMillis + KinesisLimits.SUBSCRIPTION_HEARTBEAT_MILLIS - nowMillis;
            long expiry = startedMillis + KinesisLimits.SUBSCRIPTION_MILLIS - nowMillis;
            return Math.max(0, Math.min(Math.min(heartbeat, expiry), 1_000));
        }

        /** Waits until records after the position may be readable, or {@code maxMillis} pass. */
        void awaitRecords(long maxMillis) throws InterruptedException {
            ShardLog log;
            stream.lock.lock();
            try {
                log = owner.logs.of(stream, shard, owner.streams.clock.millis());
            } finally {
                stream.lock.unlock();
            }
            log.awaitReadable(position, maxMillis);
        }

        boolean takenOver() {
            return takenOver;
        }

        boolean over() {
            return ended || takenOver;
        }

        private void takeOver() {
            takenOver = true;
        }

        /** Marks the subscription over, so that a new one may start at once. */
        void end() {
            ended = true;
            owner.ended(this);
        }

        String shardId() {
            return ShardIds.of(shard);
        }

        String streamName() {
            return stream.name;
        }
    }
}
