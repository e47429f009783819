package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.DataFormatConversionConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.SchemaConfiguration;
import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the buffer of a destination that converts its records' format: each record's JSON is read into rows of the
 * table that the destination names ({@link JsonRows}), the rows written as one Parquet or ORC file into a spool file
 * ({@link ColumnarWriter}), and the file written to S3 as one object; records that do not parse or do not fit the
 * table go to the error output as {@code format-conversion-failed}, as Firehose sends them.
 *
 * <p>Records are read from the store a page at a time, so the heap holds a page, the writer's current row group or
 * stripe (at most {@link ColumnarWriter#MAX_BUFFERED_BYTES}) and the failed records not yet written (at most {@link
 * #ERRORS_BYTES}); the spool holds one buffer's object at most, and is deleted once the delivery ends, written or not.
 * Thread-safe: every delivery has its own spool and writer.
 */
final class ConvertedObjects {

    private static final Logger LOG = LoggerFactory.getLogger(ConvertedObjects.class);

    /** The data of failed records held before they are written to the error output as one object. */
    static final long ERRORS_BYTES = 8L * 1024 * 1024;
    /** The failed records held, at most, before they are written. */
    static final int ERRORS_RECORDS = 10_000;
    /** The error code of a record that does not parse or does not fit its table. */
    static final String MALFORMED = "DataFormatConversion.MalformedData";

    private static final int PAGE_RECORDS = 128;
    private static final int PAGE_BYTES = 1024 * 1024;

    /** A page of records that go through the pipeline holds at most this many. */
    private static final int PIPELINE_PAGE_RECORDS = 10_000;

    /** A record read from the store. */
    private record Taken(long sequence, byte[] value) {}

    /** A record's JSON to convert: its data from {@code offset}, {@code length} bytes long. */
    private record Convertible(long arrivalMillis, byte[] data, int offset, int length) {}

    private final DeliveryStreamStore store;
    private final ObjectWritePort objects;
    private final ErrorOutput errors;
    private final GlueTables tables;
    private final RandomGenerator random;
    private final String region;
    private final @Nullable RecordPipeline pipeline;

    /** Converts records after the stream's processors, which {@code pipeline} runs (null: a stream with any is refused). */
    ConvertedObjects(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            ErrorOutput errors,
            GlueTables tables,
            RandomGenerator random,
            String region,
            @Nullable RecordPipeline pipeline) {
        this.store = store;
        this.objects = objects;
        this.errors = errors;
        this.tables = tables;
        this.random = random;
        this.region = region;
        this.pipeline = pipeline;
    }

    /** Delivers records from {@code from} until {@code end}, as {@link Sink#deliver} does. */
    Sink.Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        ExtendedS3DestinationConfiguration destination = stream.destination();
        DataFormatConversionConfiguration conversion =
                Objects.requireNonNull(destination.dataFormatConversionConfiguration());
        String tableName = FormatConversion.tableOf(destination);
        HiveType table = tables.table(tableName);
        JsonRows reader = table == null
                ? null
                : new JsonRows(
                        table,
                        Objects.requireNonNull(Objects.requireNonNull(conversion.inputFormatConfiguration())
                                .deserializer()));
        Map<String, Object> extra = Map.of("dataCatalogTable", catalogTable(stream, conversion));
        long sizeLimit = Buffering.sizeBytes(stream);
        Path spool = null;
        ColumnarWriter writer = null;
        try {
            List<ErrorOutput.Failed> failed = new ArrayList<>();
            long failedBytes = 0;
            long next = from;
            long last = -1;
            long bytes = 0;
            int count = 0;
            long rows = 0;
            boolean processed = RecordPipeline.applies(stream);
            while (bytes < sizeLimit && next < end) {
                List<Taken> page = processed
                        ? page(stream.id(), next, end, PIPELINE_PAGE_RECORDS, RecordPipeline.batchBytes(stream))
                        : page(stream.id(), next, end, PAGE_RECORDS, PAGE_BYTES);
                if (page.isEmpty()) {
                    break;
                }
                List<Taken> taken = new ArrayList<>(page.size());
                for (Taken record : page) {
                    if (bytes >= sizeLimit) {
                        break;
                    }
                    taken.add(record);
                    bytes += FirehoseRecords.sizeOf(record.value());
                    count++;
                    last = record.sequence();
                    next = record.sequence() + 1;
                }
                for (Convertible record : convertibles(stream, taken, processed)) {
                    String problem;
                    if (reader == null) {
                        problem = "The table " + tableName + " is not declared in Wharf's firehose.tables.";
                    } else {
                        try {
                            List<Object[]> converted = reader.rows(record.data(), record.offset(), record.length());
                            if (writer == null) {
                                spool = Files.createTempFile("wharf-firehose-convert-", ".tmp");
                                writer = ColumnarWriter.open(destination, Objects.requireNonNull(table), spool);
                            }
                            for (Object[] row : converted) {
                                writer.write(row);
                            }
                            rows += converted.size();
                            problem = null;
                        } catch (JsonRows.RowException e) {
                            problem = e.getMessage();
                        }
                    }
                    if (problem != null) {
                        byte[] data = java.util.Arrays.copyOfRange(
                                record.data(), record.offset(), record.offset() + record.length());
                        failed.add(new ErrorOutput.Failed(record.arrivalMillis(), data, 1, MALFORMED, problem, extra));
                        failedBytes += record.length();
                        if (failedBytes >= ERRORS_BYTES || failed.size() >= ERRORS_RECORDS) {
                            errors.write(stream, "format-conversion-failed", failed);
                            failed = new ArrayList<>();
                            failedBytes = 0;
                        }
                    }
                }
            }
            if (writer != null) {
                ColumnarWriter done = writer;
                writer = null;
                done.close();
                String key = write(stream, Objects.requireNonNull(spool), oldestMillis);
                LOG.debug("Firehose stream {} delivered {} rows as {}", stream.name(), rows, key);
            }
            if (!failed.isEmpty()) {
                errors.write(stream, "format-conversion-failed", failed);
            }
            return new Sink.Delivered(last, bytes, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close(writer);
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warn("Firehose could not delete its spool file {}: {}", spool, e.getMessage());
                }
            }
        }
    }

    /** Writes the spool file as the stream's object, and returns its key. */
    private String write(FirehoseRecords.StoredStream stream, Path spool, long oldestMillis) throws IOException {
        ExtendedS3DestinationConfiguration destination = stream.destination();
        String key = Prefixes.objectKey(
                destination,
                stream.name(),
                stream.version(),
                Instant.ofEpochMilli(oldestMillis),
                Prefixes.extension(destination),
                random);
        try (InputStream body = Files.newInputStream(spool)) {
            objects.write(
                    new ObjectWritePort.ObjectWrite(
                            stream.accountId(),
                            region,
                            S3Destinations.bucketOf(destination),
                            key,
                            "application/octet-stream",
                            null),
                    body);
        }
        return key;
    }

    /** A writer left open by a failure: closed so that its file can go, whatever it says. */
    private static void close(@Nullable ColumnarWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Firehose's abandoned columnar writer did not close: {}", e.getMessage());
            }
        }
    }

    /**
     * The JSON of the records taken: their data as they were put, or what the stream's processors made of them (the
     * dropped and failed ones are not among them; the pipeline wrote the failed ones to the error output).
     */
    private List<Convertible> convertibles(FirehoseRecords.StoredStream stream, List<Taken> taken, boolean processed) {
        List<Convertible> out = new ArrayList<>(taken.size());
        if (!processed) {
            for (Taken record : taken) {
                out.add(new Convertible(
                        FirehoseRecords.arrivalOf(record.value()),
                        record.value(),
                        Long.BYTES,
                        FirehoseRecords.sizeOf(record.value())));
            }
            return out;
        }
        if (pipeline == null) {
            throw new IllegalStateException("this converter has no record pipeline for " + stream.name());
        }
        List<RecordPipeline.Input> inputs = new ArrayList<>(taken.size());
        for (Taken record : taken) {
            inputs.add(new RecordPipeline.Input(
                    record.sequence(),
                    FirehoseRecords.arrivalOf(record.value()),
                    FirehoseRecords.dataOf(record.value())));
        }
        for (RecordPipeline.Output output : pipeline.process(stream, inputs)) {
            out.add(new Convertible(output.arrivalMillis(), output.data(), 0, output.data().length));
        }
        return out;
    }

    private List<Taken> page(long streamId, long next, long end, int maxRecords, long maxBytes) {
        List<Taken> page = new ArrayList<>();
        long[] pageBytes = {0};
        store.scanRecords(streamId, next, (sequence, value) -> {
            if (sequence >= end) {
                return false;
            }
            page.add(new Taken(sequence, value));
            pageBytes[0] += value.length;
            return page.size() < maxRecords && pageBytes[0] < maxBytes;
        });
        return page;
    }

    /** The {@code dataCatalogTable} member of a format-conversion-failed document. */
    private Map<String, @Nullable Object> catalogTable(
            FirehoseRecords.StoredStream stream, DataFormatConversionConfiguration conversion) {
        SchemaConfiguration schema = Objects.requireNonNull(conversion.schemaConfiguration());
        String catalogRegion = schema.region() == null || schema.region().isEmpty() ? region : schema.region();
        String catalogId =
                schema.catalogId() == null || schema.catalogId().isEmpty() ? stream.accountId() : schema.catalogId();
        Map<String, @Nullable Object> table = new LinkedHashMap<>();
        table.put("catalogId", catalogId);
        table.put("databaseName", schema.databaseName());
        table.put("tableName", schema.tableName());
        table.put("region", catalogRegion);
        table.put("versionId", schema.versionId() == null ? "LATEST" : schema.versionId());
        table.put("catalogArn", "arn:aws:glue:" + catalogRegion + ":" + catalogId + ":catalog");
        return table;
    }
}
