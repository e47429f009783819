package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record pipeline of a delivery: the stage that any {@link Sink} calls on the records it reads from the store,
 * before it writes them. It runs the destination's processors in Firehose's order, the Lambda transformation, then
 * the JQ metadata extraction of the partition keys, then the appended delimiter, and writes the records that fail to
 * the error output ({@code processing-failed} for the transformation, {@code partitioning-failed} for keys that cannot
 * be extracted) before it returns, one error object per batch.
 *
 * <p>A sink feeds it batches of at most {@link #batchBytes} of data, so that one call invokes the function about once
 * and holds one batch on the heap. Thread-safe.
 */
final class RecordPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** A batch without a Lambda processor: a page of the store, about. */
    private static final long PLAIN_BATCH_BYTES = 1024 * 1024;
    /** The event's bytes around a record's data: its recordId, timestamp and the members' names. */
    private static final int RECORD_OVERHEAD_BYTES = 128;
    /** The event's bytes around its records. */
    private static final int EVENT_OVERHEAD_BYTES = 512;

    static final String PROCESSING_FAILED = "processing-failed";
    static final String PARTITIONING_FAILED = "partitioning-failed";
    static final String DECOMPRESSION_FAILED = "decompression-failed";

    /** Log events of one CloudWatch Logs record at most, as CloudWatch Logs batches them. */
    static final int LOG_EVENTS_MAX = 10_000;

    /**
     * A record read from the store.
     *
     * @param sequence its sequence in the stream, which names it in the transformation event
     */
    record Input(long sequence, int subSequence, long arrivalMillis, byte[] data) {

        /** A record as it was put, before any de-aggregation. */
        Input(long sequence, long arrivalMillis, byte[] data) {
            this(sequence, 0, arrivalMillis, data);
        }
    }

    /**
     * A record ready for its destination.
     *
     * @param queryKeys the partitionKeyFromQuery keys, empty without a MetadataExtraction processor
     * @param lambdaKeys the partitionKeyFromLambda keys, empty unless the function returned some
     */
    record Output(
            long sequence,
            long arrivalMillis,
            byte[] data,
            Map<String, String> queryKeys,
            Map<String, String> lambdaKeys) {}

    private final LambdaInvoker invoker;
    private final LambdaFunctions functions;
    private final ErrorOutput errors;
    private final RandomGenerator random;
    private final String region;
    private final Duration invokeTimeout;
    private final Map<String, JqQuery> queries = new ConcurrentHashMap<>();

    RecordPipeline(
            LambdaInvoker invoker,
            LambdaFunctions functions,
            ErrorOutput errors,
            RandomGenerator random,
            String region,
            Duration invokeTimeout) {
        this.invoker = invoker;
        this.functions = functions;
        this.errors = errors;
        this.random = random;
        this.region = region;
        this.invokeTimeout = invokeTimeout;
    }

    /** Whether a stream's records go through the pipeline at all, rather than straight from the store. */
    static boolean applies(FirehoseRecords.StoredStream stream) {
        return Processors.of(stream.destination()).any();
    }

    /** The data that one batch fed to {@link #process} should hold at most. */
    static long batchBytes(FirehoseRecords.StoredStream stream) {
        Processors.Lambda lambda = Processors.of(stream.destination()).lambda();
        return lambda == null ? PLAIN_BATCH_BYTES : lambda.bufferBytes();
    }

    /**
     * Runs one batch of a stream's records through its processors.
     *
     * @return the records to deliver, in their order; the dropped and failed ones are not among them
     * @throws RuntimeException when the failed records could not be written to the error output, so that the delivery
     *     is tried again
     */
    List<Output> process(FirehoseRecords.StoredStream stream, List<Input> batch) {
        Processors.Settings settings = Processors.of(stream.destination());
        if (settings.decompression() != null) {
            batch = decompressed(stream, settings.decompression(), batch);
        }
        if (settings.deAggregation() != null) {
            batch = deAggregated(stream, settings.deAggregation(), batch);
        }
        List<ErrorOutput.Failed> failedProcessing = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        if (settings.lambda() != null) {
            for (List<Input> invocation : invocations(batch, settings.lambda().bufferBytes())) {
                outputs.addAll(transform(stream, settings.lambda(), invocation, failedProcessing));
            }
        } else {
            for (Input input : batch) {
                outputs.add(new Output(input.sequence(), input.arrivalMillis(), input.data(), Map.of(), Map.of()));
            }
        }
        writeFailed(stream, PROCESSING_FAILED, failedProcessing);
        if (settings.partitioning()) {
            outputs = extract(stream, settings.query(), outputs);
        }
        if (settings.delimiter() != null) {
            byte[] delimiter = settings.delimiter();
            List<Output> delimited = new ArrayList<>(outputs.size());
            for (Output output : outputs) {
                byte[] data = ByteBuffer.allocate(output.data().length + delimiter.length)
                        .put(output.data())
                        .put(delimiter)
                        .array();
                delimited.add(new Output(
                        output.sequence(), output.arrivalMillis(), data, output.queryKeys(), output.lambdaKeys()));
            }
            outputs = delimited;
        }
        return outputs;
    }

    /**
     * Splits aggregated records into their sub-records: consecutive JSON objects (whitespace between them is allowed,
     * an array is not), or the pieces between delimiters. A record that does not split, or splits into more than {@link
     * Processors#SUB_RECORDS_MAX}, goes to the error output as {@code partitioning-failed}.
     */
    private List<Input> deAggregated(
            FirehoseRecords.StoredStream stream, Processors.DeAggregation how, List<Input> batch) {
        List<Input> split = new ArrayList<>(batch.size());
        List<ErrorOutput.Failed> failed = new ArrayList<>();
        for (Input input : batch) {
            List<byte[]> pieces = how.json() ? jsonObjects(input.data()) : delimited(input.data(), how.delimiter());
            if (pieces == null || pieces.size() > Processors.SUB_RECORDS_MAX) {
                failed.add(new ErrorOutput.Failed(
                        input.arrivalMillis(),
                        input.data(),
                        1,
                        "DynamicPartitioning.MetadataExtractionFailed",
                        pieces == null
                                ? "The record could not be de-aggregated as its SubRecordType says"
                                : "The record holds more than " + Processors.SUB_RECORDS_MAX + " sub-records",
                        Map.of()));
                continue;
            }
            for (int i = 0; i < pieces.size(); i++) {
                // A log event's place (from message extraction) and the sub-record's place both name the record.
                int subSequence = input.subSequence() * (Processors.SUB_RECORDS_MAX + 1) + i;
                split.add(new Input(input.sequence(), subSequence, input.arrivalMillis(), pieces.get(i)));
            }
        }
        writeFailed(stream, PARTITIONING_FAILED, failed);
        return split;
    }

    /**
     * Decompresses GZIP records, as CloudWatch Logs subscriptions write them; with message extraction, each log event's
     * message of a DATA_MESSAGE becomes a record and a CONTROL_MESSAGE is dropped. A record that does not decompress
     * goes to the error output as {@code decompression-failed}, one that is not CloudWatch Logs data as {@code
     * processing-failed}, both with the record as it was put.
     */
    private List<Input> decompressed(
            FirehoseRecords.StoredStream stream, Processors.Decompression how, List<Input> batch) {
        List<Input> out = new ArrayList<>(batch.size());
        List<ErrorOutput.Failed> undecompressed = new ArrayList<>();
        List<ErrorOutput.Failed> unextracted = new ArrayList<>();
        long budget = Processors.DECOMPRESSED_BATCH_MAX_BYTES;
        for (Input input : batch) {
            byte[] data = gunzipped(input.data(), (int) Math.min(Processors.DECOMPRESSED_MAX_BYTES, budget));
            if (data == null) {
                undecompressed.add(new ErrorOutput.Failed(
                        input.arrivalMillis(),
                        input.data(),
                        1,
                        "Decompression.Failed",
                        "The record is not GZIP data, or inflates beyond " + Processors.DECOMPRESSED_MAX_BYTES
                                + " bytes",
                        Map.of()));
                continue;
            }
            budget -= data.length;
            if (!how.extractMessages()) {
                out.add(new Input(input.sequence(), input.subSequence(), input.arrivalMillis(), data));
                continue;
            }
            List<byte[]> messages = logMessages(data);
            if (messages == null) {
                unextracted.add(new ErrorOutput.Failed(
                        input.arrivalMillis(),
                        input.data(),
                        1,
                        "CloudWatchLogProcessing.InvalidData",
                        "The decompressed record is not CloudWatch Logs subscription data with at most "
                                + LOG_EVENTS_MAX + " log events",
                        Map.of()));
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                out.add(new Input(input.sequence(), i, input.arrivalMillis(), messages.get(i)));
            }
        }
        writeFailed(stream, DECOMPRESSION_FAILED, undecompressed);
        writeFailed(stream, PROCESSING_FAILED, unextracted);
        return out;
    }

    /** The record inflated, or null when it is not GZIP or inflates beyond {@code max} bytes. */
    private static byte @Nullable [] gunzipped(byte[] data, int max) {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            byte[] inflated = in.readNBytes(max + 1);
            return inflated.length > max ? null : inflated;
        } catch (IOException e) {
            return null;
        }
    }

    /** The messages of a CloudWatch Logs DATA_MESSAGE, none for a CONTROL_MESSAGE, null for anything else. */
    private static @Nullable List<byte[]> logMessages(byte[] data) {
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        String type = root.path("messageType").asText("");
        if (type.equals("CONTROL_MESSAGE")) {
            return List.of();
        }
        JsonNode events = root.path("logEvents");
        if (!type.equals("DATA_MESSAGE") || !events.isArray() || events.size() > LOG_EVENTS_MAX) {
            return null;
        }
        List<byte[]> messages = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            JsonNode message = event.path("message");
            if (!message.isTextual()) {
                return null;
            }
            messages.add(message.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static @Nullable List<byte[]> jsonObjects(byte[] data) {
        List<byte[]> objects = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(data)) {
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    return null;
                }
                if (objects.size() > Processors.SUB_RECORDS_MAX) {
                    // Too many already: the caller fails the record, so the rest need not be read.
                    return objects;
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                objects.add(java.util.Arrays.copyOfRange(data, start, end));
            }
        } catch (IOException e) {
            return null;
        }
        return objects.isEmpty() ? null : objects;
    }

    private static List<byte[]> delimited(byte[] data, byte[] delimiter) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int at = 0; at + delimiter.length <= data.length && pieces.size() <= Processors.SUB_RECORDS_MAX; ) {
            if (java.util.Arrays.equals(data, at, at + delimiter.length, delimiter, 0, delimiter.length)) {
                if (at > start) {
                    pieces.add(java.util.Arrays.copyOfRange(data, start, at));
                }
                at += delimiter.length;
                start = at;
            } else {
                at++;
            }
        }
        if (start < data.length) {
            pieces.add(java.util.Arrays.copyOfRange(data, start, data.length));
        }
        return pieces;
    }

    /** Splits a batch into invocations within the processor's buffer and Lambda's 6 MB payload. */
    private static List<List<Input>> invocations(List<Input> batch, long bufferBytes) {
        List<List<Input>> invocations = new ArrayList<>();
        List<Input> current = new ArrayList<>();
        long data = 0;
        long payload = EVENT_OVERHEAD_BYTES;
        for (Input input : batch) {
            long encoded = (input.data().length + 2L) / 3 * 4 + RECORD_OVERHEAD_BYTES;
            if (!current.isEmpty()
                    && (data + input.data().length > bufferBytes
                            || payload + encoded > LambdaInvoker.ANSWER_BYTES_MAX)) {
                invocations.add(current);
                current = new ArrayList<>();
                data = 0;
                payload = EVENT_OVERHEAD_BYTES;
            }
            current.add(input);
            data += input.data().length;
            payload += encoded;
        }
        if (!current.isEmpty()) {
            invocations.add(current);
        }
        return invocations;
    }

    /** Why an invocation's answer could not be used: the error code and message of the error output. */
    private record Failure(String code, String message) {}

    /** A record's result in a usable answer. */
    private record Result(String result, byte @Nullable [] data, Map<String, String> lambdaKeys) {}

    private List<Output> transform(
            FirehoseRecords.StoredStream stream,
            Processors.Lambda lambda,
            List<Input> invocation,
            List<ErrorOutput.Failed> failed) {
        Map<String, Input> byId = new LinkedHashMap<>();
        for (Input input : invocation) {
            byId.put(recordId(stream, input), input);
        }
        Failure failure = null;
        Map<String, Result> results = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= lambda.retries() && results == null; attempt++) {
            attempts++;
            Object outcome = invokeOnce(stream, lambda, byId);
            if (outcome instanceof Failure why) {
                failure = why;
                LOG.debug(
                        "Firehose stream {} invocation {} of {} failed: {}",
                        stream.name(),
                        attempts,
                        lambda.arn(),
                        why.code());
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Result> usable = (Map<String, Result>) outcome;
                results = usable;
            }
        }
        List<Output> outputs = new ArrayList<>();
        for (Map.Entry<String, Input> entry : byId.entrySet()) {
            Input input = entry.getValue();
            if (results == null) {
                Failure why = java.util.Objects.requireNonNull(failure);
                failed.add(failedRecord(input, attempts, why, lambda.arn()));
                continue;
            }
            Result result = java.util.Objects.requireNonNull(results.get(entry.getKey()));
            switch (result.result()) {
                case "Ok" ->
                    outputs.add(new Output(
                            input.sequence(),
                            input.arrivalMillis(),
                            java.util.Objects.requireNonNull(result.data()),
                            Map.of(),
                            result.lambdaKeys()));
                case "Dropped" -> {}
                default ->
                    failed.add(failedRecord(
                            input,
                            attempts,
                            new Failure("Lambda.ProcessingFailedStatus", "ProcessingFailed status set for record"),
                            lambda.arn()));
            }
        }
        return outputs;
    }

    private static ErrorOutput.Failed failedRecord(Input input, int attempts, Failure why, String arn) {
        return new ErrorOutput.Failed(
                input.arrivalMillis(), input.data(), attempts, why.code(), why.message(), Map.of("lambdaArn", arn));
    }

    /** One invocation: the results by record id, or the {@link Failure} that makes it be tried again. */
    private Object invokeOnce(FirehoseRecords.StoredStream stream, Processors.Lambda lambda, Map<String, Input> byId) {
        URI url = functions.invokeUrl(lambda.arn());
        if (url == null) {
            return new Failure(
                    "Lambda.ResourceNotFound",
                    "The specified Lambda function does not exist. Use a different function that does exist.");
        }
        LambdaInvoker.Answer answer;
        try {
            answer = invoker.invoke(new LambdaInvoker.Invocation(url, event(stream, byId), invokeTimeout));
        } catch (IOException e) {
            return new Failure("Lambda.FunctionError", "The Lambda function could not be invoked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + lambda.arn(), e);
        }
        if (answer.status() == 429) {
            return new Failure("Lambda.InvokeLimitExceeded", "The Lambda concurrent execution limit is exceeded.");
        }
        if (answer.status() == 404) {
            return new Failure(
                    "Lambda.ResourceNotFound",
                    "The specified Lambda function does not exist. Use a different function that does exist.");
        }
        if (answer.status() < 200 || answer.status() > 299 || answer.functionError()) {
            return new Failure(
                    "Lambda.FunctionError",
                    "The Lambda function was successfully invoked but it returned an error result.");
        }
        return results(answer.body(), byId);
    }

    /** Reads a 2xx answer under Firehose's status model. */
    private static Object results(byte[] body, Map<String, Input> byId) {
        Failure malformed = new Failure(
                "Lambda.JsonProcessingException",
                "There was an error parsing returned records from the Lambda function. Ensure that the returned records"
                        + " follow the status model required by Kinesis Data Firehose.");
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return malformed;
        }
        if (root == null || !root.isObject()) {
            return malformed;
        }
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            return root.has("errorMessage") || root.has("errorType")
                    ? new Failure(
                            "Lambda.FunctionError",
                            "The Lambda function was successfully invoked but it returned an error result.")
                    : malformed;
        }
        Map<String, Result> results = new HashMap<>();
        for (JsonNode record : records) {
            JsonNode id = record.get("recordId");
            JsonNode result = record.get("result");
            if (id == null || !id.isTextual() || result == null || !result.isTextual()) {
                return malformed;
            }
            String status = result.asText();
            if (!status.equals("Ok") && !status.equals("Dropped") && !status.equals("ProcessingFailed")) {
                return malformed;
            }
            byte[] data = null;
            if (status.equals("Ok")) {
                JsonNode encoded = record.get("data");
                if (encoded == null || !encoded.isTextual()) {
                    return malformed;
                }
                try {
                    data = Base64.getDecoder().decode(encoded.asText());
                } catch (IllegalArgumentException e) {
                    return malformed;
                }
            }
            Map<String, String> keys = lambdaKeys(record.get("metadata"));
            if (keys == null) {
                return malformed;
            }
            if (results.put(id.asText(), new Result(status, data, keys)) != null) {
                return new Failure(
                        "Lambda.DuplicatedRecordId",
                        "Multiple records were returned with the same record ID. Ensure that the Lambda function"
                                + " returns unique record IDs for each record.");
            }
        }
        if (!results.keySet().equals(byId.keySet())) {
            return new Failure(
                    "Lambda.MissingRecordId",
                    "One or more record Ids were not returned. Ensure that the Lambda function returns all received"
                            + " record Ids.");
        }
        return results;
    }

    /** The {@code metadata.partitionKeys} of a returned record, empty when absent, null when not an object of text. */
    private static @Nullable Map<String, String> lambdaKeys(@Nullable JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        JsonNode keys = metadata.get("partitionKeys");
        if (keys == null || keys.isNull()) {
            return Map.of();
        }
        if (!keys.isObject()) {
            return null;
        }
        Map<String, String> read = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = keys.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isContainerNode() || member.getValue().isNull()) {
                return null;
            }
            read.put(member.getKey(), member.getValue().asText());
        }
        return read;
    }

    /** The transformation event of one invocation, as Firehose sends it for DirectPut streams. */
    private byte[] event(FirehoseRecords.StoredStream stream, Map<String, Input> byId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("invocationId", new UUID(random.nextLong(), random.nextLong()).toString());
        event.put(
                "deliveryStreamArn",
                "arn:aws:firehose:" + region + ":" + stream.accountId() + ":deliverystream/" + stream.name());
        event.put("region", region);
        ArrayNode records = event.putArray("records");
        for (Map.Entry<String, Input> entry : byId.entrySet()) {
            records.addObject()
                    .put("recordId", entry.getKey())
                    .put("approximateArrivalTimestamp", entry.getValue().arrivalMillis())
                    .put(
                            "data",
                            Base64.getEncoder().encodeToString(entry.getValue().data()));
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("a transformation event did not encode", e);
        }
    }

    /** A record's id in the event: the stream's id, its sequence, its place among its sub-records and its arrival. */
    private static String recordId(FirehoseRecords.StoredStream stream, Input input) {
        byte[] id = ByteBuffer.allocate(28)
                .putLong(stream.id())
                .putLong(input.sequence())
                .putInt(input.subSequence())
                .putLong(input.arrivalMillis())
                .array();
        return Base64.getEncoder().encodeToString(id);
    }

    /** Adds the partitionKeyFromQuery keys; records whose keys cannot be extracted go to the error output. */
    private List<Output> extract(FirehoseRecords.StoredStream stream, @Nullable String query, List<Output> outputs) {
        JqQuery compiled = query == null ? null : queries.computeIfAbsent(query, JqQuery::compile);
        List<Output> keyed = new ArrayList<>(outputs.size());
        List<ErrorOutput.Failed> failed = new ArrayList<>();
        for (Output output : outputs) {
            StringBuilder why = new StringBuilder();
            Map<String, String> keys = compiled == null ? Map.of() : compiled.keys(output.data(), why);
            if (keys != null) {
                String missing = missing(Prefixes.keys(stream.destination(), "partitionKeyFromQuery"), keys);
                if (missing == null) {
                    missing =
                            missing(Prefixes.keys(stream.destination(), "partitionKeyFromLambda"), output.lambdaKeys());
                }
                if (missing != null) {
                    keys = null;
                    why.append("The partition key ").append(missing).append(" was not found in the record");
                }
            }
            if (keys == null) {
                failed.add(new ErrorOutput.Failed(
                        output.arrivalMillis(),
                        output.data(),
                        1,
                        "DynamicPartitioning.MetadataExtractionFailed",
                        why.toString(),
                        Map.of()));
            } else {
                keyed.add(new Output(
                        output.sequence(), output.arrivalMillis(), output.data(), keys, output.lambdaKeys()));
            }
        }
        writeFailed(stream, PARTITIONING_FAILED, failed);
        return keyed;
    }

    private static @Nullable String missing(List<String> needed, Map<String, String> keys) {
        for (String key : needed) {
            if (!keys.containsKey(key)) {
                return key;
            }
        }
        return null;
    }

    private void writeFailed(FirehoseRecords.StoredStream stream, String type, List<ErrorOutput.Failed> failed) {
        if (!failed.isEmpty()) {
            errors.write(stream, type, failed);
        }
    }
}
