package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.HttpEndpointCommonAttribute;
import dev.wharf.firehose.api.HttpEndpointConfiguration;
import dev.wharf.firehose.api.HttpEndpointDestinationConfiguration;
import dev.wharf.firehose.api.HttpEndpointRequestConfiguration;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a stream's buffer to its HTTP endpoint as Firehose's "HTTP endpoint delivery request and response
 * specifications" describe: one POST of a JSON body {@code {"requestId", "timestamp", "records": [{"data": base64}]}}
 * with the {@code X-Amz-Firehose-*} headers, gzip-encoded when ContentEncoding is GZIP, that the endpoint accepts by
 * answering 200 with a JSON body ({@code Content-Type: application/json}, not content-encoded) naming the same
 * requestId and a numeric timestamp, within {@link #RESPONSE_TIMEOUT}.
 *
 * <p>A failed attempt is tried again with the same request id and records, backed off as AWS documents it (1 s
 * doubling at each retry, 15% jitter, at most 2 minutes), until RetryOptions.DurationInSeconds of waiting between
 * attempts have passed (the waits for answers do not count); then the records go to the S3 backup bucket through {@link
 * ErrorOutput} as {@code http-endpoint-failed}, with the last attempt's error, and the delivery is done. A 413 answer
 * is a permanent failure: the records are dropped without a retry or an error object, as AWS documents. With
 * S3BackupMode AllData every record, as it was put, is also written to the backup bucket as an S3 delivery writes it.
 * A ProcessingConfiguration runs through the {@link RecordPipeline} before the first attempt.
 *
 * <p>Between attempts the sink holds the request's records (one request of at most {@link #RECORDS_MAX} records and
 * the buffer's size, per stream). Thread-safe: {@link Deliveries} runs at most one delivery per stream.
 */
final class HttpEndpointSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpointSink.class);

    /** How long an endpoint has to answer: AWS documents 3 minutes. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);

    /** The records of one request at most (the request schema's {@code maxItems}). */
    static final int RECORDS_MAX = 10_000;

    static final String ERROR_TYPE = "http-endpoint-failed";

    /** AWS's back-off: the first retry after 1 s, doubling, with 15% jitter, at most 2 minutes apart. */
    static final long BACKOFF_INITIAL_MILLIS = 1_000;

    static final long BACKOFF_MAX_MILLIS = 120_000;
    static final double JITTER = 0.15;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The most of an answer that an error message quotes. */
    private static final int QUOTED_MAX = 1024;

    /**
     * Why an attempt failed: the error output's code and message.
     *
     * @param permanent whether the request is not to be tried again (a 413 answer)
     */
    record Failure(String code, String message, boolean permanent) {

        Failure(String code, String message) {
            this(code, message, false);
        }
    }

    /**
     * The attempts of one request: the same records, from the first attempt on.
     *
     * @param records the records as they are posted, after processing
     * @param retriedMillis the time spent waiting between attempts so far
     * @param failedAtMillis when the last attempt failed
     */
    private record Attempt(
            long from,
            long last,
            long bytes,
            int count,
            String requestId,
            List<RecordPipeline.Output> records,
            int made,
            long retriedMillis,
            long failedAtMillis) {}

    private final DeliveryStreamStore store;
    private final EndpointPort endpoints;
    private final ErrorOutput errors;
    private final Sink backup;
    private final RecordPipeline pipeline;
    private final Clock clock;
    private final RandomGenerator random;
    private final String region;
    /** The request that each stream is retrying, by stream id; at most one per stream. */
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

    /**
     * @param backup the S3 sink that writes a stream's records to its backup bucket, for S3BackupMode AllData
     */
    HttpEndpointSink(
            DeliveryStreamStore store,
            EndpointPort endpoints,
            ErrorOutput errors,
            Sink backup,
            RecordPipeline pipeline,
            Clock clock,
            RandomGenerator random,
            String region) {
        this.store = store;
        this.endpoints = endpoints;
        this.errors = errors;
        this.backup = backup;
        this.pipeline = pipeline;
        this.clock = clock;
        this.random = random;
        this.region = region;
    }

    /** Forgets the request a deleted stream was retrying. */
    void forget(long streamId) {
        attempts.remove(streamId);
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        HttpEndpointDestinationConfiguration http =
                Objects.requireNonNull(Objects.requireNonNull(stream.other()).httpEndpoint());
        Attempt held = attempts.get(stream.id());
        long now = clock.millis();
        Attempt attempt;
        if (held != null && held.from() == from) {
            attempt = new Attempt(
                    from,
                    held.last(),
                    held.bytes(),
                    held.count(),
                    held.requestId(),
                    held.records(),
                    held.made(),
                    held.retriedMillis() + Math.max(0, now - held.failedAtMillis()),
                    held.failedAtMillis());
        } else {
            Batch batch = Batch.read(store, stream.id(), from, end, Buffering.sizeBytes(stream), RECORDS_MAX);
            if (batch.records().isEmpty()) {
                return new Delivered(-1, 0, 0);
            }
            attempt = new Attempt(
                    from,
                    batch.last(),
                    batch.bytes(),
                    batch.records().size(),
                    UUID.randomUUID().toString(),
                    processed(stream, http, batch),
                    0,
                    0,
                    now);
        }
        if (!attempt.records().isEmpty()) {
            Failure failure = send(stream, http, attempt, now);
            long failedAt = clock.millis();
            attempt = new Attempt(
                    attempt.from(),
                    attempt.last(),
                    attempt.bytes(),
                    attempt.count(),
                    attempt.requestId(),
                    attempt.records(),
                    attempt.made() + 1,
                    attempt.retriedMillis(),
                    failedAt);
            if (failure != null) {
                failed(stream, http, attempt, failure, failedAt);
            }
        }
        if ("AllData".equals(http.s3BackupMode())) {
            backup.deliver(stream, from, attempt.last() + 1, oldestMillis);
        }
        attempts.remove(stream.id());
        return new Delivered(attempt.last(), attempt.bytes(), attempt.count());
    }

    /**
     * Settles a failed attempt: schedules the next one (throwing {@link Sink.RetryLater}), or, once the retry duration
     * is spent, writes the records to the error output (or drops them after a 413) and returns.
     */
    private void failed(
            FirehoseRecords.StoredStream stream,
            HttpEndpointDestinationConfiguration http,
            Attempt attempt,
            Failure failure,
            long failedAt) {
        long duration = HttpEndpointDestinations.retryMillis(http);
        boolean permanent = failure.permanent();
        if (!permanent && attempt.retriedMillis() < duration) {
            attempts.put(stream.id(), attempt);
            long delay = Math.min(backoffMillis(attempt.made()), duration - attempt.retriedMillis());
            throw new Sink.RetryLater(
                    "the HTTP endpoint did not accept request " + attempt.requestId() + " (attempt " + attempt.made()
                            + "): " + failure.code() + " " + failure.message(),
                    failedAt + delay);
        }
        if (permanent) {
            LOG.warn(
                    "Firehose stream {} dropped {} records that its HTTP endpoint refused as too large (413): {}",
                    stream.name(),
                    attempt.records().size(),
                    failure.message());
            return;
        }
        List<ErrorOutput.Failed> failed = new ArrayList<>(attempt.records().size());
        for (RecordPipeline.Output record : attempt.records()) {
            failed.add(new ErrorOutput.Failed(
                    record.arrivalMillis(),
                    record.data(),
                    attempt.made(),
                    failure.code(),
                    failure.message(),
                    Map.of()));
        }
        // An error object holds one request's records, at most RECORDS_MAX of them.
        errors.write(stream, ERROR_TYPE, failed);
    }

    /** The wait before the attempt after {@code made} attempts: AWS's back-off with its jitter. */
    long backoffMillis(int made) {
        double base = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_INITIAL_MILLIS * Math.pow(2, Math.max(0, made - 1)));
        double jitter = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Math.min(BACKOFF_MAX_MILLIS, Math.round(base * jitter));
    }

    /** The records of a batch as they are posted: through the destination's processors when it has any. */
    private List<RecordPipeline.Output> processed(
            FirehoseRecords.StoredStream stream, HttpEndpointDestinationConfiguration http, Batch batch) {
        return processed(pipeline, HttpEndpointDestinations.processingView(stream, http), batch);
    }

    /**
     * The records of a batch through the processors of {@code view} (a stream as {@link
     * HttpEndpointDestinations#processingView} shows it), in pipeline batches of {@link RecordPipeline#batchBytes}.
     */
    static List<RecordPipeline.Output> processed(
            RecordPipeline pipeline, FirehoseRecords.StoredStream view, Batch batch) {
        List<RecordPipeline.Output> outputs = new ArrayList<>(batch.records().size());
        if (!RecordPipeline.applies(view)) {
            for (Batch.Entry entry : batch.records()) {
                outputs.add(new RecordPipeline.Output(
                        entry.sequence(), entry.arrivalMillis(), entry.data(), Map.of(), Map.of()));
            }
            return outputs;
        }
        long limit = RecordPipeline.batchBytes(view);
        List<RecordPipeline.Input> inputs = new ArrayList<>();
        long bytes = 0;
        for (Batch.Entry entry : batch.records()) {
            if (!inputs.isEmpty() && bytes + entry.data().length > limit) {
                outputs.addAll(pipeline.process(view, inputs));
                inputs = new ArrayList<>();
                bytes = 0;
            }
            inputs.add(new RecordPipeline.Input(entry.sequence(), entry.arrivalMillis(), entry.data()));
            bytes += entry.data().length;
        }
        outputs.addAll(pipeline.process(view, inputs));
        return outputs;
    }

    /**
     * Posts one attempt.
     *
     * @return null when the endpoint accepted it, else why not
     */
    private @Nullable Failure send(
            FirehoseRecords.StoredStream stream, HttpEndpointDestinationConfiguration http, Attempt attempt, long now) {
        // The URL, access key and attributes are read at each attempt, as AWS may change them between retries.
        HttpEndpointConfiguration endpoint = Objects.requireNonNull(http.endpointConfiguration());
        HttpEndpointRequestConfiguration request = http.requestConfiguration();
        boolean gzip = request != null && "GZIP".equals(request.contentEncoding());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Firehose-Protocol-Version", "1.0");
        headers.put("X-Amz-Firehose-Request-Id", attempt.requestId());
        headers.put(
                "X-Amz-Firehose-Source-Arn",
                "arn:aws:firehose:" + region + ":" + stream.accountId() + ":deliverystream/" + stream.name());
        if (endpoint.accessKey() != null) {
            headers.put("X-Amz-Firehose-Access-Key", endpoint.accessKey());
        }
        List<HttpEndpointCommonAttribute> attributes = request == null ? null : request.commonAttributes();
        if (attributes != null && !attributes.isEmpty()) {
            Map<String, String> common = new LinkedHashMap<>();
            for (HttpEndpointCommonAttribute attribute : attributes) {
                common.put(String.valueOf(attribute.attributeName()), String.valueOf(attribute.attributeValue()));
            }
            headers.put("X-Amz-Firehose-Common-Attributes", json(Map.of("commonAttributes", common)));
        }
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        EndpointPort.Answer answer;
        try {
            answer = endpoints.post(new EndpointPort.Post(
                    URI.create(String.valueOf(endpoint.url())), headers, body(attempt, now, gzip), RESPONSE_TIMEOUT));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return connectionFailed(e);
        } catch (HttpTimeoutException e) {
            return new Failure(
                    "HttpEndpoint.RequestTimeout",
                    "The endpoint did not respond within " + RESPONSE_TIMEOUT.toSeconds() + " seconds.");
        } catch (SSLException e) {
            return new Failure(
                    "HttpEndpoint.SSLHandshakeFailure",
                    "An SSL handshake could not be completed with the endpoint: " + e.getMessage());
        } catch (IOException e) {
            return e.getCause() instanceof ConnectException || e.getMessage() == null
                    ? connectionFailed(e)
                    : new Failure(
                            "HttpEndpoint.ConnectionReset",
                            "The connection to the endpoint was reset or closed early: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering to the HTTP endpoint", e);
        } catch (IllegalArgumentException e) {
            return connectionFailed(e);
        }
        return judged(attempt.requestId(), answer);
    }

    private static Failure connectionFailed(Exception e) {
        return new Failure(
                "HttpEndpoint.ConnectionFailed",
                "A connection could not be established with the endpoint: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    /** Whether an answer accepts the request: null when it does, else why not, as AWS's error codes name it. */
    static @Nullable Failure judged(String requestId, EndpointPort.Answer answer) {
        if (answer.truncated()) {
            return new Failure(
                    "HttpEndpoint.ResponseTooLarge",
                    "The response received from the endpoint is too large: it must be less than 1 MiB.");
        }
        String text = quoted(new String(answer.body(), StandardCharsets.UTF_8));
        if (answer.status() != 200) {
            return new Failure(
                    "HttpEndpoint.DestinationException",
                    "The following response was received from the endpoint destination. " + answer.status() + ": "
                            + text,
                    answer.status() == 413);
        }
        String contentType = answer.headers().getOrDefault("content-type", "");
        boolean json = contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        boolean encoded = answer.headers().containsKey("content-encoding");
        boolean valid = false;
        if (json && !encoded) {
            try {
                JsonNode node = JSON.readTree(answer.body());
                valid = node != null
                        && node.isObject()
                        && requestId.equals(node.path("requestId").textValue())
                        && node.path("timestamp").isNumber();
            } catch (IOException e) {
                valid = false;
            }
        }
        if (!valid) {
            return new Failure(
                    "HttpEndpoint.InvalidResponseFromDestination",
                    "The response received from the specified endpoint is invalid. Contact the owner of the endpoint"
                            + " to resolve the issue. Response for request " + requestId + " is not recognized as"
                            + " valid JSON or has unexpected fields. Raw response received: " + answer.status() + " "
                            + text);
        }
        return null;
    }

    private static byte[] body(Attempt attempt, long now, boolean gzip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("requestId", attempt.requestId());
            json.writeNumberField("timestamp", now);
            json.writeArrayFieldStart("records");
            for (RecordPipeline.Output record : attempt.records()) {
                json.writeStartObject();
                json.writeFieldName("data");
                json.writeBinary(record.data());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED_MAX ? text : text.substring(0, QUOTED_MAX) + "...";
    }
}
