package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose through the SDK for Java v2: every action against a real Wharf, and delivery into Wharf's S3 read back
 * through the S3 client, with GZIP, the default key names and the moment of delivery.
 */
@WharfTest
class FirehoseSdkIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        URI endpoint = URI.create(wharf.endpoint().toString());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .build();
        s3 = S3DurabilityIT.client(endpoint);
    }

    @AfterAll
    static void disconnect() {
        firehose.close();
        s3.close();
    }

    static DeliveryStreamDescription awaitActive(FirehoseClient client, String name) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            DeliveryStreamDescription description = client.describeDeliveryStream(b -> b.deliveryStreamName(name))
                    .deliveryStreamDescription();
            if (description.deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE
                    || Instant.now().isAfter(deadline)) {
                return description;
            }
            Thread.sleep(100);
        }
    }

    static void create(
            FirehoseClient client,
            String name,
            String bucket,
            String prefix,
            int seconds,
            CompressionFormat compression) {
        create(client, name, bucket, prefix, 1, seconds, compression);
    }

    static void create(
            FirehoseClient client,
            String name,
            String bucket,
            String prefix,
            int sizeMb,
            int seconds,
            CompressionFormat compression) {
        client.createDeliveryStream(
                b -> b.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix(prefix)
                        .compressionFormat(compression)
                        .bufferingHints(h -> h.sizeInMBs(sizeMb).intervalInSeconds(seconds))));
    }

    @Test
    void aStreamIsCreatingThenActiveAndDescribesItsDestinationAsAwsDoes() throws Exception {
        String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("sdk-described")
                        .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::anywhere")))
                .deliveryStreamARN();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/sdk-described");
        assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-described"))
                        .deliveryStreamDescription()
                        .deliveryStreamStatus())
                .isEqualTo(DeliveryStreamStatus.CREATING);
        DeliveryStreamDescription description = awaitActive(firehose, "sdk-described");
        assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(description.versionId()).isEqualTo("1");
        assertThat(description.deliveryStreamTypeAsString()).isEqualTo("DirectPut");
        assertThat(description.hasMoreDestinations()).isFalse();
        assertThat(description.deliveryStreamEncryptionConfiguration().statusAsString())
                .isEqualTo("DISABLED");
        assertThat(description.destinations()).hasSize(1);
        var destination = description.destinations().getFirst();
        assertThat(destination.destinationId()).isEqualTo("destinationId-000000000001");
        assertThat(destination.s3DestinationDescription().bufferingHints().sizeInMBs())
                .isEqualTo(5);
        assertThat(destination.s3DestinationDescription().bufferingHints().intervalInSeconds())
                .isEqualTo(300);
        assertThat(destination.extendedS3DestinationDescription().compressionFormat())
                .isEqualTo(CompressionFormat.UNCOMPRESSED);
        assertThat(destination.extendedS3DestinationDescription().s3BackupModeAsString())
                .isEqualTo("Disabled");
        assertThat(destination
                        .extendedS3DestinationDescription()
                        .encryptionConfiguration()
                        .noEncryptionConfigAsString())
                .isEqualTo("NoEncryption");

        assertThat(firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames())
                .contains("sdk-described");
        firehose.updateDestination(b -> b.deliveryStreamName("sdk-described")
                .currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001")
                .s3DestinationUpdate(u -> u.prefix("updated/")));
        DeliveryStreamDescription updated = firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-described"))
                .deliveryStreamDescription();
        assertThat(updated.versionId()).isEqualTo("2");
        assertThat(updated.lastUpdateTimestamp()).isNotNull();
        assertThat(updated.destinations().getFirst().s3DestinationDescription().prefix())
                .isEqualTo("updated/");
        ConcurrentModificationException stale = catchThrowableOfType(
                ConcurrentModificationException.class,
                () -> firehose.updateDestination(b -> b.deliveryStreamName("sdk-described")
                        .currentDeliveryStreamVersionId("1")
                        .destinationId("destinationId-000000000001")
                        .s3DestinationUpdate(u -> u.prefix("again/"))));
        assertThat(stale.statusCode()).isEqualTo(400);

        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("sdk-described"));
        assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-described"))
                        .deliveryStreamDescription()
                        .deliveryStreamStatus())
                .isEqualTo(DeliveryStreamStatus.DELETING);
    }

    @Test
    void errorsHaveAwsCodesAndMessages() throws Exception {
        ResourceNotFoundException missing = catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-missing")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Firehose sdk-missing under account 000000000000 not found.");
        assertThat(missing.statusCode()).isEqualTo(400);

        FirehoseException invalid = catchThrowableOfType(
                FirehoseException.class,
                () -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad name")
                        .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))));
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(invalid.awsErrorDetails().errorMessage())
                .isEqualTo("1 validation error detected: Value 'bad name' at 'deliveryStreamName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");

        create(firehose, "sdk-twice", "anywhere", "", 60, CompressionFormat.UNCOMPRESSED);
        ResourceInUseException twice = catchThrowableOfType(
                ResourceInUseException.class,
                () -> create(firehose, "sdk-twice", "anywhere", "", 60, CompressionFormat.UNCOMPRESSED));
        assertThat(twice.awsErrorDetails().errorMessage())
                .isEqualTo("Firehose sdk-twice under accountId 000000000000 already exists");

        InvalidArgumentException badPrefix = catchThrowableOfType(
                InvalidArgumentException.class,
                () -> create(firehose, "sdk-prefix", "anywhere", "!{nope:x}/", 60, CompressionFormat.GZIP));
        assertThat(badPrefix.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");

        awaitActive(firehose, "sdk-twice");
        List<Record> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Record.builder().data(SdkBytes.fromUtf8String("x")).build());
        }
        FirehoseException batch = catchThrowableOfType(
                FirehoseException.class,
                () -> firehose.putRecordBatch(
                        b -> b.deliveryStreamName("sdk-twice").records(tooMany)));
        assertThat(batch.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(batch.awsErrorDetails().errorMessage())
                .startsWith("1 validation error detected: Value '")
                .endsWith("' at 'records' failed to satisfy constraint: Member must have length less than or equal"
                        + " to 500");
    }

    @Test
    void tagsAndEncryptionAreKept() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("sdk-tagged")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::anywhere"))
                .tags(t -> t.key("team").value("data")));
        awaitActive(firehose, "sdk-tagged");
        firehose.tagDeliveryStream(
                b -> b.deliveryStreamName("sdk-tagged").tags(t -> t.key("env").value("ci")));
        var tags = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("sdk-tagged"));
        assertThat(tags.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("env=ci", "team=data");
        assertThat(tags.hasMoreTags()).isFalse();
        firehose.untagDeliveryStream(b -> b.deliveryStreamName("sdk-tagged").tagKeys("env"));
        assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("sdk-tagged"))
                        .tags())
                .extracting(t -> t.key())
                .containsExactly("team");

        firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sdk-tagged")
                .deliveryStreamEncryptionConfigurationInput(e -> e.keyType("AWS_OWNED_CMK")));
        Instant deadline = Instant.now().plusSeconds(10);
        String status;
        do {
            Thread.sleep(100);
            status = firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-tagged"))
                    .deliveryStreamDescription()
                    .deliveryStreamEncryptionConfiguration()
                    .statusAsString();
        } while (!status.equals("ENABLED") && Instant.now().isBefore(deadline));
        assertThat(status).isEqualTo("ENABLED");
        assertThat(firehose.putRecord(b -> b.deliveryStreamName("sdk-tagged")
                                .record(r -> r.data(SdkBytes.fromUtf8String("secret"))))
                        .encrypted())
                .isTrue();
        firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sdk-tagged"));
        assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("sdk-tagged"))
                        .deliveryStreamDescription()
                        .deliveryStreamEncryptionConfiguration()
                        .statusAsString())
                .isIn("DISABLING", "DISABLED");
    }

    @Test
    void recordsAreDeliveredIntoS3AsOneGzipObjectWhenTheIntervalHasPassed() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-delivered"));
        create(firehose, "sdk-gzip", "sdk-delivered", "events/", 2, CompressionFormat.GZIP);
        awaitActive(firehose, "sdk-gzip");
        Instant first = Instant.now();
        firehose.putRecord(
                b -> b.deliveryStreamName("sdk-gzip").record(r -> r.data(SdkBytes.fromUtf8String("{\"n\":0}\n"))));
        List<Record> records = new ArrayList<>();
        StringBuilder expected = new StringBuilder("{\"n\":0}\n");
        for (int i = 1; i <= 100; i++) {
            String line = "{\"n\":" + i + "}\n";
            expected.append(line);
            records.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
        }
        PutRecordBatchResponse batch =
                firehose.putRecordBatch(b -> b.deliveryStreamName("sdk-gzip").records(records));
        assertThat(batch.failedPutCount()).isZero();
        assertThat(batch.requestResponses()).hasSize(100).allSatisfy(entry -> assertThat(entry.recordId())
                .isNotBlank());
        assertThat(s3.listObjectsV2(b -> b.bucket("sdk-delivered")).contents())
                .as("nothing before the interval")
                .isEmpty();

        List<S3Object> objects = List.of();
        Instant deadline = Instant.now().plusSeconds(15);
        while (objects.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            objects = s3.listObjectsV2(b -> b.bucket("sdk-delivered")).contents();
        }
        Instant delivered = Instant.now();
        assertThat(objects).hasSize(1);
        assertThat(Duration.between(first, delivered)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        String key = objects.getFirst().key();
        assertThat(key).matches("events/\\d{4}/\\d{2}/\\d{2}/\\d{2}/sdk-gzip-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}\\.gz");
        byte[] body =
                s3.getObjectAsBytes(b -> b.bucket("sdk-delivered").key(key)).asByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        }
    }

    @Test
    void aBatchBeyondTheStreamsThroughputQuotaFailsItsLastRecordsWithServiceUnavailable() throws Exception {
        create(firehose, "sdk-quota", "sdk-quota", "", 128, 900, CompressionFormat.UNCOMPRESSED);
        awaitActive(firehose, "sdk-quota");
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(Record.builder()
                    .data(SdkBytes.fromByteArray(new byte[10_000]))
                    .build());
        }
        // 5 MiB a second in us-east-1: the first 4,000,000 bytes fit, the second batch only in part.
        assertThat(firehose.putRecordBatch(
                                b -> b.deliveryStreamName("sdk-quota").records(records))
                        .failedPutCount())
                .isZero();
        PutRecordBatchResponse second =
                firehose.putRecordBatch(b -> b.deliveryStreamName("sdk-quota").records(records));
        assertThat(second.failedPutCount()).isBetween(1, 399);
        int accepted = 400 - second.failedPutCount();
        assertThat(second.requestResponses().subList(0, accepted))
                .allSatisfy(entry -> assertThat(entry.recordId()).isNotNull());
        assertThat(second.requestResponses().subList(accepted, 400)).allSatisfy(entry -> {
            assertThat(entry.recordId()).isNull();
            assertThat(entry.errorCode()).isEqualTo("ServiceUnavailableException");
            assertThat(entry.errorMessage()).startsWith("Slow down.");
        });
    }
}
