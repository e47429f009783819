package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose through a SIGKILL of a real Wharf process (sync store) while writers put records: the buffer holds records
 * that no object has yet when the process dies, and after the restart every acknowledged record is found in the
 * delivered GZIP objects, delivered by the restarted server without any further request to Firehose.
 */
class FirehoseDurabilityIT {

    private static final int WRITERS = 4;
    private static final String BUCKET = "firehose-kept";
    private static final String STREAM = "kept";

    static FirehoseClient client(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void acknowledgedRecordsSurviveSigkillAndAreDeliveredAfterTheRestart(@TempDir Path dataDir) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (FirehoseClient firehose = client(first.endpoint());
                S3Client s3 = S3DurabilityIT.client(first.endpoint())) {
            s3.createBucket(b -> b.bucket(BUCKET));
            // An interval longer than the run and a size it cannot fill: nothing is delivered before the kill, so
            // everything rests on the store and on the restarted server's scheduler.
            FirehoseSdkIT.create(firehose, STREAM, BUCKET, "", 128, 8, CompressionFormat.GZIP);
            FirehoseSdkIT.awaitActive(firehose, STREAM);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(firehose, writer, acknowledged, stop)));
            }
            Thread.sleep(2_500);
            assertThat(s3Objects(s3))
                    .as("nothing delivered before the buffer's interval")
                    .isEmpty();
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged).as("records were acknowledged before the kill").hasSizeGreaterThan(100);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (S3Client s3 = S3DurabilityIT.client(second.endpoint())) {
            Set<String> delivered = new HashSet<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (!delivered.containsAll(acknowledged) && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                delivered.clear();
                for (S3Object object : s3Objects(s3)) {
                    byte[] body = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
                            .asByteArray();
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                            delivered.add(line);
                        }
                    }
                }
            }
            assertThat(delivered).containsAll(acknowledged);
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<S3Object> s3Objects(S3Client s3) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .toList();
    }

    private static void write(FirehoseClient firehose, int writer, Set<String> acknowledged, AtomicBoolean stop) {
        for (int batch = 0; !stop.get() && batch < 100_000; batch++) {
            List<String> lines = new ArrayList<>();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String line = "w" + writer + "-" + batch + "-" + i;
                lines.add(line);
                records.add(Record.builder()
                        .data(SdkBytes.fromUtf8String(line + "\n"))
                        .build());
            }
            try {
                int failed = firehose.putRecordBatch(
                                b -> b.deliveryStreamName(STREAM).records(records))
                        .failedPutCount();
                if (failed == 0) {
                    acknowledged.addAll(lines);
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
