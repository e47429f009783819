package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationConfiguration;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a stream's buffer to an OpenSearch or Elasticsearch cluster as Firehose does: one {@code POST
 * <ClusterEndpoint>/_bulk} of newline-delimited index actions, each record one document in the index that
 * IndexRotationPeriod names from the record's arrival time (UTC), with a document id stable across attempts
 * (FIREHOSE_DEFAULT) or none (NO_DOCUMENT_ID), and the TypeName when one is given.
 *
 * <p>The documents that the cluster refuses (the whole request, or items of the bulk answer) are tried again, backed
 * off as {@link HttpEndpointSink#backoffMillis} does it, until RetryOptions.DurationInSeconds of waiting between
 * attempts have passed; then they go to the S3 backup through {@link ErrorOutput} as {@code
 * AmazonOpenSearchService-failed} or {@code elasticsearch-failed}, with the cluster's status as {@code errorCode}, its
 * error as {@code errorMessage}, and {@code esDocumentId}, {@code esIndexName} and {@code esTypeName}. With S3BackupMode
 * AllDocuments every record is also written to the backup bucket as an S3 delivery writes it.
 *
 * <p>Between attempts the sink holds the documents still to index (one request per stream). Thread-safe: {@link
 * Deliveries} runs at most one delivery per stream.
 */
final class SearchSink implements Sink {

    static final String OPENSEARCH_ERROR_TYPE = "AmazonOpenSearchService-failed";
    static final String ELASTICSEARCH_ERROR_TYPE = "elasticsearch-failed";

    /** How long a bulk request may take: Wharf's bound, AWS documents none. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(3);

    static final int RECORDS_MAX = HttpEndpointSink.RECORDS_MAX;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int QUOTED_MAX = 1024;
    /**
     * Weeks as Firehose numbers them for OneWeek: starting on Sunday, week 1 the year's first whole week (as the guide's
     * example, 2016-02-25 in {@code -2016-w08}, has it); the days before it are week 00.
     */
    private static final WeekFields WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 7);

    /**
     * One document to index.
     *
     * @param id its document id, null for NO_DOCUMENT_ID
     * @param errorCode why its last attempt failed, null before one did
     */
    record Document(
            RecordPipeline.Output record,
            String index,
            @Nullable String id,
            @Nullable String errorCode,
            @Nullable String errorMessage) {

        Document failed(String code, String message) {
            return new Document(record, index, id, code, message);
        }
    }

    /**
     * The attempts of one request.
     *
     * @param documents the documents not yet indexed
     */
    private record Attempt(
            long from,
            long last,
            long bytes,
            int count,
            List<Document> documents,
            int made,
            long retriedMillis,
            long failedAtMillis) {}

    private final DeliveryStreamStore store;
    private final EndpointPort endpoints;
    private final ErrorOutput errors;
    private final Sink backup;
    private final RecordPipeline pipeline;
    private final Clock clock;
    private final HttpEndpointSink backoff;
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

    SearchSink(
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

    void forget(long streamId) {
        attempts.remove(streamId);
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        AmazonopensearchserviceDestinationConfiguration search =
                Objects.requireNonNull(SearchDestinations.of(stream.other()));
        Attempt held = attempts.get(stream.id());
        long now = clock.millis();
        Attempt attempt;
        if (held != null && held.from() == from) {
            attempt = new Attempt(
                    from,
                    held.last(),
                    held.bytes(),
                    held.count(),
                    held.documents(),
                    held.made(),
                    held.retriedMillis() + Math.max(0, now - held.failedAtMillis()),
                    held.failedAtMillis());
        } else {
            Batch batch = Batch.read(store, stream.id(), from, end, Buffering.sizeBytes(stream), RECORDS_MAX);
            if (batch.records().isEmpty()) {
                return new Delivered(-1, 0, 0);
            }
            List<Document> documents = new ArrayList<>();
            for (RecordPipeline.Output record : HttpEndpointSink.processed(
                    pipeline,
                    HttpEndpointDestinations.processingView(stream, search.processingConfiguration()),
                    batch)) {
                documents.add(new Document(
                        record,
                        indexName(search, record.arrivalMillis()),
                        "NO_DOCUMENT_ID"
                                        .equals(Objects.requireNonNull(search.documentIdOptions())
                                                .defaultDocumentIdFormat())
                                ? null
                                : stream.id() + "." + record.sequence(),
                        null,
                        null));
            }
            attempt = new Attempt(
                    from, batch.last(), batch.bytes(), batch.records().size(), documents, 0, 0, now);
        }
        if (!attempt.documents().isEmpty()) {
            List<Document> failed = send(stream, search, attempt.documents());
            attempt = new Attempt(
                    attempt.from(),
                    attempt.last(),
                    attempt.bytes(),
                    attempt.count(),
                    failed,
                    attempt.made() + 1,
                    attempt.retriedMillis(),
                    clock.millis());
            if (!failed.isEmpty()) {
                failed(stream, search, attempt);
            }
        }
        if ("AllDocuments".equals(search.s3BackupMode())) {
            backup.deliver(stream, from, attempt.last() + 1, oldestMillis);
        }
        attempts.remove(stream.id());
        return new Delivered(attempt.last(), attempt.bytes(), attempt.count());
    }

    private void failed(
            FirehoseRecords.StoredStream stream,
            AmazonopensearchserviceDestinationConfiguration search,
            Attempt attempt) {
        long duration = SearchDestinations.retryMillis(search);
        if (attempt.retriedMillis() < duration) {
            attempts.put(stream.id(), attempt);
            long delay = Math.min(backoff.backoffMillis(attempt.made()), duration - attempt.retriedMillis());
            Document first = attempt.documents().getFirst();
            throw new Sink.RetryLater(
                    "the cluster did not index " + attempt.documents().size() + " documents (attempt " + attempt.made()
                            + "): " + first.errorCode() + " " + first.errorMessage(),
                    attempt.failedAtMillis() + delay);
        }
        List<ErrorOutput.Failed> failed = new ArrayList<>(attempt.documents().size());
        String type = search.typeName() == null ? "" : search.typeName();
        for (Document document : attempt.documents()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("esDocumentId", document.id() == null ? "" : document.id());
            extra.put("esIndexName", document.index());
            extra.put("esTypeName", type);
            failed.add(new ErrorOutput.Failed(
                    document.record().arrivalMillis(),
                    document.record().data(),
                    attempt.made(),
                    String.valueOf(document.errorCode()),
                    String.valueOf(document.errorMessage()),
                    extra));
        }
        errors.write(
                stream,
                Objects.requireNonNull(stream.other()).elasticsearch() != null
                        ? ELASTICSEARCH_ERROR_TYPE
                        : OPENSEARCH_ERROR_TYPE,
                failed);
    }

    /** The index a record goes to: the IndexName, with the rotation's suffix of its arrival time (UTC). */
    static String indexName(AmazonopensearchserviceDestinationConfiguration search, long arrivalMillis) {
        String name = String.valueOf(search.indexName());
        ZonedDateTime at = Instant.ofEpochMilli(arrivalMillis).atZone(ZoneOffset.UTC);
        return switch (String.valueOf(search.indexRotationPeriod())) {
            case "NoRotation" -> name;
            case "OneHour" ->
                name + "-"
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd-HH", Locale.ROOT)
                                .format(at);
            case "OneWeek" ->
                name + "-" + at.getYear() + "-w" + String.format(Locale.ROOT, "%02d", at.get(WEEKS.weekOfYear()));
            case "OneMonth" ->
                name + "-" + DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).format(at);
            default ->
                name + "-"
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).format(at);
        };
    }

    /**
     * Posts the documents as one bulk request.
     *
     * @return the documents that were not indexed, each with why
     */
    private List<Document> send(
            FirehoseRecords.StoredStream stream,
            AmazonopensearchserviceDestinationConfiguration search,
            List<Document> documents) {
        String prefix = stream.other() != null && stream.other().elasticsearch() != null ? "ES." : "OS.";
        String endpoint = String.valueOf(search.clusterEndpoint());
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        EndpointPort.Answer answer;
        try {
            answer = endpoints.post(new EndpointPort.Post(
                    URI.create(endpoint + "/_bulk"),
                    Map.of("Content-Type", "application/x-ndjson"),
                    body(search, documents),
                    REQUEST_TIMEOUT));
        } catch (HttpConnectTimeoutException | ConnectException | IllegalArgumentException e) {
            return all(documents, prefix + "ConnectionFailed", "The cluster could not be reached: " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return all(
                    documents,
                    prefix + "RequestTimeout",
                    "The cluster did not answer within " + REQUEST_TIMEOUT.toSeconds() + " seconds.");
        } catch (SSLException e) {
            return all(documents, prefix + "SSLHandshakeFailure", "An SSL handshake failed: " + e.getMessage());
        } catch (IOException e) {
            return all(documents, prefix + "ConnectionReset", "The connection was closed early: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing documents", e);
        }
        return judged(documents, answer);
    }

    /** The documents a bulk answer did not index, each with its item's status and error. */
    static List<Document> judged(List<Document> documents, EndpointPort.Answer answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() < 200 || answer.status() >= 300) {
            return all(documents, String.valueOf(answer.status()), quoted(text));
        }
        JsonNode body;
        try {
            body = answer.truncated() ? null : JSON.readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return all(documents, String.valueOf(answer.status()), "The bulk answer is not JSON: " + quoted(text));
        }
        if (!body.path("errors").asBoolean(false)) {
            return List.of();
        }
        JsonNode items = body.path("items");
        if (!items.isArray() || items.size() != documents.size()) {
            return all(
                    documents,
                    String.valueOf(answer.status()),
                    "The bulk answer's items do not match: " + quoted(text));
        }
        List<Document> failed = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            JsonNode item =
                    items.get(i).elements().hasNext() ? items.get(i).elements().next() : JSON.nullNode();
            int status = item.path("status").asInt(500);
            if (status < 200 || status >= 300) {
                JsonNode error = item.path("error");
                failed.add(documents
                        .get(i)
                        .failed(String.valueOf(status), error.isMissingNode() ? "" : quoted(error.toString())));
            }
        }
        return failed;
    }

    private static List<Document> all(List<Document> documents, String code, String message) {
        List<Document> failed = new ArrayList<>(documents.size());
        for (Document document : documents) {
            failed.add(document.failed(code, message));
        }
        return failed;
    }

    private static byte[] body(AmazonopensearchserviceDestinationConfiguration search, List<Document> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String type = search.typeName();
        try {
            for (Document document : documents) {
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    json.writeStartObject();
                    json.writeObjectFieldStart("index");
                    json.writeStringField("_index", document.index());
                    if (type != null && !type.isEmpty()) {
                        json.writeStringField("_type", type);
                    }
                    if (document.id() != null) {
                        json.writeStringField("_id", document.id());
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                }
                out.write('\n');
                byte[] data = document.record().data();
                int length = data.length;
                // A document is one line: a record's own line ending would end the bulk action early.
                while (length > 0 && (data[length - 1] == '\n' || data[length - 1] == '\r')) {
                    length--;
                }
                out.write(data, 0, length);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED_MAX ? text : text.substring(0, QUOTED_MAX) + "...";
    }
}
