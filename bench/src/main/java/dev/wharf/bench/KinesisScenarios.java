package dev.wharf.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * The Kinesis Data Streams scenarios, driven by the light generator: PutRecords requests are signed once and replayed,
 * GetRecords requests (whose iterator changes every call) are signed one by one. A message is a record: {@code
 * msgs_per_s} is records a second and {@code server_cpu_us_per_msg} the server's CPU per record.
 *
 * <ul>
 *   <li>{@code kinesis-put-batch}: PutRecords of {@code --records-per-put} records over a stream of {@code --shards}
 *       shards, closed loop; every answer's FailedRecordCount must be 0.
 *   <li>{@code kinesis-get-drain}: fills the stream (bounded by {@code --prefill-max} records and {@code
 *       --prefill-seconds}), then reads every shard from TRIM_HORIZON with GetRecords, following NextShardIterator,
 *       until all that was written is read; the count read must equal the count written.
 *   <li>{@code kinesis-limits}: PutRecords to one shard far above AWS's 1,000 records a second (open loop at {@code
 *       --rate} requests a second, or closed loop); counts what the shard accepts and the records refused with
 *       ProvisionedThroughputExceededException.
 *   <li>{@code kinesis-subscribe-latency}: enhanced fan-out. A consumer subscribed to every shard with the SDK's
 *       async client over HTTP/2 ({@link SdkSubscriptions}), PutRecord at {@code --rate} records a second (open loop)
 *       with the intended send time in the data, and the latency of each record from that time to the
 *       SubscribeToShardEvent that carries it; every record put must be delivered once ({@link DeliveryLedger}).
 * </ul>
 *
 * <p>With {@code --cbor} the requests and answers are AWS CBOR 1.1, the Java SDK's default, and the scenario's label
 * ends in {@code -cbor}.
 */
final class KinesisScenarios implements AutoCloseable {

    /** Distinct PutRecords bodies replayed in turn, so that partition keys vary between requests too. */
    private static final int PUT_VARIANTS = 8;

    private static final long ACTIVE_WAIT_MILLIS = 30_000;

    /** The most records kinesis-subscribe-latency offers in one run (10 minutes at 1,000 a second). */
    private static final int DELIVERIES_MAX = 600_000;

    /** How long, after the measured phase, the last records put have to be delivered (a slow peer's backlog). */
    private static final long DELIVERY_WAIT_MILLIS = 60_000;

    /**
     * kinesis-subscribe-latency's shortest warm-up: a fresh generator JVM compiles the signer and the SDK's HTTP/2 and
     * event-stream path in its first seconds, and the backlog that leaves must be gone before anything is measured.
     */
    private static final double SUBSCRIBE_WARMUP_SECONDS_MIN = 5;

    private static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";

    private final Options options;
    private final KinesisRequests requests;
    private final LightClient client;
    private final Meter meter = new Meter();
    private final ObjectNode notes = SqsRequests.object();
    private final String runId = Long.toString(System.nanoTime() % 100_000_000L, 36);

    KinesisScenarios(Options options) {
        this.options = options;
        this.requests = new KinesisRequests(options.endpoint(), options.cbor());
        // An open loop's pool is confined to one event loop.
        this.client = new LightClient(options.endpoint(), options.rate() > 0 ? 1 : options.generatorThreads());
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("kinesis-");
    }

    Meter.Measurement run() throws Exception {
        return switch (options.scenario()) {
            case "kinesis-put-batch" -> putBatch();
            case "kinesis-get-drain" -> getDrain();
            case "kinesis-limits" -> limits();
            case "kinesis-subscribe-latency" -> subscribeLatency();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
        };
    }

    ObjectNode notes() {
        return notes;
    }

    private Meter.Measurement putBatch() throws Exception {
        String stream = createStream(options.shards());
        List<ByteBuf> puts = puts(stream);
        LongAdder failed = new LongAdder();
        Meter.Measurement measured = closedLoop(puts, (response, latencyNanos) -> {
            PutAnswer answer = PutAnswer.of(response, requests.answers());
            if (answer == null) {
                meter.error(unexpected(response));
                return;
            }
            if (answer.failed() > 0 || answer.records() != options.recordsPerPut()) {
                failed.add(answer.failed());
                meter.error("PutRecords answered " + answer.records() + " records, FailedRecordCount " + answer.failed()
                        + ": " + answer.firstError());
            }
            meter.record(latencyNanos, answer.records() - answer.failed());
        });
        // What the server does after the phase for what was put in it (a durable store's compaction) is part of the
        // cost of those records: it is counted until the server falls idle, so that deferring work earns nothing.
        double background = backgroundCpuSeconds(options.serverProbe());
        notes.put("background_cpu_seconds", Math.round(background * 100) / 100.0);
        return new Meter.Measurement(
                measured.messages(),
                measured.requests(),
                measured.errors(),
                measured.seconds(),
                measured.latencyMicros(),
                measured.serverCpuSeconds() + background,
                measured.serverRssPeakKb(),
                measured.serverHwmKb(),
                measured.generatorCpuSeconds());
    }

    /** How long kinesis-put-batch waits at most for the server's background work to end. */
    private static final long BACKGROUND_WAIT_MILLIS = 20_000;

    /** A server that uses less of a core than this over a sample is idle. */
    private static final double IDLE_CORE_FRACTION = 0.05;

    private static final long BACKGROUND_SAMPLE_MILLIS = 500;

    /**
     * The CPU seconds the server uses from now until it falls idle (under {@link #IDLE_CORE_FRACTION} of a core over a
     * sample), at most {@link #BACKGROUND_WAIT_MILLIS}; zero for a server without a probe.
     */
    private static double backgroundCpuSeconds(ProcessProbe server) throws InterruptedException {
        if (!server.present()) {
            return 0;
        }
        double total = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BACKGROUND_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            double before = server.cpuSeconds();
            Thread.sleep(BACKGROUND_SAMPLE_MILLIS);
            double used = server.cpuSeconds() - before;
            total += used;
            if (used < IDLE_CORE_FRACTION * BACKGROUND_SAMPLE_MILLIS / 1000.0) {
                break;
            }
        }
        return total;
    }

    /**
     * Fills the stream, then reads each shard on a connection of its own from TRIM_HORIZON; a shard is done when a
     * read returns nothing and is not behind, or has no next iterator.
     */
    private Meter.Measurement getDrain() throws Exception {
        int shards = options.shards();
        String stream = createStream(shards);
        long written = prefill(stream);
        Bench.LOG.info("prefilled {} records", written);
        List<String> shardIds = shardIds(stream);
        AtomicLong read = new AtomicLong();
        AtomicInteger draining = new AtomicInteger(shardIds.size());
        AtomicBoolean running = new AtomicBoolean(true);
        List<LightClient.Connection> connections = new ArrayList<>();
        List<String> iterators = new ArrayList<>();
        for (String shardId : shardIds) {
            JsonNode answer =
                    call("GetShardIterator", KinesisRequests.getShardIterator(stream, shardId, "TRIM_HORIZON"));
            iterators.add(answer.path("ShardIterator").asText());
            connections.add(client.connect(new ShardDrain(read, draining, running)));
        }
        for (int i = 0; i < connections.size(); i++) {
            connections.get(i).send(getRecords(iterators.get(i)), System.nanoTime());
        }
        Meter.Measurement measurement;
        try {
            // No warm-up of its own, as receive-delete: the prefill warmed the server, and a warm-up would drain.
            measurement = meter.measure(
                    0, options.seconds(), options.serverProbe(), () -> draining.get() == 0 || read.get() >= written);
        } finally {
            running.set(false);
        }
        notes.put("shards", shardIds.size());
        notes.put("prefilled", written);
        notes.put("read", read.get());
        notes.put("drained", draining.get() == 0 || read.get() >= written);
        notes.put("read_equals_written", read.get() == written);
        if (read.get() != written) {
            meter.error("read " + read.get() + " records of the " + written + " written");
        }
        return measurement;
    }

    private ByteBuf getRecords(String iterator) {
        return requests.request("GetRecords", KinesisRequests.getRecords(iterator, options.getRecordsLimit()));
    }

    /** One shard's read, read, read… loop: each answer's next iterator is signed and sent at once. */
    private final class ShardDrain implements LightClient.Listener {
        private final AtomicLong read;
        private final AtomicInteger draining;
        private final AtomicBoolean running;

        ShardDrain(AtomicLong read, AtomicInteger draining, AtomicBoolean running) {
            this.read = read;
            this.draining = draining;
            this.running = running;
        }

        @Override
        public void onResponse(LightClient.Connection connection, FullHttpResponse response, long latencyNanos) {
            long now = System.nanoTime();
            GetAnswer answer = response.status().code() == 200 ? GetAnswer.of(response, requests.answers()) : null;
            if (answer == null) {
                meter.error(unexpected(response));
                draining.decrementAndGet();
                return;
            }
            meter.record(latencyNanos, answer.records());
            read.addAndGet(answer.records());
            String next = answer.nextShardIterator();
            if (next == null || (answer.records() == 0 && answer.millisBehindLatest() == 0)) {
                draining.decrementAndGet();
            } else if (running.get()) {
                connection.send(getRecords(next), now);
            }
        }
    }

    /**
     * Pushes PutRecords at one shard well above its write limit, after a warm-up long enough to spend the second's
     * worth of records that a shard's bucket starts with, so that what is measured is the steady rate.
     */
    private Meter.Measurement limits() throws Exception {
        String stream = createStream(1);
        List<ByteBuf> puts = puts(stream);
        LongAdder exceeded = new LongAdder();
        Pool.Handler handler = (response, latencyNanos) -> {
            PutAnswer answer = PutAnswer.of(response, requests.answers());
            if (answer == null) {
                meter.error(unexpected(response));
                return;
            }
            if (answer.otherErrors() > 0) {
                meter.error("PutRecords failed " + answer.otherErrors() + " records otherwise than by throughput: "
                        + answer.firstError());
            }
            if (meter.measuring()) {
                exceeded.add(answer.throughputExceeded());
            }
            meter.record(latencyNanos, answer.records() - answer.failed());
        };
        double warmup = Math.max(options.warmupSeconds(), 1.5);
        Meter.Measurement measurement;
        if (options.rate() > 0) {
            Pool pool = new Pool(handler, meter);
            pool.open(client.connect(options.connections(), pool));
            AtomicLong issued = new AtomicLong();
            Ticker ticker = Ticker.start(
                    client.eventLoop(),
                    options.rate(),
                    intendedNanos ->
                            pool.submit(puts.get((int) (issued.getAndIncrement() % puts.size())), intendedNanos));
            try {
                measurement = meter.measure(warmup, options.seconds(), options.serverProbe(), () -> false);
            } finally {
                ticker.cancel();
            }
        } else {
            measurement = closedLoop(puts, handler, warmup);
        }
        notes.put("shards", 1);
        notes.put("records_per_put", options.recordsPerPut());
        notes.put(
                "offered_records_per_s",
                Math.round(measurement.requests() * (double) options.recordsPerPut() / measurement.seconds()));
        notes.put("throughput_exceeded", exceeded.sum());
        return measurement;
    }

    /**
     * Subscribes a consumer to every shard over HTTP/2 with the SDK, then puts single records in an open loop, each
     * carrying the time it was meant to be sent and its number; a record's latency runs from that time to the moment
     * the SDK hands over the SubscribeToShardEvent that carries it. The records offered during the measured phase are
     * then given {@link #DELIVERY_WAIT_MILLIS} to arrive, and each must be delivered exactly once.
     */
    private Meter.Measurement subscribeLatency() throws Exception {
        if (options.rate() <= 0) {
            throw new IllegalArgumentException("kinesis-subscribe-latency needs --rate (records a second)");
        }
        String stream = createStream(options.shards());
        String consumerArn = registerConsumer(stream);
        List<String> shardIds = shardIds(stream);
        double warmupSeconds = Math.max(options.warmupSeconds(), SUBSCRIBE_WARMUP_SECONDS_MIN);
        long capacity = (long) Math.ceil(options.rate() * (warmupSeconds + options.seconds() + 1)) + 1_000;
        DeliveryLedger ledger = new DeliveryLedger((int) Math.min(capacity, DELIVERIES_MAX));
        ConcurrentHashMap<String, LongAdder> perShard = new ConcurrentHashMap<>();
        LongAdder subscriptionErrors = new LongAdder();
        SdkSubscriptions.Listener listener = new SdkSubscriptions.Listener() {
            @Override
            public void onEvent(String shardId, SubscribeToShardEvent event, long receivedNanos) {
                for (Record record : event.records()) {
                    // The data is "<intended send nanoTime>;<record number>;" and padding, as putOpenLoop wrote it.
                    String data = record.data().asUtf8String();
                    int time = data.indexOf(';');
                    int number = time < 0 ? -1 : data.indexOf(';', time + 1);
                    long intendedNanos;
                    long n;
                    try {
                        intendedNanos = Long.parseLong(data, 0, time, 10);
                        n = Long.parseLong(data, time + 1, number, 10);
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        meter.error("a record that the bench did not put: " + data);
                        ledger.delivered(-1, 0);
                        continue;
                    }
                    if (ledger.delivered(n, receivedNanos - intendedNanos)) {
                        perShard.computeIfAbsent(shardId, id -> new LongAdder()).increment();
                    }
                }
            }

            @Override
            public void onError(String shardId, Throwable cause) {
                subscriptionErrors.increment();
                meter.error("the subscription to " + shardId + " failed: " + SdkSubscriptions.describe(cause));
            }
        };
        try (SdkSubscriptions subscriptions = new SdkSubscriptions(options.endpoint(), consumerArn, listener)) {
            long subscribing = System.nanoTime();
            try {
                subscriptions.subscribe(shardIds, java.time.Duration.ofSeconds(30));
            } catch (IllegalStateException e) {
                throw new LightScenarios.Unsupported("SubscribeToShard over HTTP/2: " + e.getMessage());
            }
            notes.put("subscribe_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - subscribing));
            Phase phase = putOpenLoop(stream, ledger, warmupSeconds);
            Meter.Measurement measured = phase.measurement();
            long waiting = System.nanoTime();
            long deadline = waiting + TimeUnit.MILLISECONDS.toNanos(DELIVERY_WAIT_MILLIS);
            while (!ledger.settled() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            notes.put("delivery_wait_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waiting));
            DeliveryLedger.Tally tally = ledger.tally();
            noteDeliveries(tally, perShard, measured.seconds(), subscriptions.renewals());
            notes.put("initial_responses", subscriptions.initialResponses());
            // The messages are the records delivered during the measured phase, whichever phase put them: their rate
            // is what the server kept up with, and the server's CPU over the phase is spent on them. The latencies
            // are those of the records put during the phase, however late they came.
            return new Meter.Measurement(
                    phase.delivered(),
                    tally.sent() + tally.putFailed(),
                    tally.errors() + subscriptionErrors.sum(),
                    measured.seconds(),
                    ledger.latencyMicros(),
                    measured.serverCpuSeconds(),
                    measured.serverRssPeakKb(),
                    measured.serverHwmKb(),
                    measured.generatorCpuSeconds());
        }
    }

    /** The measured phase of an open loop, and the records delivered during it. */
    private record Phase(Meter.Measurement measurement, long delivered) {}

    /**
     * PutRecord at the offered rate over a pool of connections, each request signed with its record's intended send
     * time and number in the data, and a partition key of its own (so the shards share the records); runs the
     * warm-up and the measured phase, and stops offering when it ends.
     */
    private Phase putOpenLoop(String stream, DeliveryLedger ledger, double warmupSeconds) throws Exception {
        Recorder putLatency = new Recorder(3);
        Pool pool = new Pool(
                (response, latencyNanos, n) -> {
                    if (meter.measuring()) {
                        putLatency.recordValue(Math.max(1, latencyNanos / 1000));
                    }
                    if (response.status().code() == 200) {
                        ledger.acknowledged(n);
                    } else {
                        ledger.failed(n);
                        meter.error(unexpected(response));
                    }
                },
                meter);
        pool.open(client.connect(options.connections(), pool));
        byte[] padding = new byte[options.bodyBytes()];
        java.util.Arrays.fill(padding, (byte) 'x');
        Ticker ticker = Ticker.start(client.eventLoop(), options.rate(), intendedNanos -> {
            long n = ledger.offer(meter.measuring());
            if (n < 0) {
                meter.error("more records offered than the run's bound of " + ledger.capacity());
                return;
            }
            byte[] head = (intendedNanos + ";" + n + ";").getBytes(StandardCharsets.US_ASCII);
            byte[] data = java.util.Arrays.copyOf(head, Math.max(head.length, options.bodyBytes()));
            System.arraycopy(padding, 0, data, head.length, data.length - head.length);
            pool.submit(
                    requests.request("PutRecord", KinesisRequests.putRecord(stream, "pk-" + n, data)),
                    intendedNanos,
                    n);
        });
        try {
            Thread.sleep((long) (warmupSeconds * 1000));
            long before = ledger.deliveries();
            Meter.Measurement measurement = meter.measure(0, options.seconds(), options.serverProbe(), () -> false);
            return new Phase(measurement, ledger.deliveries() - before);
        } finally {
            ticker.cancel();
            // The PutRecord's own share of the latency: its answer, from the time it was meant to be sent.
            Histogram puts = putLatency.getIntervalHistogram();
            notes.put("put_latency_p50_us", puts.getValueAtPercentile(50));
            notes.put("put_latency_p99_us", puts.getValueAtPercentile(99));
        }
    }

    private void noteDeliveries(
            DeliveryLedger.Tally tally, Map<String, LongAdder> perShard, double seconds, int renewals) {
        notes.put("sent", tally.sent());
        notes.put("received", tally.received());
        notes.put("received_equals_sent", tally.receivedEqualsSent());
        notes.put("missing", tally.missing());
        notes.put("duplicated", tally.duplicated());
        notes.put("put_failed", tally.putFailed());
        notes.put("put_unanswered", tally.unanswered());
        notes.put("unknown_records", tally.unknown());
        notes.put("offers_past_bound", tally.overflowed());
        long busiest =
                perShard.values().stream().mapToLong(LongAdder::sum).max().orElse(0);
        notes.put("shard_records_per_s_max", seconds > 0 ? Math.round(busiest / seconds) : 0);
        notes.put("resubscriptions", renewals);
        if (!tally.receivedEqualsSent()) {
            Bench.LOG.warn("deliveries: {}", tally);
        }
    }

    /** Registers a consumer of the stream and waits until DescribeStreamConsumer shows it ACTIVE; returns its ARN. */
    private String registerConsumer(String stream) throws InterruptedException {
        String streamArn = call("DescribeStreamSummary", KinesisRequests.streamName(stream))
                .path("StreamDescriptionSummary")
                .path("StreamARN")
                .asText();
        String consumerArn = call(
                        "RegisterStreamConsumer", KinesisRequests.registerStreamConsumer(streamArn, "bench-" + runId))
                .path("Consumer")
                .path("ConsumerARN")
                .asText();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(ACTIVE_WAIT_MILLIS);
        while (true) {
            String status = call("DescribeStreamConsumer", KinesisRequests.describeStreamConsumer(consumerArn))
                    .path("ConsumerDescription")
                    .path("ConsumerStatus")
                    .asText();
            if (status.equals("ACTIVE")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer " + consumerArn + " still " + status + " after 30 s");
            }
            // AWS allows DescribeStreamConsumer 20 times a second per stream.
            Thread.sleep(50);
        }
        notes.put("consumer_active_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return consumerArn;
    }

    private List<ByteBuf> puts(String stream) {
        List<ByteBuf> puts = new ArrayList<>(PUT_VARIANTS);
        for (int variant = 0; variant < PUT_VARIANTS; variant++) {
            puts.add(requests.request(
                    "PutRecords",
                    KinesisRequests.putRecords(stream, options.recordsPerPut(), options.bodyBytes(), variant)));
        }
        notes.put("records_per_put", options.recordsPerPut());
        notes.put("shards", options.shards());
        return puts;
    }

    private Meter.Measurement closedLoop(List<ByteBuf> puts, Pool.Handler handler) throws Exception {
        return closedLoop(puts, handler, options.warmupSeconds());
    }

    /** Each connection sends its next PutRecords (the variants in turn) as soon as the previous one is answered. */
    private Meter.Measurement closedLoop(List<ByteBuf> puts, Pool.Handler handler, double warmupSeconds)
            throws Exception {
        return ClosedLoop.run(client, options, meter, puts, handler, warmupSeconds);
    }

    /** Puts on every connection until the prefill count or time is reached; returns the records accepted. */
    private long prefill(String stream) throws InterruptedException {
        List<ByteBuf> puts = puts(stream);
        AtomicLong accepted = new AtomicLong();
        AtomicLong issued = new AtomicLong();
        long deadline = System.nanoTime() + (long) (options.prefillSeconds() * 1e9);
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(options.connections());
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    PutAnswer answer = PutAnswer.of(response, requests.answers());
                    if (answer == null) {
                        meter.error(unexpected(response));
                    } else {
                        accepted.addAndGet(answer.records() - answer.failed());
                    }
                    // Sends stop once the next batch could pass the bound: the backlog never exceeds it.
                    if (accepted.get() + (long) options.connections() * options.recordsPerPut() <= options.prefillMax()
                            && System.nanoTime() < deadline) {
                        connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
                    } else {
                        finished.countDown();
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
        }
        if (!finished.await((long) (options.prefillSeconds() + 60), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the prefill's last answers did not come within a minute");
        }
        for (LightClient.Connection connection : connections) {
            connection.close();
        }
        return accepted.get();
    }

    /** Creates a stream of {@code shards} shards and waits until DescribeStreamSummary shows it ACTIVE. */
    private String createStream(int shards) throws InterruptedException {
        String name = "bench-" + options.label() + "-" + runId;
        call("CreateStream", KinesisRequests.createStream(name, shards));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(ACTIVE_WAIT_MILLIS);
        while (true) {
            JsonNode summary = call("DescribeStreamSummary", KinesisRequests.streamName(name));
            String status = summary.path("StreamDescriptionSummary")
                    .path("StreamStatus")
                    .asText();
            if (status.equals("ACTIVE")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " still " + status + " after 30 s");
            }
            Thread.sleep(20);
        }
        notes.put("stream_active_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return name;
    }

    /** The stream's shard ids, from ListShards. */
    private List<String> shardIds(String stream) {
        List<String> ids = new ArrayList<>();
        for (JsonNode shard :
                call("ListShards", KinesisRequests.streamName(stream)).path("Shards")) {
            ids.add(shard.path("ShardId").asText());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("ListShards shows no shards for " + stream);
        }
        return ids;
    }

    /** A setup call: fails unless it is answered 200. */
    private JsonNode call(String operation, ObjectNode body) {
        LightClient.Response answer = client.call(requests.request(operation, body));
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + answer.text());
        }
        try {
            return answer.body().length == 0 ? SqsRequests.object() : requests.read(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(operation + ": unreadable answer: " + e, e);
        }
    }

    /**
     * What a PutRecords answer says, read with the streaming parser (an answer of 500 records is about 50 KB, and the
     * generator reads hundreds a second): the records answered, FailedRecordCount, the failures by error code.
     */
    record PutAnswer(
            int records,
            int failed,
            int throughputExceeded,
            int otherErrors,
            @Nullable String firstError) {

        /** The answer of a 200, or null for any other status or an answer that does not parse. */
        static @Nullable PutAnswer of(FullHttpResponse response, JsonFactory encoding) {
            if (response.status().code() != 200) {
                return null;
            }
            int records = 0;
            int failed = 0;
            int exceeded = 0;
            int other = 0;
            String firstError = null;
            try (JsonParser parser = parser(response, encoding)) {
                expect(parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("FailedRecordCount")) {
                        failed = parser.getIntValue();
                    } else if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            records++;
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String member = parser.currentName();
                                parser.nextToken();
                                if (member.equals("ErrorCode") && parser.currentToken() == JsonToken.VALUE_STRING) {
                                    String code = parser.getText();
                                    if (code.equals(THROUGHPUT_EXCEEDED)) {
                                        exceeded++;
                                    } else {
                                        other++;
                                    }
                                    firstError = firstError == null ? code : firstError;
                                } else {
                                    parser.skipChildren();
                                }
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return new PutAnswer(records, failed, exceeded, other, firstError);
        }
    }

    /** What a GetRecords answer says: how many records, the next iterator, and how far behind the shard's tip. */
    record GetAnswer(int records, @Nullable String nextShardIterator, long millisBehindLatest) {

        /** The answer, or null for one that does not parse. */
        static @Nullable GetAnswer of(FullHttpResponse response, JsonFactory encoding) {
            int records = 0;
            String next = null;
            long behind = 0;
            try (JsonParser parser = parser(response, encoding)) {
                expect(parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            records++;
                            parser.skipChildren();
                        }
                    } else if (field.equals("NextShardIterator") && value == JsonToken.VALUE_STRING) {
                        next = parser.getText();
                    } else if (field.equals("MillisBehindLatest")) {
                        behind = parser.getLongValue();
                    } else {
                        parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                return null;
            }
            return new GetAnswer(records, next, behind);
        }
    }

    private static JsonParser parser(FullHttpResponse response, JsonFactory encoding) throws IOException {
        InputStream in = new ByteBufInputStream(response.content().duplicate());
        return encoding.createParser(in);
    }

    private static void expect(@Nullable JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }

    /** Describes an answer that is not a 200 or does not parse: its status, its size and the start of its body. */
    private static String unexpected(FullHttpResponse response) {
        String body = response.content().toString(StandardCharsets.UTF_8);
        return "unexpected answer: " + response.status().code() + ", "
                + response.content().readableBytes() + " bytes: "
                + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    @Override
    public void close() {
        client.close();
    }
}
