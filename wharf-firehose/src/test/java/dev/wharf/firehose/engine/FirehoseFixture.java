package dev.wharf.firehose.engine;

import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseContext;
import dev.wharf.firehose.api.PutRecordBatchRequest;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StreamRecord;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.ObjectRead;
import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.engine.S3Engine;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.StorageEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A Firehose engine over the memory store, delivering into a real S3 engine over the same store, with a clock that
 * only the test moves and deliveries that run only when the test asks ({@link #deliver()}).
 */
final class FirehoseFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-12-02T17:04:05.123Z");
    static final FirehoseContext ALICE = new FirehoseContext("111111111111", "us-east-1");
    static final S3Context ALICE_S3 = new S3Context("111111111111", "AKIDALICE", "us-east-1");
    static final String ROLE = "arn:aws:iam::111111111111:role/firehose";

    final TestClock clock = new TestClock(START);
    final StorageEngine storage;
    final S3Engine s3;
    FirehoseEngine firehose;

    FirehoseFixture() {
        this(new MemoryStorageEngine());
    }

    FirehoseFixture(StorageEngine storage) {
        this.storage = storage;
        this.s3 = new S3Engine(storage.objects(), clock);
        this.firehose = open();
    }

    /** A new engine over the same store, as after a restart. */
    FirehoseEngine open() {
        return new FirehoseEngine(
                storage.deliveryStreams(),
                s3,
                clock,
                FirehoseConfig.DEFAULT.withTransition(Duration.ofSeconds(1)),
                "us-east-1",
                Runnable::run,
                new Random(7),
                false);
    }

    void bucket(String name) {
        s3.createBucket(ALICE_S3, new BucketShapes.CreateBucketRequest(name, null));
    }

    static ExtendedS3DestinationConfiguration extended(
            String bucket,
            @Nullable String prefix,
            @Nullable Integer sizeMb,
            @Nullable Integer seconds,
            String compression) {
        return new ExtendedS3DestinationConfiguration(
                ROLE,
                "arn:aws:s3:::" + bucket,
                prefix,
                prefix != null && prefix.contains("!{") ? "errors/!{firehose:error-output-type}/" : null,
                sizeMb == null && seconds == null ? null : new BufferingHints(sizeMb, seconds),
                compression,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static CreateDeliveryStreamRequest create(String name, ExtendedS3DestinationConfiguration destination) {
        return new CreateDeliveryStreamRequest(
                name,
                null,
                null,
                null,
                null,
                null,
                destination,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Creates an active stream: the clock passes its CREATING time. */
    void active(String name, ExtendedS3DestinationConfiguration destination) {
        firehose.createDeliveryStream(ALICE, create(name, destination));
        clock.advance(Duration.ofSeconds(1));
    }

    String put(String stream, String data) {
        return String.valueOf(firehose.putRecord(
                        ALICE, new PutRecordRequest(stream, new StreamRecord(data.getBytes(StandardCharsets.UTF_8))))
                .recordId());
    }

    void putBatch(String stream, List<byte[]> data) {
        firehose.putRecordBatch(
                ALICE,
                new PutRecordBatchRequest(
                        stream, data.stream().map(StreamRecord::new).toList()));
    }

    void deliver() {
        firehose.runDeliveries();
    }

    List<BucketShapes.ListedObject> objects(String bucket) {
        return s3.listObjectsV2(
                        ALICE_S3,
                        new BucketShapes.ListObjectsV2Request(bucket, null, null, null, null, null, null, null))
                .contents();
    }

    byte[] body(String bucket, String key) {
        ObjectRead read = s3.getObject(
                ALICE_S3,
                new ObjectShapes.GetObjectRequest(
                        bucket, key, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null),
                false);
        try (InputStream in = java.util.Objects.requireNonNull(read.body())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        firehose.close();
        storage.close();
    }
}
