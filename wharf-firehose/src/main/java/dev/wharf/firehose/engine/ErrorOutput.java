package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.s3.api.ObjectWritePort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes the records that a delivery could not deliver (a transformation that failed them, a format conversion that
 * could not parse them, a destination that refused them past its retries) to the stream's S3 bucket under its {@code
 * ErrorOutputPrefix}, as Firehose does: one JSON document per record, each on its own line, with the record's data in
 * base64 as {@code rawData}, compressed with the destination's CompressionFormat.
 *
 * <p>A call writes one object; the caller bounds the records it passes to one buffer's worth. Thread-safe.
 */
final class ErrorOutput {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * A record that failed, with why.
     *
     * @param arrivalMillis when the record arrived, in epoch millis
     * @param data the record's data as it was put (or as the transformation returned it)
     * @param attemptsMade how many times its delivery or processing was tried
     * @param errorCode the error's code, such as {@code Lambda.FunctionError} or {@code
     *     DataFormatConversion.ParseError}
     * @param extra members of the error type's document beyond the common ones ({@code lambdaArn}, {@code
     *     dataCatalogTable}, …), in the order they are written
     */
    record Failed(
            long arrivalMillis,
            byte[] data,
            int attemptsMade,
            String errorCode,
            String errorMessage,
            Map<String, ?> extra) {}

    private final ObjectWritePort objects;
    private final Clock clock;
    private final RandomGenerator random;
    private final String region;

    ErrorOutput(ObjectWritePort objects, Clock clock, RandomGenerator random, String region) {
        this.objects = objects;
        this.clock = clock;
        this.random = random;
        this.region = region;
    }

    /**
     * Writes failed records of a stream as one object under its error output prefix.
     *
     * @param type the error output type that {@code !{firehose:error-output-type}} names: {@code processing-failed},
     *     {@code format-conversion-failed}, {@code http-endpoint-failed}, {@code splunk-failed}, {@code
     *     AmazonOpenSearchService-failed}, {@code elasticsearch-failed}
     * @return the object's key
     * @throws RuntimeException when the object was not written, so that the delivery is tried again
     */
    String write(FirehoseRecords.StoredStream stream, String type, List<Failed> failed) {
        if (failed.isEmpty()) {
            throw new IllegalArgumentException("no failed records to write");
        }
        long oldest = Long.MAX_VALUE;
        for (Failed record : failed) {
            oldest = Math.min(oldest, record.arrivalMillis());
        }
        String key = Prefixes.errorKey(
                stream.destination(),
                type,
                stream.name(),
                stream.version(),
                Instant.ofEpochMilli(oldest),
                // Failed records are JSON lines, whatever format the stream's objects are converted to.
                FormatConversion.enabled(stream.destination()) ? "" : Prefixes.extension(stream.destination()),
                random);
        long now = clock.millis();
        boolean conversion = type.equals("format-conversion-failed");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream encoder = Compression.encoder(
                String.valueOf(stream.destination().compressionFormat()), sink, Compression.entryName(key))) {
            for (Failed record : failed) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("attemptsMade", record.attemptsMade());
                document.put("arrivalTimestamp", record.arrivalMillis());
                // Format conversion's documents name the error lastErrorCode and lastErrorMessage, as AWS's do.
                document.put(conversion ? "lastErrorCode" : "errorCode", record.errorCode());
                document.put(conversion ? "lastErrorMessage" : "errorMessage", record.errorMessage());
                document.put("attemptEndingTimestamp", now);
                document.put("rawData", Base64.getEncoder().encodeToString(record.data()));
                document.putAll(record.extra());
                encoder.write(JSON.writeValueAsBytes(document));
                encoder.write('\n');
            }
        } catch (JacksonException e) {
            throw new IllegalStateException("an error output document did not encode", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        objects.write(
                new ObjectWritePort.ObjectWrite(
                        stream.accountId(),
                        region,
                        S3Destinations.bucketOf(stream.destination()),
                        key,
                        "application/octet-stream",
                        null),
                new ByteArrayInputStream(sink.toByteArray()));
        return key;
    }
}
