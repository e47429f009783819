package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a stream's buffer to Splunk's HTTP Event Collector as Firehose does: one POST of the records' bytes,
 * concatenated as they were put (or as the processors returned them), to {@code <HECEndpoint>/services/collector/event}
 * or {@code /services/collector/raw} by the HECEndpointType, with {@code Authorization: Splunk <HECToken>} and a
 * {@code X-Splunk-Request-Channel} that is the stream's for as long as the sink runs. HEC answers 200 with an
 * {@code ackId}; the sink then asks {@code /services/collector/ack} on the same channel every {@link #ACK_POLL} until
 * HEC reports the events indexed, or HECAcknowledgmentTimeoutInSeconds have passed since the post ({@code
 * Splunk.AckTimeout}).
 *
 * <p>A failed attempt (an error answer, a broken connection, no acknowledgment in time) is tried again with the same
 * records, backed off as {@link HttpEndpointSink#backoffMillis} does it, until RetryOptions.DurationInSeconds of waiting
 * between attempts have passed (the waits for acknowledgments do not count, as AWS documents); then the records go to
 * the S3 backup through {@link ErrorOutput} as {@code splunk-failed}. With S3BackupMode AllEvents every record is also
 * written to the backup bucket as an S3 delivery writes it. A ProcessingConfiguration runs before the first attempt.
 *
 * <p>The waits are not slept: the sink throws {@link Sink.RetryLater} with the time of its next step, and holds the
 * request's records between steps (one request per stream). Thread-safe: {@link Deliveries} runs at most one delivery
 * per stream.
 */
final class SplunkSink implements Sink {

    static final String ERROR_TYPE = "splunk-failed";

    /** How often an acknowledgment is asked for: Wharf's choice, AWS does not document its own. */
    static final Duration ACK_POLL = Duration.ofSeconds(1);

    /** How long one acknowledgment query may take. */
    static final Duration ACK_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** The records of one request at most, as the HTTP endpoint destination's. */
    static final int RECORDS_MAX = HttpEndpointSink.RECORDS_MAX;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * The attempts of one request.
     *
     * @param ackId the acknowledgment id of the attempt that HEC took, awaiting its acknowledgment; null otherwise
     * @param postedMillis when that attempt was posted
     */
    private record Attempt(
            long from,
            long last,
            long bytes,
            int count,
            List<RecordPipeline.Output> records,
            int made,
            long retriedMillis,
            long failedAtMillis,
            @Nullable Long ackId,
            long postedMillis) {

        Attempt waiting(long id, long now) {
            return new Attempt(from, last, bytes, count, records, made, retriedMillis, failedAtMillis, id, now);
        }

        Attempt failed(long now) {
            return new Attempt(from, last, bytes, count, records, made, retriedMillis, now, null, postedMillis);
        }
    }

    private final DeliveryStreamStore store;
    private final EndpointPort endpoints;
    private final ErrorOutput errors;
    private final Sink backup;
    private final RecordPipeline pipeline;
    private final Clock clock;
    private final HttpEndpointSink backoff;
    /** The request that each stream is delivering, by stream id; at most one per stream. */
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
    /** Each stream's HEC channel, by stream id. */
    private final Map<Long, String> channels = new ConcurrentHashMap<>();

    /**
     * @param backup the S3 sink that writes a stream's records to its backup bucket, for S3BackupMode AllEvents
     * @param backoff whose back-off the retries follow
     */
    SplunkSink(
            DeliveryStreamStore store,
            EndpointPort endpoints,
            ErrorOutput errors,
            Sink backup,
            RecordPipeline pipeline,
            Clock clock,
            HttpEndpointSink backoff) {
        this.store = store;
        this.endpoints = endpoints;
        this.errors = errors;
        this.backup = backup;
        this.pipeline = pipeline;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Forgets the request a deleted stream was delivering. */
    void forget(long streamId) {
        attempts.remove(streamId);
        channels.remove(streamId);
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        SplunkDestinationConfiguration splunk =
                Objects.requireNonNull(Objects.requireNonNull(stream.other()).splunk());
        Attempt held = attempts.get(stream.id());
        long now = clock.millis();
        Attempt attempt;
        if (held != null && held.from() == from) {
            if (held.ackId() != null) {
                HttpEndpointSink.Failure failure = acknowledged(stream, splunk, held, now);
                if (failure == null) {
                    return done(stream, splunk, held, oldestMillis);
                }
                attempt = held.failed(clock.millis());
                failed(stream, splunk, attempt, failure);
                return done(stream, splunk, attempt, oldestMillis);
            }
            attempt = new Attempt(
                    from,
                    held.last(),
                    held.bytes(),
                    held.count(),
                    held.records(),
                    held.made(),
                    held.retriedMillis() + Math.max(0, now - held.failedAtMillis()),
                    held.failedAtMillis(),
                    null,
                    0);
        } else {
            Batch batch = Batch.read(store, stream.id(), from, end, Buffering.sizeBytes(stream), RECORDS_MAX);
            if (batch.records().isEmpty()) {
                return new Delivered(-1, 0, 0);
            }
            List<RecordPipeline.Output> records = HttpEndpointSink.processed(
                    pipeline, HttpEndpointDestinations.processingView(stream, splunk.processingConfiguration()), batch);
            attempt = new Attempt(
                    from, batch.last(), batch.bytes(), batch.records().size(), records, 0, 0, now, null, 0);
        }
        if (attempt.records().isEmpty()) {
            return done(stream, splunk, attempt, oldestMillis);
        }
        attempt = new Attempt(
                attempt.from(),
                attempt.last(),
                attempt.bytes(),
                attempt.count(),
                attempt.records(),
                attempt.made() + 1,
                attempt.retriedMillis(),
                attempt.failedAtMillis(),
                null,
                now);
        Object answer = send(stream, splunk, attempt);
        if (answer instanceof Long ackId) {
            attempts.put(stream.id(), attempt.waiting(ackId, now));
            throw new Sink.RetryLater(
                    "waiting for Splunk's acknowledgment " + ackId + " of attempt " + attempt.made(),
                    now + ACK_POLL.toMillis());
        }
        attempt = attempt.failed(clock.millis());
        failed(stream, splunk, attempt, (HttpEndpointSink.Failure) answer);
        return done(stream, splunk, attempt, oldestMillis);
    }

    private Delivered done(
            FirehoseRecords.StoredStream stream, SplunkDestinationConfiguration splunk, Attempt attempt, long oldest) {
        if ("AllEvents".equals(splunk.s3BackupMode())) {
            backup.deliver(stream, attempt.from(), attempt.last() + 1, oldest);
        }
        attempts.remove(stream.id());
        return new Delivered(attempt.last(), attempt.bytes(), attempt.count());
    }

    /**
     * Settles a failed attempt: schedules the next one (throwing {@link Sink.RetryLater}), or, once the retry duration
     * is spent, writes the records to the error output and returns.
     */
    private void failed(
            FirehoseRecords.StoredStream stream,
            SplunkDestinationConfiguration splunk,
            Attempt attempt,
            HttpEndpointSink.Failure failure) {
        long duration = SplunkDestinations.retryMillis(splunk);
        if (attempt.retriedMillis() < duration) {
            attempts.put(stream.id(), attempt);
            long delay = Math.min(backoff.backoffMillis(attempt.made()), duration - attempt.retriedMillis());
            throw new Sink.RetryLater(
                    "Splunk did not take attempt " + attempt.made() + ": " + failure.code() + " " + failure.message(),
                    attempt.failedAtMillis() + delay);
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
        errors.write(stream, ERROR_TYPE, failed);
    }

    /**
     * Asks HEC whether the attempt it took is indexed.
     *
     * @return null when it is; a failure when the acknowledgment timed out or HEC has acknowledgments disabled
     * @throws Sink.RetryLater when it is to be asked again
     */
    private HttpEndpointSink.@Nullable Failure acknowledged(
            FirehoseRecords.StoredStream stream, SplunkDestinationConfiguration splunk, Attempt held, long now) {
        long ackId = Objects.requireNonNull(held.ackId());
        try {
            EndpointPort.Answer answer = endpoints.post(new EndpointPort.Post(
                    uri(splunk, "ack"),
                    headers(stream, splunk, "application/json"),
                    ("{\"acks\":[" + ackId + "]}").getBytes(StandardCharsets.UTF_8),
                    ACK_QUERY_TIMEOUT));
            JsonNode body = tree(answer);
            if (answer.status() == 200 && body != null) {
                if (body.path("acks").path(String.valueOf(ackId)).asBoolean(false)) {
                    return null;
                }
            } else if (body != null && body.path("code").asInt(-1) == 14) {
                return failure("Splunk.DisabledAck");
            }
        } catch (IOException e) {
            // Asked again until the acknowledgment timeout, as a lost answer says nothing of the events.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Splunk for an acknowledgment", e);
        }
        long after = clock.millis();
        if (after - held.postedMillis() >= SplunkDestinations.ackTimeoutMillis(splunk)) {
            return failure("Splunk.AckTimeout");
        }
        throw new Sink.RetryLater(
                "waiting for Splunk's acknowledgment " + ackId,
                Math.min(
                        after + ACK_POLL.toMillis(),
                        held.postedMillis() + SplunkDestinations.ackTimeoutMillis(splunk)));
    }

    /**
     * Posts one attempt.
     *
     * @return the acknowledgment id HEC gave, as a {@link Long}, or the {@link HttpEndpointSink.Failure} of the attempt
     */
    private Object send(FirehoseRecords.StoredStream stream, SplunkDestinationConfiguration splunk, Attempt attempt) {
        boolean raw = "Raw".equals(splunk.hECEndpointType());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (RecordPipeline.Output record : attempt.records()) {
            body.writeBytes(record.data());
        }
        EndpointPort.Answer answer;
        try {
            answer = endpoints.post(new EndpointPort.Post(
                    uri(splunk, raw ? "raw" : "event"),
                    headers(stream, splunk, raw ? "text/plain; charset=utf-8" : "application/json"),
                    body.toByteArray(),
                    Duration.ofMillis(SplunkDestinations.ackTimeoutMillis(splunk))));
        } catch (HttpConnectTimeoutException | ConnectException | IllegalArgumentException e) {
            return failure("Splunk.InvalidEndpoint");
        } catch (HttpTimeoutException e) {
            return failure("Splunk.ConnectionTimeout");
        } catch (SSLException e) {
            return failure("Splunk.SSLHandshake");
        } catch (IOException e) {
            return e.getCause() instanceof ConnectException
                    ? failure("Splunk.InvalidEndpoint")
                    : failure("Splunk.ConnectionClosed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering to Splunk", e);
        }
        return judged(answer);
    }

    /** What a HEC answer to a post means: its ackId, or the failure AWS's error codes name. */
    static Object judged(EndpointPort.Answer answer) {
        JsonNode body = tree(answer);
        int code = body == null ? -1 : body.path("code").asInt(-1);
        if (answer.status() == 200 && body != null && code <= 0) {
            JsonNode ackId = body.path("ackId");
            return ackId.canConvertToLong() && ackId.isIntegralNumber()
                    ? (Object) ackId.asLong()
                    : failure("Splunk.DisabledAck");
        }
        return switch (code) {
            case 1 -> failure("Splunk.DisabledToken");
            case 2, 3, 4 -> failure("Splunk.InvalidToken");
            case 5, 6, 12, 13 -> failure("Splunk.InvalidDataFormat");
            case 7 -> failure("Splunk.InvalidIndex");
            case 14 -> failure("Splunk.DisabledAck");
            default -> failure("Splunk.ServerError");
        };
    }

    private static @Nullable JsonNode tree(EndpointPort.Answer answer) {
        if (answer.truncated()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static URI uri(SplunkDestinationConfiguration splunk, String service) {
        String endpoint = String.valueOf(splunk.hECEndpoint());
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        return URI.create(endpoint + "/services/collector/" + service);
    }

    private Map<String, String> headers(
            FirehoseRecords.StoredStream stream, SplunkDestinationConfiguration splunk, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Authorization", "Splunk " + splunk.hECToken());
        headers.put("X-Splunk-Request-Channel", channels.computeIfAbsent(stream.id(), id -> UUID.randomUUID()
                .toString()));
        return headers;
    }

    /** A failure with AWS's documented message for its code. */
    static HttpEndpointSink.Failure failure(String code) {
        return new HttpEndpointSink.Failure(code, Objects.requireNonNull(MESSAGES.get(code), code));
    }

    /** The messages of Firehose's Splunk data delivery errors, as its developer guide gives them. */
    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry(
                    "Splunk.DisabledToken",
                    "The HEC token is disabled. Enable the token to allow data delivery to Splunk."),
            Map.entry(
                    "Splunk.InvalidToken", "The HEC token is invalid. Update Kinesis Firehose with a valid HEC token."),
            Map.entry(
                    "Splunk.InvalidDataFormat",
                    "The data is not formatted correctly. To see how to properly format data for Raw or Event HEC"
                            + " endpoints, see Splunk Event Data."),
            Map.entry(
                    "Splunk.InvalidIndex",
                    "The HEC token or input is configured with an invalid index. Check your index configuration and"
                            + " try again."),
            Map.entry(
                    "Splunk.ServerError",
                    "Data delivery to Splunk failed due to a server error from the HEC node. Kinesis Firehose will"
                            + " retry sending the data if the retry duration in your Kinesis Firehose is greater than"
                            + " 0. If all the retries fail, Kinesis Firehose backs up the data to Amazon S3."),
            Map.entry(
                    "Splunk.DisabledAck",
                    "Indexer acknowledgement is disabled for the HEC token. Enable indexer acknowledgement and try"
                            + " again."),
            Map.entry(
                    "Splunk.AckTimeout",
                    "Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired."
                            + " Despite the acknowledgement timeout, it's possible the data was indexed successfully"
                            + " in Splunk. Kinesis Firehose backs up in Amazon S3 data for which the acknowledgement"
                            + " timeout expired."),
            Map.entry(
                    "Splunk.ConnectionTimeout",
                    "The connection to Splunk timed out. This might be a transient error and the request will be"
                            + " retried. Kinesis Firehose backs up the data to Amazon S3 if all retries fail."),
            Map.entry(
                    "Splunk.InvalidEndpoint",
                    "Could not connect to the HEC endpoint. Make sure that the HEC endpoint URL is valid and"
                            + " reachable from Kinesis Firehose."),
            Map.entry(
                    "Splunk.ConnectionClosed",
                    "Unable to send data to Splunk due to a connection failure. This might be a transient error."
                            + " Increasing the retry duration in your Kinesis Firehose configuration might guard"
                            + " against such transient failures."),
            Map.entry(
                    "Splunk.SSLHandshake",
                    "Could not connect to the HEC endpoint. Make sure that the certificate and the host are valid."));
}
