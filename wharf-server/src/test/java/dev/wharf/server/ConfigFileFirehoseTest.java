package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code firehose:} section of the config file: the tables that format conversion may name. */
class ConfigFileFirehoseTest {

    private static final ConfigFile.Overrides NONE = new ConfigFile.Overrides(null, null, null, null, null, false);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path dir;

    private WharfConfig.Firehose resolve(String yaml) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file).resolve(Map.of(), NONE).firehose();
    }

    @Test
    void tablesMapDatabaseDotTableToGlueColumnTypes() throws Exception {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).firehose().tables())
                .isEmpty();
        assertThat(resolve("firehose:\n  tables:\n    analytics.clicks: \"struct<id:int,tags:array<string>>\"\n"
                                + "    analytics.views: struct<at:timestamp>\n")
                        .tables())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "analytics.clicks", "struct<id:int,tags:array<string>>",
                        "analytics.views", "struct<at:timestamp>"));
    }

    @Test
    void aTableThatIsNotValidStopsTheServerAtStartSayingWhich() {
        assertThatThrownBy(() -> resolve("firehose:\n  tables:\n    analytics.clicks: struct<id:integr>\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.tables: analytics.clicks: the column type struct<id:integr> is not a Glue/Hive"
                        + " type at character 17: unknown type 'integr'");
        assertThatThrownBy(() -> resolve("firehose:\n  tables:\n    clicks: struct<id:int>\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.tables: clicks is not a <database>.<table> name");
        assertThatThrownBy(() -> resolve("firehose:\n  tables:\n    analytics.clicks: int\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.tables: analytics.clicks: a table's columns are a struct<name:type,...> with at"
                        + " least one column, not int");
    }

    @Test
    void bucketsOutsideWharfNameTheirEndpointRegionKeyAndAddressing() throws Exception {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).firehose().buckets())
                .isEmpty();
        assertThat(resolve("firehose:\n  buckets:\n    lake:\n      endpoint: http://minio.local:9000\n"
                                + "      region: eu-west-1\n      accessKeyId: minio\n      secretAccessKey: minio123\n"
                                + "      pathStyle: true\n    archive:\n      endpoint: https://s3.example.com\n"
                                + "      accessKeyId: a\n      secretAccessKey: b\n")
                        .buckets())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "lake",
                        new WharfConfig.ExternalBucket(
                                java.net.URI.create("http://minio.local:9000"), "eu-west-1", "minio", "minio123", true),
                        "archive",
                        new WharfConfig.ExternalBucket(
                                java.net.URI.create("https://s3.example.com"), "us-east-1", "a", "b", false)));
    }

    @Test
    void aBucketWithoutItsEndpointOrKeyOrWithABadEndpointStopsTheServerAtStart() {
        assertThatThrownBy(() -> resolve(
                        "firehose:\n  buckets:\n    lake:\n      endpoint: http://m:9000\n" + "      accessKeyId: a\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.buckets.lake: give its endpoint, accessKeyId and secretAccessKey");
        assertThatThrownBy(() -> resolve("firehose:\n  buckets:\n    lake:\n      endpoint: minio:9000\n"
                        + "      accessKeyId: a\n      secretAccessKey: b\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.buckets.lake: the endpoint must be an http:// or https:// URL, not minio:9000");
        assertThatThrownBy(() -> resolve("firehose:\n  buckets:\n    lake:\n      endpoint: \"http://a b\"\n"
                        + "      accessKeyId: a\n      secretAccessKey: b\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("firehose.buckets.lake: the endpoint is not a URL: ");
    }

    @Test
    void theThroughputQuotaIsOnUnlessTheFileOrTheEnvironmentTurnsItOff() throws Exception {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).firehose().throughputQuota())
                .isTrue();
        assertThat(resolve("firehose:\n  throughputQuota: false\n").throughputQuota())
                .isFalse();
        assertThat(ConfigFile.empty()
                        .resolve(Map.of("WHARF_FIREHOSE_THROUGHPUT_QUOTA", "false"), NONE)
                        .firehose()
                        .throughputQuota())
                .isFalse();
        assertThatThrownBy(() -> ConfigFile.empty().resolve(Map.of("WHARF_FIREHOSE_THROUGHPUT_QUOTA", "no"), NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_FIREHOSE_THROUGHPUT_QUOTA must be true or false, not no");
    }

    @Test
    void redshiftMapsAClustersHostAndPortToTheServerItLoadsInto() throws Exception {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).firehose().redshiftClusters())
                .isEmpty();
        WharfConfig.Firehose firehose = resolve("firehose:\n  redshift:\n"
                + "    warehouse.abc123.us-east-1.redshift.amazonaws.com:5439: 127.0.0.1:5432\n");
        assertThat(firehose.redshiftClusters())
                .containsExactlyEntriesOf(
                        Map.of("warehouse.abc123.us-east-1.redshift.amazonaws.com:5439", "127.0.0.1:5432"));
        assertThat(firehose.tables()).isEmpty();
        assertThatThrownBy(() -> resolve("firehose:\n  redshift:\n    warehouse:5439: localhost\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("firehose.redshift: warehouse:5439: a cluster and the server it loads into are each"
                        + " host:port, not warehouse:5439 to localhost");
    }
}
