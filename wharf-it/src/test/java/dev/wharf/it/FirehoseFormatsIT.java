package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
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
 * Firehose's object encodings through the SDK for Java v2 against a real Wharf: records put with the Firehose client,
 * the delivered object read back with the S3 client and decoded with the format's own library.
 */
@WharfTest
class FirehoseFormatsIT {

    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        URI endpoint = URI.create(wharf.endpoint().toString());
        firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
        s3 = S3DurabilityIT.client(endpoint);
    }

    @AfterAll
    static void disconnect() {
        firehose.close();
        s3.close();
    }

    /** Puts 200 JSON lines to a new stream with a one-second interval and returns what was put. */
    private static String putLines(String stream, String bucket, CompressionFormat compression) throws Exception {
        s3.createBucket(b -> b.bucket(bucket));
        FirehoseSdkIT.create(firehose, stream, bucket, "out/", 1, compression);
        FirehoseSdkIT.awaitActive(firehose, stream);
        List<Record> records = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String line = "{\"n\":" + i + ",\"text\":\"" + "x".repeat(i) + "\"}\n";
            expected.append(line);
            records.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(records))
                        .failedPutCount())
                .isZero();
        return expected.toString();
    }

    /** The one object delivered into a bucket, waiting up to 15 seconds for it. */
    static S3Object delivered(String bucket) throws InterruptedException {
        List<S3Object> objects = List.of();
        Instant deadline = Instant.now().plusSeconds(15);
        while (objects.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
        }
        assertThat(objects).hasSize(1);
        return objects.getFirst();
    }

    @Test
    void aSnappyObjectIsSnappysFramingFormatReadBackThroughTheS3Client() throws Exception {
        String expected = putLines("it-snappy", "it-snappy", CompressionFormat.SNAPPY);
        S3Object object = delivered("it-snappy");
        assertThat(object.key()).startsWith("out/").contains("/it-snappy-1-").endsWith(".snappy");
        byte[] body = s3.getObjectAsBytes(b -> b.bucket("it-snappy").key(object.key()))
                .asByteArray();
        try (SnappyFramedInputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(body))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void aHadoopSnappyObjectIsHadoopsBlockFormatReadBackThroughTheS3Client() throws Exception {
        String expected = putLines("it-hsnappy", "it-hsnappy", CompressionFormat.HADOOP_SNAPPY);
        S3Object object = delivered("it-hsnappy");
        assertThat(object.key()).endsWith(".hsnappy");
        ByteBuffer in =
                ByteBuffer.wrap(s3.getObjectAsBytes(b -> b.bucket("it-hsnappy").key(object.key()))
                        .asByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (in.hasRemaining()) {
            int raw = in.getInt();
            int done = 0;
            while (done < raw) {
                byte[] compressed = new byte[in.getInt()];
                in.get(compressed);
                byte[] piece = Snappy.uncompress(compressed);
                out.writeBytes(piece);
                done += piece.length;
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
