package dev.wharf.firehose.engine;

import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Delivers a stream's buffer through the {@link RecordPipeline} to S3: it reads the records from the store a batch at a
 * time, runs each batch through the pipeline, and writes what comes out, encoded with the destination's compression, to
 * a spool file per partition (one when the stream is not partitioned); then it writes one object per partition from its
 * spool. So the heap holds one batch (at most the Lambda processor's buffer) and never the whole buffer.
 *
 * <p>A delivery takes records until their data reach the buffer's size, or until the next record's partition would be
 * the {@link Partitioning#PARTITIONS_MAX}+1th: the records after it wait for the next delivery. Not thread-safe: one
 * instance per delivery.
 */
final class ProcessedObjects {

    /** One partition's spool: its keys, the key of its object, and the encoded object so far. */
    private static final class Part {
        final String key;
        final Path file;
        final OutputStream encoder;

        Part(String key, Path file, OutputStream encoder) {
            this.key = key;
            this.file = file;
            this.encoder = encoder;
        }
    }

    private final DeliveryStreamStore store;
    private final ObjectWritePort objects;
    private final RecordPipeline pipeline;
    private final RandomGenerator random;
    private final String region;
    private final Map<String, Part> parts = new LinkedHashMap<>();

    ProcessedObjects(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            RecordPipeline pipeline,
            RandomGenerator random,
            String region) {
        this.store = store;
        this.objects = objects;
        this.pipeline = pipeline;
        this.random = random;
        this.region = region;
    }

    /** Delivers records from {@code from} until {@code end}, as {@link Sink#deliver} does. */
    Sink.Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end) {
        long sizeLimit = Buffering.sizeBytes(stream);
        long batchLimit = RecordPipeline.batchBytes(stream);
        long next = from;
        long last = -1;
        long bytes = 0;
        int count = 0;
        try {
            while (bytes < sizeLimit && next < end) {
                List<RecordPipeline.Input> batch = read(stream, next, end, Math.min(batchLimit, sizeLimit - bytes));
                if (batch.isEmpty()) {
                    break;
                }
                long stop = spool(stream, pipeline.process(stream, batch));
                for (RecordPipeline.Input input : batch) {
                    if (input.sequence() >= stop) {
                        break;
                    }
                    bytes += input.data().length;
                    count++;
                    last = input.sequence();
                }
                next = last + 1;
                if (stop != Long.MAX_VALUE) {
                    // The record at stop would open a partition past the limit: it and those after it wait.
                    break;
                }
            }
            for (Part part : parts.values()) {
                part.encoder.close();
                try (InputStream body = Files.newInputStream(part.file)) {
                    objects.write(
                            new ObjectWritePort.ObjectWrite(
                                    stream.accountId(),
                                    region,
                                    S3Destinations.bucketOf(stream.destination()),
                                    part.key,
                                    "application/octet-stream",
                                    null),
                            body);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            discard();
        }
        return new Sink.Delivered(last, bytes, count);
    }

    /** Reads the next batch: records from {@code next}, until their data reach {@code limit} (one at least). */
    private List<RecordPipeline.Input> read(FirehoseRecords.StoredStream stream, long next, long end, long limit) {
        List<RecordPipeline.Input> batch = new ArrayList<>();
        long[] taken = {0};
        store.scanRecords(stream.id(), next, (sequence, value) -> {
            if (sequence >= end) {
                return false;
            }
            int size = FirehoseRecords.sizeOf(value);
            if (!batch.isEmpty() && taken[0] + size > limit) {
                return false;
            }
            batch.add(new RecordPipeline.Input(
                    sequence, FirehoseRecords.arrivalOf(value), FirehoseRecords.dataOf(value)));
            taken[0] += size;
            return taken[0] < limit;
        });
        return batch;
    }

    /**
     * Appends the pipeline's records to their partitions' spools.
     *
     * @return the sequence of the first record that would open a partition past {@link Partitioning#PARTITIONS_MAX},
     *     which is not spooled, nor any after it; {@link Long#MAX_VALUE} when every record was
     */
    private long spool(FirehoseRecords.StoredStream stream, List<RecordPipeline.Output> outputs) throws IOException {
        for (RecordPipeline.Output output : outputs) {
            String partition = output.queryKeys() + "|" + output.lambdaKeys();
            Part part = parts.get(partition);
            if (part == null && parts.size() >= Partitioning.PARTITIONS_MAX) {
                return output.sequence();
            }
            if (part == null) {
                // Records arrive in order, so a partition's first record is its oldest, which names its object.
                String key = Prefixes.objectKey(
                        stream.destination(),
                        stream.name(),
                        stream.version(),
                        Instant.ofEpochMilli(output.arrivalMillis()),
                        Prefixes.extension(stream.destination()),
                        random,
                        output.queryKeys(),
                        output.lambdaKeys());
                Path file = Files.createTempFile("wharf-firehose-", ".spool");
                OutputStream sink = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                part = new Part(
                        key,
                        file,
                        Compression.encoder(
                                String.valueOf(stream.destination().compressionFormat()),
                                sink,
                                Compression.entryName(key)));
                parts.put(partition, part);
            }
            part.encoder.write(output.data());
        }
        return Long.MAX_VALUE;
    }

    private void discard() {
        for (Part part : parts.values()) {
            try {
                part.encoder.close();
            } catch (IOException e) {
                // The file is removed below all the same.
            }
            try {
                Files.deleteIfExists(part.file);
            } catch (IOException e) {
                // A spool left in the temporary directory holds nothing that is not in the store.
            }
        }
        parts.clear();
    }
}
