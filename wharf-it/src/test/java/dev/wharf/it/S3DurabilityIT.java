package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 through a SIGKILL of a real Wharf process (sync store) during concurrent uploads, single and multipart: after the
 * restart every acknowledged object is there with its ETag and its bytes, and every object that is there is whole, so
 * an upload the kill cut short left nothing visible.
 */
class S3DurabilityIT {

    private static final int WRITERS = 4;
    private static final String BUCKET = "kept";

    static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** The body of a key, from its name alone, so that any object read back can be checked without a record. */
    static byte[] body(String key) {
        Random random = new Random(key.hashCode());
        byte[] bytes = new byte[16 * 1024 + random.nextInt(768 * 1024)];
        random.nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void acknowledgedObjectsSurviveSigkillAndCutUploadsLeaveNothing(@TempDir Path dataDir) throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (S3Client s3 = client(first.endpoint())) {
            s3.createBucket(b -> b.bucket(BUCKET));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(s3, writer, acknowledged, stop)));
            }
            writers.add(Thread.ofPlatform().start(() -> writeMultipart(s3, acknowledged, stop)));
            Thread.sleep(3_000);
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged).as("uploads were acknowledged before the kill").hasSizeGreaterThan(WRITERS);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (S3Client s3 = client(second.endpoint())) {
            List<S3Object> listed = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                    .toList();
            Map<String, String> present = new java.util.HashMap<>();
            for (S3Object object : listed) {
                byte[] read = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
                        .asByteArray();
                byte[] expected = object.key().startsWith("mp-") ? multipartBody(object.key()) : body(object.key());
                assertThat(md5(read)).as("object %s is whole", object.key()).isEqualTo(md5(expected));
                present.put(object.key(), object.eTag());
            }
            assertThat(present).containsAllEntriesOf(acknowledged);
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size())
                    .isLessThanOrEqualTo(1);
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void write(S3Client s3, int writer, Map<String, String> acknowledged, AtomicBoolean stop) {
        for (int i = 0; !stop.get() && i < 100_000; i++) {
            String key = "w" + writer + "/" + i;
            try {
                String eTag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body(key)))
                        .eTag();
                acknowledged.put(key, eTag);
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    static byte[] multipartBody(String key) {
        Random random = new Random(key.hashCode());
        byte[] bytes = new byte[5 * 1024 * 1024 + 1000];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void writeMultipart(S3Client s3, Map<String, String> acknowledged, AtomicBoolean stop) {
        for (int i = 0; !stop.get() && i < 10_000; i++) {
            String key = "mp-" + i;
            byte[] body = multipartBody(key);
            try {
                String uploadId =
                        s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
                String e1 = s3.uploadPart(
                                b -> b.bucket(BUCKET)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(1),
                                RequestBody.fromBytes(java.util.Arrays.copyOf(body, 5 * 1024 * 1024)))
                        .eTag();
                String e2 = s3.uploadPart(
                                b -> b.bucket(BUCKET)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(2),
                                RequestBody.fromBytes(java.util.Arrays.copyOfRange(body, 5 * 1024 * 1024, body.length)))
                        .eTag();
                String eTag = s3.completeMultipartUpload(b -> b.bucket(BUCKET)
                                .key(key)
                                .uploadId(uploadId)
                                .multipartUpload(m -> m.parts(
                                        CompletedPart.builder()
                                                .partNumber(1)
                                                .eTag(e1)
                                                .build(),
                                        CompletedPart.builder()
                                                .partNumber(2)
                                                .eTag(e2)
                                                .build())))
                        .eTag();
                acknowledged.put(key, eTag);
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
