package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DurabilityMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Writes to a bucket outside Wharf, against a second, real Wharf on a real socket standing for the user's S3-compatible
 * store, read back with the SDK's S3 client; writes to other buckets reach Wharf's own port.
 */
class ExternalBucketsTest {

    private static WharfServer outside;
    private static S3Client reader;
    private static ExternalBuckets buckets;
    private static final List<String> OWN = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        outside = WharfServer.start(new WharfConfig(
                "127.0.0.1",
                0,
                -1,
                null,
                null,
                Path.of("unused"),
                DurabilityMode.MEMORY,
                null,
                WharfConfig.DEFAULT_REGION,
                List.of(),
                false,
                WharfConfig.Limits.defaults(),
                List.of(),
                WharfConfig.Sns.defaults()));
        URI endpoint = URI.create(outside.endpoint());
        reader = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClient(Apache5HttpClient.create())
                .build();
        reader.createBucket(b -> b.bucket("lake"));
        ObjectWritePort own = (write, body) -> {
            OWN.add(write.bucket() + "/" + write.key());
            return "\"own\"";
        };
        buckets = new ExternalBuckets(
                own,
                Map.of(
                        "lake",
                        new WharfConfig.ExternalBucket(endpoint, "eu-west-1", "key", "secret", true),
                        "gone",
                        new WharfConfig.ExternalBucket(endpoint, "eu-west-1", "key", "secret", true)));
    }

    @AfterAll
    static void stop() {
        buckets.close();
        reader.close();
        outside.close();
    }

    private static ObjectWritePort.ObjectWrite write(String bucket, String key) {
        return new ObjectWritePort.ObjectWrite(
                "000000000000", "us-east-1", bucket, key, "application/octet-stream", null);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aSmallObjectIsOnePutWithItsHeaders() {
        String etag = buckets.write(
                new ObjectWritePort.ObjectWrite(
                        "000000000000", "us-east-1", "lake", "small/one.gz", "application/octet-stream", "gzip"),
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        ResponseBytes<GetObjectResponse> read =
                reader.getObjectAsBytes(b -> b.bucket("lake").key("small/one.gz"));
        assertThat(read.asUtf8String()).isEqualTo("hello");
        assertThat(read.response().contentEncoding()).isEqualTo("gzip");
        assertThat(read.response().eTag()).isEqualTo(etag).doesNotContain("-");
    }

    @Test
    void anObjectLargerThanOnePartIsAMultipartUploadOfEightMibParts() {
        byte[] body = random(2 * ExternalBuckets.PART_BYTES + 5);
        String etag = buckets.write(write("lake", "big/three-parts"), new ByteArrayInputStream(body));
        assertThat(etag).endsWith("-3\"");
        assertThat(reader.getObjectAsBytes(b -> b.bucket("lake").key("big/three-parts"))
                        .asByteArray())
                .isEqualTo(body);
        byte[] exact = random(ExternalBuckets.PART_BYTES);
        assertThat(buckets.write(write("lake", "big/one-part"), new ByteArrayInputStream(exact)))
                .endsWith("-1\"");
        assertThat(reader.getObjectAsBytes(b -> b.bucket("lake").key("big/one-part"))
                        .asByteArray())
                .isEqualTo(exact);
    }

    @Test
    void aBodyThatFailsMidwayAbortsItsUploadAndLeavesNothing() {
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream(random(ExternalBuckets.PART_BYTES + 10)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the spool file broke");
                    }
                });
        assertThatThrownBy(() -> buckets.write(write("lake", "broken/object"), failing))
                .hasMessageContaining("the spool file broke");
        assertThat(reader.listMultipartUploads(b -> b.bucket("lake")).uploads()).isEmpty();
        assertThat(reader.listObjectsV2(b -> b.bucket("lake").prefix("broken/")).contents())
                .isEmpty();
    }

    @Test
    void aStoreThatRefusesTheWriteIsAFailureNamingItsError() {
        assertThatThrownBy(() -> buckets.write(write("gone", "x"), new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused s3://gone/x")
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void anyOtherBucketIsWrittenToWharfsOwnS3() {
        assertThat(buckets.write(write("mine", "k"), new ByteArrayInputStream(new byte[1])))
                .isEqualTo("\"own\"");
        assertThat(OWN).contains("mine/k");
    }
}
