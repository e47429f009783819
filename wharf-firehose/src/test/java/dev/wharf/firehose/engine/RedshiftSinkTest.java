package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.firehose.api.CopyCommand;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redshift deliveries with a scripted table loader: staged in S3 first, then loaded with the COPY's settings. */
class RedshiftSinkTest {

    private static final String URL = "jdbc:redshift://warehouse.abc123.us-east-1.redshift.amazonaws.com:5439/dev";

    private final FirehoseFixture fixture = new FirehoseFixture();
    private final DeliveryStreamStore store = fixture.storage.deliveryStreams();
    private final List<TableLoader.Load> loads = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private @Nullable RuntimeException refusal;
    private final TableLoader loader = (load, data) -> {
        if (refusal != null) {
            throw refusal;
        }
        loads.add(load);
        try {
            loaded.add(new String(data.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 1;
    };
    private final RedshiftSink sink =
            sink(Map.of("warehouse.abc123.us-east-1.redshift.amazonaws.com:5439", "127.0.0.1:5432"));

    private RedshiftSink sink(Map<String, String> clusters) {
        return new RedshiftSink(
                store, fixture.s3, null, loader, clusters, fixture.clock, new Random(1), "us-east-1", 5_000);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theBufferIsStagedInTheIntermediateBucketThenLoadedUncompressedWithTheCopysSettings() throws IOException {
        fixture.bucket("staging");
        FirehoseRecords.StoredStream stream = stream("GZIP", "json 'auto' gzip", " id, name ");
        put(stream, "{\"id\":1}", "{\"id\":2}");

        Sink.Delivered delivered = sink.deliver(stream, 0, 2, FirehoseFixture.START.toEpochMilli());

        assertThat(delivered).isEqualTo(new Sink.Delivered(1, 16, 2));
        assertThat(loads).singleElement().satisfies(load -> {
            assertThat(load.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/dev");
            assertThat(load.table()).isEqualTo("events");
            assertThat(load.columns()).containsExactly("id", "name");
            assertThat(load.username()).isEqualTo("loader");
            assertThat(load.password()).isEqualTo("secret-password");
            assertThat(load.options().format()).isEqualTo("JSON");
        });
        assertThat(loaded).containsExactly("{\"id\":1}{\"id\":2}");
        String key = fixture.objects("staging").getFirst().key();
        assertThat(key).startsWith("stage/2026/12/02/17/orders-1-").endsWith(".gz");
        try (GZIPInputStream staged = new GZIPInputStream(new ByteArrayInputStream(fixture.body("staging", key)))) {
            assertThat(new String(staged.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":1}{\"id\":2}");
        }
    }

    @Test
    void aClusterWithoutAMappingIsLoadedAtItsOwnHost() {
        RedshiftSink unmapped = sink(Map.of());
        assertThat(unmapped.url(URL))
                .isEqualTo("jdbc:postgresql://warehouse.abc123.us-east-1.redshift.amazonaws.com:5439/dev");
    }

    @Test
    void aCompressionTheCopyOptionsDoNotNameFailsTheLoadOfTheStagedObject() {
        fixture.bucket("staging");
        FirehoseRecords.StoredStream stream = stream("GZIP", "json 'auto'", null);
        put(stream, "{}");
        assertThatThrownBy(() -> sink.deliver(stream, 0, 1, FirehoseFixture.START.toEpochMilli()))
                .isInstanceOf(Sink.RetryLater.class)
                .hasMessageContaining("do not say GZIP");
        assertThat(fixture.objects("staging")).hasSize(1);
        assertThat(loads).isEmpty();
    }

    @Test
    void aRefusedLoadFailsTheDelivery() {
        fixture.bucket("staging");
        FirehoseRecords.StoredStream stream = stream("UNCOMPRESSED", "csv", null);
        put(stream, "1,a\n");
        refusal = new TableLoader.LoadFailedException("relation \"events\" does not exist");
        assertThatThrownBy(() -> sink.deliver(stream, 0, 1, FirehoseFixture.START.toEpochMilli()))
                .isInstanceOf(Sink.RetryLater.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theDestinationsRulesAndDefaults() {
        RedshiftDestinationConfiguration held =
                RedshiftDestinations.created("redshiftDestinationConfiguration", configuration("GZIP", "csv", null));
        assertThat(RedshiftDestinations.retryMillis(held)).isEqualTo(3_600_000L);
        assertThat(held.retryOptions()).isEqualTo(new dev.wharf.firehose.api.RedshiftRetryOptions(3600));
        assertThat(held.s3BackupMode()).isEqualTo("Disabled");
        assertThat(RedshiftDestinations.describe(held, RedshiftDestinations.staging(held))
                        .username())
                .isEqualTo("loader");
        FirehoseFixture.assertError(
                () -> RedshiftDestinations.created(
                        "redshiftDestinationConfiguration", configuration("ZIP", "csv", null)),
                FirehoseError.InvalidArgument,
                "Compression format ZIP is not supported for the Redshift destination, since Redshift's COPY does not"
                        + " read it.");
        RedshiftDestinationConfiguration local = new RedshiftDestinationConfiguration(
                FirehoseFixture.ROLE,
                "jdbc:postgresql://127.0.0.1:5432/dev",
                new CopyCommand("events", null, null),
                "loader",
                "secret-password",
                null,
                staging("UNCOMPRESSED"),
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> RedshiftDestinations.created("redshiftDestinationConfiguration", local))
                .hasMessageContaining("redshiftDestinationConfiguration.clusterJDBCURL");
    }

    private void put(FirehoseRecords.StoredStream stream, String... records) {
        DeliveryStreamBatch batch = new DeliveryStreamBatch();
        for (int i = 0; i < records.length; i++) {
            batch.putRecord(
                    stream.id(),
                    i,
                    FirehoseRecords.record(
                            FirehoseFixture.START.toEpochMilli(), records[i].getBytes(StandardCharsets.UTF_8)));
        }
        store.commit(batch);
    }

    private static FirehoseRecords.StoredStream stream(String compression, String options, @Nullable String columns) {
        RedshiftDestinationConfiguration held = RedshiftDestinations.created(
                "redshiftDestinationConfiguration", configuration(compression, options, columns));
        long now = FirehoseFixture.START.toEpochMilli();
        return new FirehoseRecords.StoredStream(
                9,
                FirehoseFixture.ALICE.accountId(),
                "orders",
                "DirectPut",
                now,
                now,
                1,
                false,
                null,
                RedshiftDestinations.staging(held),
                false,
                new LinkedHashMap<>(),
                FirehoseRecords.Encryption.NONE,
                new FirehoseRecords.OtherDestination(null, null, null, null, held));
    }

    private static RedshiftDestinationConfiguration configuration(
            String compression, String options, @Nullable String columns) {
        return new RedshiftDestinationConfiguration(
                FirehoseFixture.ROLE,
                URL,
                new CopyCommand("events", columns, options),
                "loader",
                "secret-password",
                null,
                staging(compression),
                null,
                null,
                null,
                null,
                null);
    }

    private static S3DestinationConfiguration staging(String compression) {
        return new S3DestinationConfiguration(
                FirehoseFixture.ROLE, "arn:aws:s3:::staging", "stage/", null, null, compression, null, null);
    }
}
