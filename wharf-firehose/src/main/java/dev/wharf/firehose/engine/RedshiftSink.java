package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.CopyCommand;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.storage.DeliveryStreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers to Redshift as Firehose does: the buffer is first staged as an object in the destination's intermediate
 * S3 bucket, then loaded into the table with the destination's COPY options, through a {@link TableLoader} (a
 * PostgreSQL server in Wharf). The load reads the same records again from the store, uncompressed, rather than the
 * staged object back. A failed staging or load fails the delivery, which is tried again (and staged again).
 *
 * <p>The cluster's host and port come from the JDBC URL; Wharf's {@code firehose.redshift} mapping can point a
 * cluster's {@code host:port} at another, so that a destination written for AWS loads into a local server.
 */
final class RedshiftSink implements Sink {

    private static final Pattern URL = Pattern.compile("jdbc:(?:redshift|postgresql)://([^/]+)/(.+)");

    private final S3Sink staging;
    private final DeliveryStreamStore store;
    private final TableLoader loader;
    private final Map<String, String> clusters;

    /** @param clusters the {@code host:port} to load into for a cluster's {@code host:port} */
    RedshiftSink(S3Sink staging, DeliveryStreamStore store, TableLoader loader, Map<String, String> clusters) {
        this.staging = staging;
        this.store = store;
        this.loader = loader;
        this.clusters = Map.copyOf(clusters);
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        RedshiftDestinationConfiguration redshift =
                Objects.requireNonNull(Objects.requireNonNull(stream.other()).redshift());
        CopyCommand copy = Objects.requireNonNull(redshift.copyCommand());
        CopyOptions options = CopyOptions.parse(copy.copyOptions());
        boolean gzipStaged = "GZIP".equals(stream.destination().compressionFormat());
        if (options.gzip() != gzipStaged) {
            throw new TableLoader.LoadFailedException(
                    gzipStaged
                            ? "The staged objects are GZIP, but the COPY options do not say GZIP."
                            : "The COPY options say GZIP, but the staged objects are not compressed.");
        }
        Delivered staged = staging.deliver(stream, from, end, oldestMillis);
        if (staged.lastSequence() < 0) {
            return staged;
        }
        ObjectBody rows =
                new ObjectBody(store, stream.id(), from, staged.lastSequence() + 1, Long.MAX_VALUE, "UNCOMPRESSED", "");
        loader.load(
                new TableLoader.Load(
                        url(String.valueOf(redshift.clusterJDBCURL())),
                        String.valueOf(redshift.username()),
                        String.valueOf(redshift.password()),
                        String.valueOf(copy.dataTableName()),
                        columns(copy.dataTableColumns()),
                        options),
                rows);
        return staged;
    }

    /** The PostgreSQL URL that a destination's JDBC URL loads into. */
    String url(String jdbcUrl) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new TableLoader.LoadFailedException("The ClusterJDBCURL " + jdbcUrl + " names no host and database.");
        }
        String cluster = matcher.group(1);
        return "jdbc:postgresql://" + clusters.getOrDefault(cluster, cluster) + "/" + matcher.group(2);
    }

    private static List<String> columns(@org.jspecify.annotations.Nullable String given) {
        List<String> columns = new ArrayList<>();
        if (given == null) {
            return columns;
        }
        for (String column : given.split(",", -1)) {
            if (!column.isBlank()) {
                columns.add(column.strip());
            }
        }
        return columns;
    }
}
