package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.FirehoseLimits;
import java.time.Duration;
import java.util.Map;

/**
 * The engine's settings.
 *
 * @param transition how long a delivery stream stays CREATING, and its encryption ENABLING or DISABLING, before the
 *     change is done; AWS takes seconds to minutes, Wharf a few hundred milliseconds by default, so that clients that
 *     wait for ACTIVE run but tests stay fast
 * @param streamsPerAccount the delivery streams an account may have (AWS's default quota)
 * @param retryInterval how long a failed delivery to S3 waits before its next attempt (AWS: 5 seconds)
 * @param retryDuration how long after its oldest record a delivery to S3 is retried before its records are dropped
 *     (AWS: 24 hours)
 * @param tables the tables that format conversion may name, in place of Glue's Data Catalog: each {@code
 *     database.table} with its columns as a Glue/Hive type string such as {@code struct<id:int,tags:array<string>>}
 * @param throughputQuota whether PutRecord and PutRecordBatch are held to AWS's per-stream Direct PUT quota (records,
 *     requests and bytes a second, by region), answering ServiceUnavailableException beyond it; the server turns it
 *     on unless its config says otherwise, {@link #DEFAULT} leaves it off for engine tests whose clock stands still
 * @param redshiftClusters where Redshift destinations load: the PostgreSQL {@code host:port} for a cluster's {@code
 *     host:port} as its ClusterJDBCURL names it; a cluster not named is loaded at its own address
 */
public record FirehoseConfig(
        Duration transition,
        int streamsPerAccount,
        Duration retryInterval,
        Duration retryDuration,
        Map<String, String> tables,
        boolean throughputQuota,
        Map<String, String> redshiftClusters) {

    private static final java.util.regex.Pattern HOST_PORT =
            java.util.regex.Pattern.compile("[A-Za-z0-9._-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+\\]:\\d{1,5}");

    public static final FirehoseConfig DEFAULT = new FirehoseConfig(
            Duration.ofMillis(500), FirehoseLimits.STREAMS_PER_ACCOUNT, Duration.ofSeconds(5), Duration.ofHours(24));

    /**
     * @throws IllegalArgumentException for a negative duration, a quota under 1, a table whose name or columns are not
     *     valid, or a Redshift cluster mapping that is not {@code host:port} to {@code host:port} (naming it)
     */
    public FirehoseConfig {
        if (transition.isNegative() || retryInterval.isNegative() || retryDuration.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
        if (streamsPerAccount < 1) {
            throw new IllegalArgumentException("streamsPerAccount must be positive: " + streamsPerAccount);
        }
        tables = Map.copyOf(tables);
        new GlueTables(tables);
        redshiftClusters = Map.copyOf(redshiftClusters);
        for (Map.Entry<String, String> cluster : redshiftClusters.entrySet()) {
            if (!HOST_PORT.matcher(cluster.getKey()).matches()
                    || !HOST_PORT.matcher(cluster.getValue()).matches()) {
                throw new IllegalArgumentException("firehose.redshift: " + cluster.getKey() + ": a cluster and the"
                        + " server it loads into are each host:port, not " + cluster.getKey() + " to "
                        + cluster.getValue());
            }
        }
    }

    /** Settings with every Redshift cluster loaded at its own address. */
    public FirehoseConfig(
            Duration transition,
            int streamsPerAccount,
            Duration retryInterval,
            Duration retryDuration,
            Map<String, String> tables,
            boolean throughputQuota) {
        this(transition, streamsPerAccount, retryInterval, retryDuration, tables, throughputQuota, Map.of());
    }

    /** Settings without tables for format conversion, and without a throughput quota. */
    public FirehoseConfig(Duration transition, int streamsPerAccount, Duration retryInterval, Duration retryDuration) {
        this(transition, streamsPerAccount, retryInterval, retryDuration, Map.of(), false, Map.of());
    }

    /** These settings with another transition. */
    public FirehoseConfig withTransition(Duration duration) {
        return new FirehoseConfig(
                duration, streamsPerAccount, retryInterval, retryDuration, tables, throughputQuota, redshiftClusters);
    }

    /** These settings with these tables for format conversion (replacing any). */
    public FirehoseConfig withTables(Map<String, String> columnsByTable) {
        return new FirehoseConfig(
                transition,
                streamsPerAccount,
                retryInterval,
                retryDuration,
                columnsByTable,
                throughputQuota,
                redshiftClusters);
    }

    /** These settings with the Direct PUT throughput quota on or off. */
    public FirehoseConfig withThroughputQuota(boolean on) {
        return new FirehoseConfig(
                transition, streamsPerAccount, retryInterval, retryDuration, tables, on, redshiftClusters);
    }

    /** These settings with this mapping of Redshift clusters (replacing any). */
    public FirehoseConfig withRedshiftClusters(Map<String, String> hostPortByCluster) {
        return new FirehoseConfig(
                transition,
                streamsPerAccount,
                retryInterval,
                retryDuration,
                tables,
                throughputQuota,
                hostPortByCluster);
    }
}
