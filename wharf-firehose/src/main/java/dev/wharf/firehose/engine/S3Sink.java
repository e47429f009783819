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

    /** A sink without a record pipeline, for staging records that need none; a stream with processors is refused. */
    S3Sink(DeliveryStreamStore store, ObjectWritePort objects, RandomGenerator random, String region) {
        this.store = store;
        this.objects = objects;
        this.random = random;
        this.region = region;
        this.pipeline = null;
    }

    S3Sink(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            RandomGenerator random,
            String region,
            RecordPipeline pipeline) {
        this.store = store;
        this.objects = objects;
        this.random = random;
        this.region = region;
        this.pipeline = pipeline;
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
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
