package dev.wharf.firehose.engine;

import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamStore;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Delivers a stream's buffer to its S3 bucket as one object, under Firehose's key names, streamed from the store
 * through the destination's compression by {@link ObjectBody}.
 */
final class S3Sink implements Sink {

    private final DeliveryStreamStore store;
    private final ObjectWritePort objects;
    private final RandomGenerator random;
    private final String region;
    private final @Nullable RecordPipeline pipeline;
    private final @Nullable ConvertedObjects converted;

    /**
     * A sink without a record pipeline or format conversion, for staging records that need none; a stream with
     * processors or conversion is refused.
     */
    S3Sink(DeliveryStreamStore store, ObjectWritePort objects, RandomGenerator random, String region) {
        this(store, objects, random, region, null, null);
    }

    /** A sink whose streams with processors go through {@code pipeline}, and converting ones through {@code converted}. */
    S3Sink(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            RandomGenerator random,
            String region,
            @Nullable RecordPipeline pipeline,
            @Nullable ConvertedObjects converted) {
        this.store = store;
        this.objects = objects;
        this.random = random;
        this.region = region;
        this.pipeline = pipeline;
        this.converted = converted;
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        if (FormatConversion.enabled(stream.destination())) {
            if (converted == null) {
                throw new IllegalStateException("this sink converts no format, as " + stream.name() + " needs");
            }
            // JSON to Parquet or ORC: one object of the buffer's rows, failed records to the error output.
            return converted.deliver(stream, from, end, oldestMillis);
        }
        if (RecordPipeline.applies(stream)) {
            if (pipeline == null) {
                throw new IllegalStateException("this sink has no record pipeline for " + stream.name());
            }
            // Processors or partitions: through the pipeline and spool files, one object per partition.
            return new ProcessedObjects(store, objects, pipeline, random, region).deliver(stream, from, end);
        }
        String extension = Prefixes.extension(stream.destination());
        String key = Prefixes.objectKey(
                stream.destination(),
                stream.name(),
                stream.version(),
                Instant.ofEpochMilli(oldestMillis),
                extension,
                random);
        ObjectBody body = new ObjectBody(
                store,
                stream.id(),
                from,
                end,
                Buffering.sizeBytes(stream),
                String.valueOf(stream.destination().compressionFormat()),
                Compression.entryName(key));
        objects.write(
                new ObjectWritePort.ObjectWrite(
                        stream.accountId(),
                        region,
                        S3Destinations.bucketOf(stream.destination()),
                        key,
                        "application/octet-stream",
                        null),
                body);
        return new Delivered(body.lastSequence(), body.bytes(), body.count());
    }
}
