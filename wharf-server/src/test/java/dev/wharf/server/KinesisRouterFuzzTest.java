package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.kinesis.api.CreateStreamRequest;
import dev.wharf.kinesis.api.DescribeStreamConsumerRequest;
import dev.wharf.kinesis.api.DescribeStreamSummaryRequest;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.PutRecordsRequest;
import dev.wharf.kinesis.api.PutRecordsRequestEntry;
import dev.wharf.kinesis.api.RegisterStreamConsumerRequest;
import dev.wharf.kinesis.engine.KinesisConfig;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.kinesis.http.KinesisBinding;
import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.eventstream.EventStreamBody;
import dev.wharf.protocol.eventstream.EventStreamDecoder;
import dev.wharf.protocol.eventstream.EventStreamLimits;
import dev.wharf.protocol.eventstream.EventStreamMessage;
import dev.wharf.protocol.eventstream.EventStreamMessageType;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzz test of Kinesis behind the transport: routing, the signature check, the JSON 1.1 and CBOR 1.1
 * codecs, Kinesis's binding and its engine over the memory store. Whatever a request holds, its answer is never a 5xx
 * and is a well-formed result or error document of the request's protocol, with no trace of a Java exception, and it
 * comes within a bound.
 *
 * <p>The first input byte picks the protocol (its lowest bit: JSON 1.1 or CBOR 1.1) and the operation (the rest, an
 * index into the model's operations in name order); the rest of the input is the body. Two ACTIVE streams with records
 * and a consumer are there from the start, on a clock that only this test moves (a millisecond an input, the engine's
 * whole transition), so that requests naming them reach the engine's deepest paths; throughput
 * limits are off, so that no input is throttled for the ones before it. A fixture stream or consumer that an input
 * deleted is made again before the next input.
 *
 * <p>SubscribeToShard is fuzzed too: its event stream is read up to the first event (which AWS sends at once), and
 * then the client goes away, so that no subscription outlives its input.
 */
class KinesisRouterFuzzTest {

    private static final String DATE = "20250101T120000Z";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256"
            + " Credential=test/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature="
            + "0".repeat(64);
    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String CBOR_TYPE = "application/x-amz-cbor-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern JAVA_TRACE = Pattern.compile(
            "\\bat [a-z][\\w$]*(?:\\.[\\w$]+)+\\(|\\b[a-z][\\w$]*(?:\\.[a-z][\\w$]*)*\\.[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final String ENDPOINT = "http://localhost:4566";
    /** How long an answer may take: every Kinesis call but SubscribeToShard answers at once over the memory store. */
    private static final long ANSWER_MILLIS = 5_000;
    /** How many chunks of an event stream are read: the initial response and the first event. */
    private static final int EVENT_STREAM_CHUNKS = 2;

    private static final Instant START = Instant.parse("2025-01-01T12:00:00Z");
    private static final Duration TRANSITION = Duration.ofMillis(1);
    /** How far the clock moves before each input: the transition, so that a change an input made is done by the next. */
    private static final Duration STEP = Duration.ofMillis(1);
    /** Moves the clock past any transition, while the fixture is being made again. */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** Keeps the fuzzer's own streams within a few hundred shards, so that no input costs long. */
    private static final int SHARDS_PER_ACCOUNT = 200;

    private static final KinesisContext ACCOUNT =
            new KinesisContext(StaticCredentialStore.DEFAULT_ACCOUNT_ID, "us-east-1");
    private static final String ORDERS = "orders";
    private static final String EVENTS = "events";
    private static final String CONSUMER = "fanout";

    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final MovableClock CLOCK = new MovableClock(START);
    private static final KinesisEngine ENGINE = new KinesisEngine(
            CLOCK, new KinesisConfig(TRANSITION, SHARDS_PER_ACCOUNT, false), new MemoryStorageEngine().streams());
    private static final KinesisBinding KINESIS = new KinesisBinding(ENGINE, ACCOUNT.region());
    /** In name order, so that a seed's first byte keeps its operation whatever order the model lists them in. */
    private static final List<String> OPERATIONS =
            KINESIS.model().operations().keySet().stream().sorted().toList();

    private static final ServiceRouter ROUTER = new ServiceRouter(
            List.of(KINESIS),
            new SigV4Verifier(
                    new StaticCredentialStore(List.of()),
                    Clock.fixed(
                            Instant.from(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
                                    .parse(DATE)),
                            ZoneOffset.UTC)));

    static {
        restoreFixture();
    }

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    @FuzzTest(maxDuration = "20s")
    void everyKinesisRequestIsAnsweredInItsProtocolWithoutAServerError(byte[] input) throws Exception {
        int selector = input.length == 0 ? 0 : input[0] & 0xFF;
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        boolean cbor = (selector & 1) == 1;
        String operation = OPERATIONS.get((selector >> 1) % OPERATIONS.size());
        CLOCK.advance(STEP);
        restoreFixture();
        ServiceRouter.HttpRequest request = request(operation, cbor, body);
        Answer answer = route(request);
        WireResponse response = answer.response();
        String echo = echoable(body, cbor);
        assertThat(response.status()).as("status of %s", operation).isLessThan(500);
        if (response.stream() != null) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo(EventStreamBody.CONTENT_TYPE);
            assertEventStream(answer.chunks(), cbor, echo);
            return;
        }
        assertThat(response.contentType()).isEqualTo(cbor ? CBOR_TYPE : JSON_TYPE);
        assertDocument(response.body(), cbor, response.status() >= 400, echo);
    }

    /** A result is one map of the protocol; an error also has a {@code __type} and a text {@code message}. */
    private static void assertDocument(byte[] body, boolean cbor, boolean error, String echo) throws IOException {
        assertNoJavaTrace(new String(body, StandardCharsets.UTF_8), echo);
        JsonNode document = (cbor ? CBOR : JSON).readTree(body);
        assertThat(document).as("document").isNotNull();
        assertThat(document.isObject()).as("document is a map: %s", document).isTrue();
        if (error) {
            String type = document.path("__type").asText();
            assertThat(type).as("__type").isNotEmpty().doesNotContain("InternalFailure");
            assertThat(document.path("message").isTextual()).as("message").isTrue();
            assertNoJavaTrace(document.path("message").asText(), echo);
        }
    }

    /** The initial response, then an event or a modeled exception, each with a payload of the request's protocol. */
    private static void assertEventStream(List<byte[]> chunks, boolean cbor, String echo) throws IOException {
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        List<EventStreamMessage> messages = new ArrayList<>();
        for (byte[] chunk : chunks) {
            messages.addAll(decoder.decode(chunk));
        }
        assertThat(decoder.isBetweenMessages()).as("whole messages").isTrue();
        assertThat(messages).as("messages").isNotEmpty();
        assertThat(messages.getFirst().stringHeader(EventStreamMessage.EVENT_TYPE))
                .isEqualTo(EventStreamMessage.INITIAL_RESPONSE);
        for (EventStreamMessage message : messages) {
            assertThat(message.messageType())
                    .as("message type")
                    .isIn(EventStreamMessageType.EVENT, EventStreamMessageType.EXCEPTION);
            assertThat(message.stringHeader(EventStreamMessage.CONTENT_TYPE)).isEqualTo(cbor ? CBOR_TYPE : JSON_TYPE);
            boolean exception = message.messageType() == EventStreamMessageType.EXCEPTION;
            if (exception) {
                assertThat(message.stringHeader(EventStreamMessage.EXCEPTION_TYPE))
                        .isNotEmpty()
                        .doesNotContain("InternalFailure");
            }
            JsonNode payload = (cbor ? CBOR : JSON).readTree(message.payload());
            assertThat(payload != null && payload.isObject())
                    .as("payload is a map")
                    .isTrue();
            assertNoJavaTrace(new String(message.payload(), StandardCharsets.UTF_8), echo);
            if (exception) {
                assertThat(payload.path("message").isTextual())
                        .as("exception message")
                        .isTrue();
            }
        }
    }

    /**
     * Fails on a trace of a Java exception in an answer: a stack frame, or a qualified exception class name. AWS's own
     * texts name Java classes too ("class java.lang.String can not be converted to an Integer"), so a bare package name
     * is no trace; and an error may quote the request's own value, so a trace the request itself carried is an echo.
     */
    private static void assertNoJavaTrace(String answer, String request) {
        Matcher trace = JAVA_TRACE.matcher(answer);
        while (trace.find()) {
            assertThat(request).as("Java trace in the answer: %s", answer).contains(trace.group());
        }
    }

    /** The request's text as an error could quote it: raw, and each string of the document as LogText writes it. */
    private static String echoable(byte[] body, boolean cbor) {
        StringBuilder text = new StringBuilder(new String(body, StandardCharsets.UTF_8)).append('\n');
        try {
            JsonNode document = (cbor ? CBOR : JSON).readTree(body);
            if (document != null) {
                collectText(document, text);
            }
        } catch (IOException | RuntimeException e) {
            // Not a document; the raw text stands.
        }
        return text.toString();
    }

    private static void collectText(JsonNode node, StringBuilder text) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectText(child, text));
            node.fieldNames().forEachRemaining(name -> text.append(name)
                    .append('\n')
                    .append(LogText.bounded(name, Integer.MAX_VALUE))
                    .append('\n'));
        } else {
            text.append(node.asText()).append('\n');
            text.append(LogText.bounded(node.asText(), Integer.MAX_VALUE)).append('\n');
        }
    }

    /** A response, and the chunks of its event stream as far as the client read it. */
    private record Answer(WireResponse response, List<byte[]> chunks) {}

    /** Routes on a virtual thread, as the transport does, and reads an event stream up to its first event. */
    private static Answer route(ServiceRouter.HttpRequest request) throws Exception {
        Future<Answer> answer = THREADS.submit(() -> {
            WireResponse response = ROUTER.route(request);
            List<byte[]> chunks = new ArrayList<>();
            StreamingBody stream = response.stream();
            if (stream != null) {
                stream.writeTo(chunk -> {
                    chunks.add(chunk);
                    return chunks.size() < EVENT_STREAM_CHUNKS;
                });
            }
            return new Answer(response, chunks);
        });
        try {
            return answer.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return fail("no answer within " + ANSWER_MILLIS + " ms");
        }
    }

    private static ServiceRouter.HttpRequest request(String operation, boolean cbor, byte[] body) {
        Map<String, List<String>> headers = Map.of(
                "host", List.of("localhost:4566"),
                "x-amz-date", List.of(DATE),
                "authorization", List.of(AUTHORIZATION),
                "x-amz-target", List.of(TARGET_PREFIX + operation),
                "content-type", List.of(cbor ? CBOR_TYPE : JSON_TYPE));
        return new ServiceRouter.HttpRequest("POST", "/", "", headers, body, ENDPOINT, "fuzz");
    }

    /**
     * Makes the fixture again where an input took it away: the streams {@code orders} (two shards) and {@code events}
     * (one), each ACTIVE with a few records, and the ACTIVE consumer {@code fanout} of {@code orders}. A stream or
     * consumer in transition is let finish first.
     */
    private static void restoreFixture() {
        ensureStream(ORDERS, 2);
        ensureStream(EVENTS, 1);
        String ordersArn = arn(ORDERS);
        for (int attempt = 0; attempt < 3; attempt++) {
            String status = consumerStatus(ordersArn);
            if ("ACTIVE".equals(status)) {
                return;
            }
            if (status == null) {
                ENGINE.registerStreamConsumer(
                        ACCOUNT, new RegisterStreamConsumerRequest(ordersArn, CONSUMER, null, null));
            }
            CLOCK.advance(SETTLE);
        }
        throw new IllegalStateException("the fixture's consumer does not become ACTIVE");
    }

    private static void ensureStream(String name, int shards) {
        for (int attempt = 0; attempt < 3; attempt++) {
            String status = streamStatus(name);
            if ("ACTIVE".equals(status)) {
                return;
            }
            if (status == null) {
                ENGINE.createStream(ACCOUNT, new CreateStreamRequest(name, shards, null, null, null, null));
                CLOCK.advance(SETTLE);
                List<PutRecordsRequestEntry> records = new ArrayList<>();
                for (String key : List.of("alpha", "bravo", "charlie", "delta")) {
                    records.add(new PutRecordsRequestEntry(
                            ("record " + key + " of " + name).getBytes(StandardCharsets.UTF_8), null, key));
                }
                ENGINE.putRecords(ACCOUNT, new PutRecordsRequest(records, name, null, null));
            } else {
                CLOCK.advance(SETTLE);
            }
        }
        throw new IllegalStateException("the fixture's stream " + name + " does not become ACTIVE");
    }

    private static String arn(String name) {
        return "arn:aws:kinesis:" + ACCOUNT.region() + ":" + ACCOUNT.accountId() + ":stream/" + name;
    }

    private static @Nullable String streamStatus(String name) {
        try {
            return Objects.requireNonNull(
                            ENGINE.describeStreamSummary(ACCOUNT, new DescribeStreamSummaryRequest(name, null, null))
                                    .streamDescriptionSummary())
                    .streamStatus();
        } catch (AwsException e) {
            if (e.code() != KinesisError.ResourceNotFound) {
                throw e;
            }
            return null;
        }
    }

    private static @Nullable String consumerStatus(String streamArn) {
        try {
            return Objects.requireNonNull(ENGINE.describeStreamConsumer(
                                    ACCOUNT, new DescribeStreamConsumerRequest(streamArn, CONSUMER, null, null))
                            .consumerDescription())
                    .consumerStatus();
        } catch (AwsException e) {
            if (e.code() != KinesisError.ResourceNotFound) {
                throw e;
            }
            return null;
        }
    }

    /** A clock that only this test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
