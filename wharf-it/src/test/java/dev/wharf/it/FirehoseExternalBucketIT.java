package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Delivery into an S3-compatible store outside Wharf, named for its buckets in the server's config: a second, real
 * Wharf on its own socket stands for the user's MinIO or Ceph, and the objects are read back from it with the SDK's S3
 * client, while Wharf's own S3 never sees the bucket.
 */
class FirehoseExternalBucketIT {

    private static WharfServer outside;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client outsideS3;
    private static S3Client ownS3;

    @BeforeAll
    static void start() throws Exception {
        outside = LocalWharf.inMemory(WharfConfig.Limits.defaults());
        URI store = URI.create(outside.endpoint());
        WharfConfig.ExternalBucket bucket =
                new WharfConfig.ExternalBucket(store, "us-east-1", "minio", "minio123", true);
        server = LocalWharf.inMemory(
                new WharfConfig.Firehose(Map.of(), Map.of("lake", bucket, "late", bucket, "big", bucket)));
        firehose = FirehoseClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
        outsideS3 = S3DurabilityIT.client(store);
        ownS3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        firehose.close();
        outsideS3.close();
        ownS3.close();
        server.close();
        outside.close();
    }

    private static List<S3Object> awaitObjects(String bucket, int seconds) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        List<S3Object> objects = List.of();
        while (objects.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            try {
                objects = outsideS3.listObjectsV2(b -> b.bucket(bucket)).contents();
            } catch (NoSuchBucketException notYet) {
                objects = List.of();
            }
        }
        return objects;
    }

    private static String putLines(String stream, int count) {
        StringBuilder expected = new StringBuilder();
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = "{\"n\":" + i + "}\n";
            expected.append(line);
            records.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(records))
                        .failedPutCount())
                .isZero();
        return expected.toString();
    }

    @Test
    void aStreamWhoseBucketIsOutsideWritesItsGzipObjectThereAndNotInWharfsOwnS3() throws Exception {
        outsideS3.createBucket(b -> b.bucket("lake"));
        FirehoseSdkIT.create(firehose, "to-lake", "lake", "events/", 1, CompressionFormat.GZIP);
        FirehoseSdkIT.awaitActive(firehose, "to-lake");
        String expected = putLines("to-lake", 100);
        List<S3Object> objects = awaitObjects("lake", 15);
        assertThat(objects).hasSize(1);
        assertThat(objects.getFirst().key())
                .startsWith("events/")
                .contains("/to-lake-1-")
                .endsWith(".gz");
        byte[] body = outsideS3
                .getObjectAsBytes(b -> b.bucket("lake").key(objects.getFirst().key()))
                .asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThatThrownBy(() -> ownS3.headBucket(b -> b.bucket("lake"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void aDeliveryTheOutsideStoreRefusesIsRetriedUntilItsBucketExists() throws Exception {
        FirehoseSdkIT.create(firehose, "to-late", "late", "", 1, CompressionFormat.UNCOMPRESSED);
        FirehoseSdkIT.awaitActive(firehose, "to-late");
        String expected = putLines("to-late", 10);
        // The first delivery, after the one-second interval, finds no bucket and waits Firehose's 5 s to retry.
        Thread.sleep(2_000);
        outsideS3.createBucket(b -> b.bucket("late"));
        List<S3Object> objects = awaitObjects("late", 20);
        assertThat(objects).hasSize(1);
        assertThat(outsideS3
                        .getObjectAsBytes(
                                b -> b.bucket("late").key(objects.getFirst().key()))
                        .asUtf8String())
                .isEqualTo(expected);
    }

    @Test
    void anObjectLargerThanOnePartIsAMultipartUploadToTheOutsideStore() throws Exception {
        outsideS3.createBucket(b -> b.bucket("big"));
        // Delivered when 9 MiB are buffered, never by the interval, so that the object holds every record put.
        FirehoseSdkIT.create(firehose, "to-big", "big", "", 9, 900, CompressionFormat.UNCOMPRESSED);
        FirehoseSdkIT.awaitActive(firehose, "to-big");
        ByteArrayOutputStream put = new ByteArrayOutputStream();
        Random random = new Random(9);
        for (int batch = 0; batch < 3; batch++) {
            if (batch > 0) {
                // The stream's Direct PUT quota is 5 MiB a second: each 3.5 MiB batch waits for it to refill.
                Thread.sleep(1_100);
            }
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                byte[] data = new byte[500 * 1024];
                random.nextBytes(data);
                put.writeBytes(data);
                records.add(Record.builder().data(SdkBytes.fromByteArray(data)).build());
            }
            assertThat(firehose.putRecordBatch(
                                    b -> b.deliveryStreamName("to-big").records(records))
                            .failedPutCount())
                    .isZero();
        }
        List<S3Object> objects = awaitObjects("big", 30);
        assertThat(objects).hasSize(1);
        S3Object object = objects.getFirst();
        assertThat(object.size()).isGreaterThanOrEqualTo(9L * 1024 * 1024);
        assertThat(object.eTag()).endsWith("-2\"");
        byte[] body = outsideS3
                .getObjectAsBytes(b -> b.bucket("big").key(object.key()))
                .asByteArray();
        assertThat(body).isEqualTo(Arrays.copyOf(put.toByteArray(), body.length));
    }
}
