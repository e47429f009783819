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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

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
 * </ul>
 *
 * <p>With {@code --cbor} the requests and answers are AWS CBOR 1.1, the Java SDK's default, and the scenario's label
 * ends in {@code -cbor}.
 *
 * <p>{@code kinesis-subscribe-latency} (enhanced fan-out: SubscribeToShard, PutRecord to event latency) belongs here,
 * as {@code bench/README.md} describes; it needs an event-stream decoder, and for HTTP/2 a connection of its own per
 * subscription, which this generator does not have yet.
 */
final class KinesisScenarios implements AutoCloseable {

    /** Distinct PutRecords bodies replayed in turn, so that partition keys vary between requests too. */
    private static final int PUT_VARIANTS = 8;

    private static final long ACTIVE_WAIT_MILLIS = 30_000;
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
        return closedLoop(puts, (response, latencyNanos) -> {
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
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong issued = new AtomicLong();
        List<LightClient.Connection> connections =
                client.connect(options.connections(), (connection, response, latencyNanos) -> {
                    handler.onAnswer(response, latencyNanos);
                    if (running.get()) {
                        connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
                    }
                });
        for (LightClient.Connection connection : connections) {
            connection.send(puts.get((int) (issued.getAndIncrement() % puts.size())), System.nanoTime());
        }
        try {
            return meter.measure(warmupSeconds, options.seconds(), options.serverProbe(), () -> false);
        } finally {
            running.set(false);
        }
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
