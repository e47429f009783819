package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A delivery stream whose source is a Kinesis stream, through the SDK for Java v2: records put with the Kinesis client
 * after the delivery stream is created are found in the object it delivers to Wharf's S3; and records put before a
 * SIGKILL are all delivered after the restart, each once.
 */
@WharfTest
class FirehoseKinesisSourceIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** Creates a Kinesis stream and waits for it to be ACTIVE; answers its ARN. */
    static String stream(KinesisClient kinesis, String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            var summary = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            if (summary.streamStatus() == StreamStatus.ACTIVE || Instant.now().isAfter(deadline)) {
                return summary.streamARN();
            }
            Thread.sleep(100);
        }
    }

    static void createSourced(FirehoseClient firehose, String name, String streamArn, String bucket, int seconds) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(
                        k -> k.kinesisStreamARN(streamArn).roleARN(ROLE))
                .extendedS3DestinationConfiguration(
                        d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket).bufferingHints(h -> h.sizeInMBs(128)
                                .intervalInSeconds(seconds))));
    }

    static void put(KinesisClient kinesis, String stream, String line) {
        kinesis.putRecord(b -> b.streamName(stream).partitionKey(line).data(SdkBytes.fromUtf8String(line + "\n")));
    }

    /** Every line of every object in the bucket, as often as it was delivered. */
    static List<String> deliveredLines(S3Client s3, String bucket) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .toList()) {
            String body = new String(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray(), StandardCharsets.UTF_8);
            for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    static List<String> awaitLines(S3Client s3, String bucket, List<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        List<String> lines = deliveredLines(s3, bucket);
        while (!lines.containsAll(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            lines = deliveredLines(s3, bucket);
        }
        return lines;
    }

    @Test
    void recordsPutToKinesisAreDeliveredToS3(WharfHandle wharf) throws Exception {
        URI endpoint = URI.create(wharf.endpoint().toString());
        try (KinesisClient kinesis = kinesis(endpoint);
                FirehoseClient firehose = FirehoseDurabilityIT.client(endpoint);
                S3Client s3 = S3DurabilityIT.client(endpoint)) {
            s3.createBucket(b -> b.bucket("kinesis-sourced"));
            String arn = stream(kinesis, "sdk-source", 2);
            put(kinesis, "sdk-source", "before-the-delivery-stream");
            Thread.sleep(5);
            createSourced(firehose, "sdk-sourced", arn, "kinesis-sourced", 1);
            DeliveryStreamDescription description = FirehoseSdkIT.awaitActive(firehose, "sdk-sourced");
            assertThat(description.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
            KinesisStreamSourceDescription source = description.source().kinesisStreamSourceDescription();
            assertThat(source.kinesisStreamARN()).isEqualTo(arn);
            assertThat(source.roleARN()).isEqualTo(ROLE);
            assertThat(source.deliveryStartTimestamp()).isEqualTo(description.createTimestamp());

            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                lines.add("record-" + i);
                put(kinesis, "sdk-source", "record-" + i);
            }

            List<String> delivered = awaitLines(s3, "kinesis-sourced", lines);
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(lines);

            InvalidArgumentException refused = catchThrowableOfType(
                    InvalidArgumentException.class,
                    () -> firehose.putRecord(b ->
                            b.deliveryStreamName("sdk-sourced").record(r -> r.data(SdkBytes.fromUtf8String("x")))));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo("This operation is not permitted on KinesisStreamAsSource delivery stream type.");
            assertThat(refused.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void recordsPutBeforeASigkillAreDeliveredOnceAfterTheRestart(@TempDir Path dataDir) throws Exception {
        List<String> lines = new ArrayList<>();
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (KinesisClient kinesis = kinesis(first.endpoint());
                FirehoseClient firehose = FirehoseDurabilityIT.client(first.endpoint());
                S3Client s3 = S3DurabilityIT.client(first.endpoint())) {
            s3.createBucket(b -> b.bucket("kinesis-kept"));
            String arn = stream(kinesis, "kept-source", 2);
            // An interval longer than the run: nothing is delivered before the kill.
            createSourced(firehose, "kept-sourced", arn, "kinesis-kept", 8);
            FirehoseSdkIT.awaitActive(firehose, "kept-sourced");
            for (int i = 0; i < 200; i++) {
                lines.add("kept-" + i);
                put(kinesis, "kept-source", "kept-" + i);
                if (i == 100) {
                    // Half the records are read before the kill, half after the restart.
                    Thread.sleep(1_500);
                }
            }
            assertThat(deliveredLines(s3, "kinesis-kept")).isEmpty();
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (S3Client s3 = S3DurabilityIT.client(second.endpoint())) {
            List<String> delivered = awaitLines(s3, "kinesis-kept", lines);
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(lines);
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
