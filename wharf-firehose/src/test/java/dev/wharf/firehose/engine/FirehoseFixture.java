package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DeleteDeliveryStreamRequest;
import dev.wharf.firehose.api.DeliveryStreamDescription;
import dev.wharf.firehose.api.DescribeDeliveryStreamRequest;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseContext;
import dev.wharf.firehose.api.FirehoseError;
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
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

    static final FirehoseContext BOB = new FirehoseContext("222222222222", "us-east-1");
    /** The settings of the fixture's engines: AWS's defaults with a CREATING time of one second. */
    static final FirehoseConfig CONFIG = FirehoseConfig.DEFAULT.withTransition(Duration.ofSeconds(1));

    final TestClock clock;
    private final TableLoader tables;
    final StorageEngine storage;
    final S3Engine s3;
    final FirehoseConfig config;
    final FirehoseFunctions functions;
    final EndpointPort endpoints;
    FirehoseEngine firehose;

    FirehoseFixture() {
        this(new MemoryStorageEngine(), CONFIG);
    }

    FirehoseFixture(FirehoseConfig config) {
        this(new MemoryStorageEngine(), config);
    }

    FirehoseFixture(StorageEngine storage) {
        this(storage, CONFIG);
    }

    FirehoseFixture(StorageEngine storage, FirehoseConfig config) {
        this(storage, config, FirehoseFunctions.NONE);
    }

    /** A fixture whose Lambda processors invoke {@code functions}. */
    FirehoseFixture(FirehoseFunctions functions) {
        this(new MemoryStorageEngine(), CONFIG, functions);
    }

    FirehoseFixture(StorageEngine storage, FirehoseConfig config, FirehoseFunctions functions) {
        this(storage, config, functions, EndpointPort.NONE);
    }

    /** A fixture whose HTTP endpoint destinations post through {@code endpoints}, on the given clock. */
    FirehoseFixture(EndpointPort endpoints, TestClock clock) {
        this(new MemoryStorageEngine(), CONFIG, FirehoseFunctions.NONE, endpoints, clock);
    }

    FirehoseFixture(StorageEngine storage, FirehoseConfig config, FirehoseFunctions functions, EndpointPort endpoints) {
        this(storage, config, functions, endpoints, new TestClock(START));
    }

    FirehoseFixture(
            StorageEngine storage,
            FirehoseConfig config,
            FirehoseFunctions functions,
            EndpointPort endpoints,
            TestClock clock) {
        this(storage, config, functions, endpoints, TableLoader.NONE, clock);
    }

    /** A fixture whose Redshift destinations load through {@code tables}, on the given clock. */
    FirehoseFixture(FirehoseConfig config, TableLoader tables, TestClock clock) {
        this(new MemoryStorageEngine(), config, FirehoseFunctions.NONE, EndpointPort.NONE, tables, clock);
    }

    FirehoseFixture(
            StorageEngine storage,
            FirehoseConfig config,
            FirehoseFunctions functions,
            EndpointPort endpoints,
            TableLoader tables,
            TestClock clock) {
        this.tables = tables;
        this.clock = clock;
        this.endpoints = endpoints;
        this.storage = storage;
        this.config = config;
        this.functions = functions;
        this.s3 = new S3Engine(storage.objects(), clock);
        this.firehose = open();
    }

    /** A new engine over the same store, as after a restart. */
    FirehoseEngine open() {
        return new FirehoseEngine(
                storage.deliveryStreams(),
                s3,
                clock,
                config,
                "us-east-1",
                Runnable::run,
                new Random(7),
                false,
                FirehosePorts.NONE
                        .withFunctions(functions)
                        .withEndpoints(endpoints)
                        .withTables(tables));
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

    /** Deletes a stream of Alice's. */
    void delete(String name) {
        firehose.deleteDeliveryStream(ALICE, new DeleteDeliveryStreamRequest(name, null));
    }

    /** A stream of Alice's, as DescribeDeliveryStream shows it. */
    DeliveryStreamDescription describe(String name) {
        return Objects.requireNonNull(
                firehose.describeDeliveryStream(ALICE, new DescribeDeliveryStreamRequest(name, null, null))
                        .deliveryStreamDescription());
    }

    /** The records of a stream that wait in the store, from the first sequence on. */
    int storedRecords(long streamId) {
        int[] count = {0};
        storage.deliveryStreams().scanRecords(streamId, 0, (sequence, value) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    /** A destination into a bucket of Alice's with nothing but its role and bucket given. */
    static ExtendedS3DestinationConfiguration bare(String bucket) {
        return extended(bucket, null, null, null, null, null);
    }

    /** An Extended S3 destination with the members that the control plane checks most. */
    static ExtendedS3DestinationConfiguration extended(
            String bucket,
            @Nullable String prefix,
            @Nullable String errorPrefix,
            @Nullable BufferingHints hints,
            @Nullable String compression,
            @Nullable String backupMode) {
        return new ExtendedS3DestinationConfiguration(
                ROLE,
                "arn:aws:s3:::" + bucket,
                prefix,
                errorPrefix,
                hints,
                compression,
                null,
                null,
                null,
                backupMode,
                null,
                null,
                null,
                null,
                null);
    }

    /** A record of the api with every member absent, for the shapes a test only needs to name. */
    static <T extends Record> T empty(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an empty " + type.getSimpleName(), e);
        }
    }

    /** Asserts that a call fails with exactly this AWS error code and message. */
    static void assertError(ThrowingCallable call, FirehoseError error, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
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
