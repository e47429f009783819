package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.CopyCommand;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to Redshift as Firehose does: the buffer is first staged as an object in the destination's intermediate
 * S3 bucket (through the destination's processors, by an {@link S3Sink}), then the staged object is loaded into the
 * table with the destination's COPY options, through a {@link TableLoader} (a PostgreSQL server in Wharf).
 *
 * <p>A failed load is tried again, with the same staged object and without staging it again, every {@code
 * retryIntervalMillis} until RetryOptions.DurationInSeconds have passed since the first attempt (none with 0); then, as
 * AWS documents it, the object is skipped: a COPY manifest naming it goes to the staging bucket under {@code
 * errors/manifests/} (or the ErrorOutputPrefix, with {@code redshift-failed} as its error output type), for a manual
 * backfill, and the delivery is done. A failed staging fails the delivery, to be tried again as an S3 delivery is.
 *
 * <p>Between attempts the sink holds, per stream, a copy of the staged object in a temporary file (at most one
 * buffer's size), from which the load reads; a restart forgets it and stages the records again. The cluster's host
 * and port come from the JDBC URL; Wharf's {@code firehose.redshift} mapping can point a cluster's {@code host:port}
 * at another, so that a destination written for AWS loads into a local server. Thread-safe: {@link Deliveries} runs
 * at most one delivery per stream.
 */
final class RedshiftSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RedshiftSink.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern URL = Pattern.compile("jdbc:(?:redshift|postgresql)://([^/]+)/(.+)");

    /** The error output type that an ErrorOutputPrefix's {@code !{firehose:error-output-type}} gets for a manifest. */
    static final String ERROR_TYPE = "redshift-failed";

    /** Where skipped objects' manifests go when the staging location has no ErrorOutputPrefix. */
    static final String MANIFEST_PREFIX = "errors/manifests/";

    /** A staged object, and the copy of it that loads read. */
    private record Staged(String bucket, String key, Path copy) {}

    /**
     * The attempts of one delivery: the same staged objects, from the first attempt on.
     *
     * @param firstMillis when the first load began, from which the retry duration runs
     * @param made the loads tried so far
     */
    private record Attempt(
            long from, long last, long bytes, int count, List<Staged> objects, long firstMillis, int made) {}

    private final DeliveryStreamStore store;
    private final ObjectWritePort objects;
    private final @Nullable RecordPipeline pipeline;
    private final TableLoader loader;
    private final Map<String, String> clusters;
    private final Clock clock;
    private final RandomGenerator random;
    private final String region;
    private final long retryIntervalMillis;
    /** The delivery that each stream is retrying, by stream id; at most one per stream. */
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();

    /**
     * @param pipeline what runs the destination's processors before staging, or null for a sink that refuses them
     * @param clusters the {@code host:port} to load into for a cluster's {@code host:port}
     * @param retryIntervalMillis the wait between a failed load and the next
     */
    RedshiftSink(
            DeliveryStreamStore store,
            ObjectWritePort objects,
            @Nullable RecordPipeline pipeline,
            TableLoader loader,
            Map<String, String> clusters,
            Clock clock,
            RandomGenerator random,
            String region,
            long retryIntervalMillis) {
        this.store = store;
        this.objects = objects;
        this.pipeline = pipeline;
        this.loader = loader;
        this.clusters = Map.copyOf(clusters);
        this.clock = clock;
        this.random = random;
        this.region = region;
        this.retryIntervalMillis = retryIntervalMillis;
    }

    /** Forgets the delivery a deleted stream was retrying, and its copies. */
    void forget(long streamId) {
        Attempt held = attempts.remove(streamId);
        if (held != null) {
            discard(held.objects());
        }
    }

    @Override
    public Delivered deliver(FirehoseRecords.StoredStream stream, long from, long end, long oldestMillis) {
        RedshiftDestinationConfiguration redshift =
                Objects.requireNonNull(Objects.requireNonNull(stream.other()).redshift());
        Attempt attempt = attempts.remove(stream.id());
        if (attempt != null && attempt.from() != from) {
            discard(attempt.objects());
            attempt = null;
        }
        if (attempt == null) {
            attempt = stage(stream, redshift, from, end, oldestMillis);
            if (attempt.objects().isEmpty()) {
                // Nothing to load: no record was waiting, or the processors dropped or failed them all.
                return new Delivered(attempt.last(), attempt.bytes(), attempt.count());
            }
        }
        long started = clock.millis();
        if (attempt.made() == 0) {
            attempt = new Attempt(
                    attempt.from(), attempt.last(), attempt.bytes(), attempt.count(), attempt.objects(), started, 0);
        }
        String error;
        try {
            load(stream, redshift, attempt.objects());
            discard(attempt.objects());
            return new Delivered(attempt.last(), attempt.bytes(), attempt.count());
        } catch (RuntimeException e) {
            // Refused by the database, unreachable, or COPY options Wharf cannot run: retried within RetryOptions.
            error = String.valueOf(e.getMessage());
        }
        long failedAt = clock.millis();
        Attempt failed = new Attempt(
                attempt.from(),
                attempt.last(),
                attempt.bytes(),
                attempt.count(),
                attempt.objects(),
                attempt.firstMillis(),
                attempt.made() + 1);
        long deadline = failed.firstMillis() + RedshiftDestinations.retryMillis(redshift);
        if (failedAt < deadline) {
            attempts.put(stream.id(), failed);
            throw new Sink.RetryLater(
                    "the COPY into "
                            + Objects.requireNonNull(redshift.copyCommand()).dataTableName() + " failed (attempt "
                            + failed.made() + "): " + error,
                    Math.min(failedAt + retryIntervalMillis, deadline));
        }
        try {
            String manifest = skip(stream, failed, oldestMillis);
            LOG.warn(
                    "Firehose stream {} skipped {} staged object(s) that did not load into Redshift in {} s; manifest"
                            + " {}: {}",
                    stream.name(),
                    failed.objects().size(),
                    RedshiftDestinations.retryMillis(redshift) / 1000,
                    manifest,
                    error);
        } catch (RuntimeException e) {
            // The manifest is tried again, with the budget spent, before the delivery moves on.
            attempts.put(stream.id(), failed);
            throw e;
        }
        discard(failed.objects());
        return new Delivered(failed.last(), failed.bytes(), failed.count());
    }

    /** Stages a buffer: one object in the staging bucket, through the destination's processors, with its copies. */
    private Attempt stage(
            FirehoseRecords.StoredStream stream,
            RedshiftDestinationConfiguration redshift,
            long from,
            long end,
            long oldestMillis) {
        List<Staged> staged = Collections.synchronizedList(new ArrayList<>());
        ObjectWritePort copying = (write, body) -> {
            Path copy = null;
            try (InputStream in = body) {
                copy = Files.createTempFile("wharf-firehose-", ".staged");
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                String etag;
                try (InputStream again = Files.newInputStream(copy)) {
                    etag = objects.write(write, again);
                }
                staged.add(new Staged(write.bucket(), write.key(), copy));
                return etag;
            } catch (IOException e) {
                delete(copy);
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                delete(copy);
                throw e;
            }
        };
        S3Sink staging = new S3Sink(store, copying, random, region, pipeline, null);
        Delivered delivered;
        try {
            delivered = staging.deliver(RedshiftDestinations.stagingView(stream, redshift), from, end, oldestMillis);
            S3DestinationConfiguration backup = redshift.s3BackupConfiguration();
            if ("Enabled".equals(redshift.s3BackupMode()) && backup != null && delivered.lastSequence() >= from) {
                // The source records, as they were put, once per buffer: load retries reuse the staged objects.
                S3Sink.backUp(
                        new S3Sink(store, objects, random, region),
                        stream,
                        backup,
                        from,
                        delivered.lastSequence(),
                        oldestMillis);
            }
        } catch (RuntimeException e) {
            discard(staged);
            throw e;
        }
        return new Attempt(
                from, delivered.lastSequence(), delivered.bytes(), delivered.count(), List.copyOf(staged), 0, 0);
    }

    /** Loads the staged objects, uncompressed, with the destination's COPY options. */
    private void load(
            FirehoseRecords.StoredStream stream, RedshiftDestinationConfiguration redshift, List<Staged> staged) {
        CopyCommand copy = Objects.requireNonNull(redshift.copyCommand());
        CopyOptions options = CopyOptions.parse(copy.copyOptions());
        boolean gzipStaged = "GZIP".equals(stream.destination().compressionFormat());
        if (options.gzip() != gzipStaged) {
            throw new TableLoader.LoadFailedException(
                    gzipStaged
                            ? "The staged objects are GZIP, but the COPY options do not say GZIP."
                            : "The COPY options say GZIP, but the staged objects are not compressed.");
        }
        List<InputStream> parts = new ArrayList<>(staged.size());
        try {
            for (Staged object : staged) {
                InputStream in = Files.newInputStream(object.copy());
                parts.add(gzipStaged ? new GZIPInputStream(in) : in);
            }
            try (InputStream rows = new SequenceInputStream(Collections.enumeration(parts))) {
                loader.load(
                        new TableLoader.Load(
                                url(String.valueOf(redshift.clusterJDBCURL())),
                                String.valueOf(redshift.username()),
                                String.valueOf(redshift.password()),
                                String.valueOf(copy.dataTableName()),
                                columns(copy.dataTableColumns()),
                                options),
                        rows);
            }
        } catch (IOException e) {
            throw new TableLoader.LoadFailedException("The staged object could not be read: " + e.getMessage(), e);
        } finally {
            for (InputStream part : parts) {
                try {
                    part.close();
                } catch (IOException e) {
                    LOG.debug("a staged copy did not close", e);
                }
            }
        }
    }

    /**
     * Writes the manifest of the objects that did not load, as Redshift's COPY reads a manifest, to the staging bucket.
     *
     * @return its key
     */
    private String skip(FirehoseRecords.StoredStream stream, Attempt failed, long oldestMillis) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Staged object : failed.objects()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", "s3://" + object.bucket() + "/" + object.key());
            entry.put("mandatory", true);
            entries.add(entry);
        }
        byte[] manifest;
        try {
            manifest = JSON.writeValueAsBytes(Map.of("entries", entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prefix = stream.destination().errorOutputPrefix();
        String key = Prefixes.errorKey(
                prefix == null || prefix.isEmpty()
                        ? withErrorPrefix(stream.destination(), MANIFEST_PREFIX)
                        : stream.destination(),
                ERROR_TYPE,
                stream.name(),
                stream.version(),
                Instant.ofEpochMilli(oldestMillis),
                "",
                random);
        objects.write(
                new ObjectWritePort.ObjectWrite(
                        stream.accountId(),
                        region,
                        S3Destinations.bucketOf(stream.destination()),
                        key,
                        "application/json",
                        null),
                new ByteArrayInputStream(manifest));
        return key;
    }

    private static dev.wharf.firehose.api.ExtendedS3DestinationConfiguration withErrorPrefix(
            dev.wharf.firehose.api.ExtendedS3DestinationConfiguration staging, String prefix) {
        return new dev.wharf.firehose.api.ExtendedS3DestinationConfiguration(
                staging.roleARN(),
                staging.bucketARN(),
                staging.prefix(),
                prefix,
                staging.bufferingHints(),
                staging.compressionFormat(),
                staging.encryptionConfiguration(),
                staging.cloudWatchLoggingOptions(),
                staging.processingConfiguration(),
                staging.s3BackupMode(),
                staging.s3BackupConfiguration(),
                staging.dataFormatConversionConfiguration(),
                staging.dynamicPartitioningConfiguration(),
                staging.fileExtension(),
                staging.customTimeZone());
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

    private static void discard(List<Staged> staged) {
        synchronized (staged) {
            for (Staged object : staged) {
                delete(object.copy());
            }
        }
    }

    private static void delete(@Nullable Path copy) {
        if (copy == null) {
            return;
        }
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            // A copy left in the temporary directory holds nothing that is not in the staging bucket.
            LOG.debug("a staged copy was not deleted: {}", copy, e);
        }
    }

    private static List<String> columns(@Nullable String given) {
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
