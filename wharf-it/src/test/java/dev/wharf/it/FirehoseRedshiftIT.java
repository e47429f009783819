package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.common.PostgresServer;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Redshift destination through the SDK for Java v2 against a real Wharf, loading into a real PostgreSQL server
 * (from the machine's packages) that the config's {@code firehose.redshift} mapping puts in place of the cluster the
 * JDBC URL names: the rows land in the table, the staged objects in Wharf's S3, and a load that fails leaves a COPY
 * manifest of what was skipped. Skipped, with the reason, only where PostgreSQL is not installed; CI installs it.
 */
class FirehoseRedshiftIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String CLUSTER = "warehouse.abc123.us-east-1.redshift.amazonaws.com:5439";

    private static PostgresServer postgres;
    private static WharfServer server;
    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                PostgresServer.installed() != null || System.getenv("CI") != null,
                "PostgreSQL is not installed here (apt-get install postgresql); CI installs it");
        postgres = PostgresServer.start();
        postgres.sql("CREATE TABLE clicks (id integer, page text, at timestamp)");
        server = LocalWharf.inMemory(
                WharfConfig.Firehose.defaults().withRedshiftClusters(Map.of(CLUSTER, "127.0.0.1:" + postgres.port())));
        firehose = LocalWharf.client(FirehoseClient.builder(), server.endpoint());
        s3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        if (firehose != null) {
            firehose.close();
            s3.close();
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void create(String name, String bucket, String table, int retrySeconds) throws Exception {
        s3.createBucket(b -> b.bucket(bucket));
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).redshiftDestinationConfiguration(d -> d.roleARN(
                        ROLE)
                .clusterJDBCURL("jdbc:redshift://" + CLUSTER + "/dev")
                .copyCommand(c ->
                        c.dataTableName(table).dataTableColumns("id,page,at").copyOptions("json 'auto' gzip"))
                .username("wharf")
                .password("wharf-secret")
                .retryOptions(r -> r.durationInSeconds(retrySeconds))
                .s3Configuration(s -> s.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .prefix("staged/")
                        .compressionFormat("GZIP")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)))));
        FirehoseSdkIT.awaitActive(firehose, name);
    }

    private static void put(String name, String... records) {
        List<Record> batch = new ArrayList<>();
        for (String record : records) {
            batch.add(Record.builder().data(SdkBytes.fromUtf8String(record)).build());
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(batch))
                        .failedPutCount())
                .isZero();
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.url("dev"), "wharf", "wharf-secret");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getInt(1) + "|" + result.getString(2) + "|" + result.getString(3));
            }
        }
        return rows;
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @Test
    void jsonRecordsAreStagedInS3ThenCopiedIntoTheMappedPostgresTable() throws Exception {
        create("clicks-to-redshift", "redshift-staging", "clicks", 60);
        RedshiftDestinationDescription described = firehose.describeDeliveryStream(
                        b -> b.deliveryStreamName("clicks-to-redshift"))
                .deliveryStreamDescription()
                .destinations()
                .get(0)
                .redshiftDestinationDescription();
        assertThat(described.clusterJDBCURL()).isEqualTo("jdbc:redshift://" + CLUSTER + "/dev");
        assertThat(described.username()).isEqualTo("wharf");
        assertThat(described.copyCommand().copyOptions()).isEqualTo("json 'auto' gzip");
        assertThat(described.retryOptions().durationInSeconds()).isEqualTo(60);
        assertThat(described.s3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::redshift-staging");

        put(
                "clicks-to-redshift",
                "{\"id\":1,\"page\":\"/home\",\"at\":\"2026-12-03 07:00:00\"}",
                "{\"id\":2,\"page\":\"/cart\",\"at\":null}");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> rows("SELECT id, page, at FROM clicks ORDER BY id").size() == 2);
        assertThat(rows("SELECT id, page, at FROM clicks ORDER BY id"))
                .containsExactly("1|/home|2026-12-03 07:00:00", "2|/cart|null");
        List<String> staged = keys("redshift-staging");
        assertThat(staged).singleElement().satisfies(key -> assertThat(key)
                .startsWith("staged/")
                .contains("/clicks-to-redshift-1-")
                .endsWith(".gz"));
        byte[] object = s3.getObjectAsBytes(b -> b.bucket("redshift-staging").key(staged.get(0)))
                .asByteArray();
        assertThat(new String(
                        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(object)).readAllBytes(),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"page\":\"/home\",\"at\":\"2026-12-03 07:00:00\"}"
                        + "{\"id\":2,\"page\":\"/cart\",\"at\":null}");
    }

    @Test
    void aLoadIntoAMissingTableIsSkippedWithAManifestOfTheStagedObject() throws Exception {
        create("to-missing-table", "missing-staging", "no_such_table", 0);
        put("to-missing-table", "{\"id\":3}");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> keys("missing-staging").stream().anyMatch(key -> key.startsWith("errors/manifests/")));
        List<String> keys = keys("missing-staging");
        String staged = keys.stream()
                .filter(key -> key.startsWith("staged/"))
                .findFirst()
                .orElseThrow();
        String manifest = keys.stream()
                .filter(key -> key.startsWith("errors/manifests/"))
                .findFirst()
                .orElseThrow();
        assertThat(manifest).contains("/to-missing-table-1-");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("missing-staging").key(manifest))
                        .asUtf8String())
                .isEqualTo("{\"entries\":[{\"url\":\"s3://missing-staging/" + staged + "\",\"mandatory\":true}]}");
        assertThat(rows("SELECT id, page, at FROM clicks WHERE id = 3")).isEmpty();
    }
}
