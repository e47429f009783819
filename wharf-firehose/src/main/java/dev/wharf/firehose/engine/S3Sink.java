package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.S3DestinationConfiguration;
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
        Delivered delivered = delivered(stream, from, end, oldestMillis);
        S3DestinationConfiguration backup = stream.destination().s3BackupConfiguration();
        if (S3Destinations.backsUp(stream.destination()) && backup != null && delivered.lastSequence() >= from) {
            backUp(
                    new S3Sink(store, objects, random, region),
                    stream,
                    backup,
                    from,
                    delivered.lastSequence(),
                    oldestMillis);
        }
        return delivered;
    }

    /**
     * Writes the records from {@code from} to {@code last}, as they were put, to a destination's source record backup:
     * objects of at most the backup's buffer size, named and compressed as an S3 delivery to the backup location would
     * be. A failure fails the delivery, which is tried again whole (at least once, as Firehose delivers).
     *
     * @param plain a sink without processors or conversion, writing to the backup's bucket
     */
    static void backUp(
            Sink plain,
            FirehoseRecords.StoredStream stream,
            S3DestinationConfiguration backup,
            long from,
            long last,
            long oldestMillis) {
        FirehoseRecords.StoredStream view = stream.viewing(S3Destinations.created("s3BackupConfiguration", backup));
        long next = from;
        // Each object takes at least one record, so the loop ends within the records delivered.
        while (next <= last) {
            Delivered part = plain.deliver(view, next, last + 1, oldestMillis);
            if (part.lastSequence() < next) {
                throw new IllegalStateException("the source record backup of " + stream.name() + " took no record");
            }
            next = part.lastSequence() + 1;
        }
    }

    private Delivered delivered(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
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
