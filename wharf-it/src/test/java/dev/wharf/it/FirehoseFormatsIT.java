package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose's object encodings through the SDK for Java v2 against a real Wharf: records put with the Firehose client,
 * the delivered object read back with the S3 client and decoded with the format's own library (snappy-java for
 * Snappy and HADOOP_SNAPPY, Parquet's reader for a converted stream, whose table the server's config declares).
 */
class FirehoseFormatsIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;

    @TempDir
    static Path temp;

    @BeforeAll
    static void connect() throws Exception {
        server = LocalWharf.inMemory(new WharfConfig.Firehose(
                Map.of("analytics.clicks", "struct<id:int,name:string,tags:array<string>,at:timestamp>")));
        URI endpoint = URI.create(server.endpoint());
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
        server.close();
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

    @Test
    void aConvertedStreamDeliversAParquetObjectThatParquetsReaderOpens() throws Exception {
        s3.createBucket(b -> b.bucket("it-parquet"));
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName("it-parquet").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::it-parquet")
                        .prefix("rows/")
                        .errorOutputPrefix("failed/!{firehose:error-output-type}/")
                        .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(1))
                        .dataFormatConversionConfiguration(c -> c.enabled(true)
                                .schemaConfiguration(s -> s.roleARN(ROLE)
                                        .databaseName("analytics")
                                        .tableName("clicks"))
                                .inputFormatConfiguration(i -> i.deserializer(z -> z.openXJsonSerDe(o -> {})))
                                .outputFormatConfiguration(o -> o.serializer(z -> z.parquetSerDe(p -> {}))))));
        FirehoseSdkIT.awaitActive(firehose, "it-parquet");
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(Record.builder()
                    .data(SdkBytes.fromUtf8String("{\"id\":" + i + ",\"name\":\"n" + i
                            + "\",\"tags\":[\"t\"],\"at\":\"2026-12-03T08:00:00Z\"}"))
                    .build());
        }
        records.add(
                Record.builder().data(SdkBytes.fromUtf8String("{\"id\":\"x\"}")).build());
        assertThat(firehose.putRecordBatch(
                                b -> b.deliveryStreamName("it-parquet").records(records))
                        .failedPutCount())
                .isZero();

        List<S3Object> objects = List.of();
        Instant deadline = Instant.now().plusSeconds(15);
        while (objects.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            objects = s3.listObjectsV2(b -> b.bucket("it-parquet")).contents();
        }
        S3Object parquet = objects.stream()
                .filter(o -> o.key().startsWith("rows/"))
                .findFirst()
                .orElseThrow();
        assertThat(parquet.key()).contains("/it-parquet-1-").endsWith(".parquet");
        Path file = temp.resolve("rows.parquet");
        Files.write(
                file,
                s3.getObjectAsBytes(b -> b.bucket("it-parquet").key(parquet.key()))
                        .asByteArray());
        List<Group> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getFields()).extracting(t -> t.getName()).containsExactly("id", "name", "tags", "at");
            assertThat(schema.getType("at").asPrimitiveType().getPrimitiveTypeName())
                    .isEqualTo(PrimitiveTypeName.INT96);
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                org.apache.parquet.io.RecordReader<Group> read = new ColumnIOFactory()
                        .getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(read.read());
                }
            }
        }
        assertThat(rows).hasSize(100);
        assertThat(rows.get(42).getInteger("id", 0)).isEqualTo(42);
        assertThat(rows.get(42).getString("name", 0)).isEqualTo("n42");
        assertThat(rows.get(42).getGroup("tags", 0).getGroup("list", 0).getString("element", 0))
                .isEqualTo("t");
        S3Object failed = objects.stream()
                .filter(o -> o.key().startsWith("failed/format-conversion-failed/"))
                .findFirst()
                .orElseThrow();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-parquet").key(failed.key()))
                        .asUtf8String())
                .contains("\"lastErrorCode\":\"DataFormatConversion.MalformedData\"");
    }

    @Test
    void aConvertedStreamWhoseTableTheConfigDoesNotDeclareIsRefused() {
        InvalidArgumentException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidArgumentException.class,
                () -> firehose.createDeliveryStream(
                        b -> b.deliveryStreamName("it-unknown").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::it-parquet")
                                .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(1))
                                .dataFormatConversionConfiguration(c -> c.schemaConfiguration(s -> s.roleARN(ROLE)
                                                .databaseName("analytics")
                                                .tableName("missing"))
                                        .inputFormatConfiguration(i -> i.deserializer(z -> z.hiveJsonSerDe(h -> {})))
                                        .outputFormatConfiguration(o -> o.serializer(z -> z.orcSerDe(p -> {})))))));
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
        assertThat(refused.getMessage()).contains("add it under firehose.tables as 'analytics.missing:");
    }
}
