package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.s3.api.BucketShapes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Firehose's buffering by size and interval, its object names and compression, driven by a fake clock. */
class FirehoseDeliveryTest {

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aBufferIsDeliveredWhenItsIntervalHasPassedSinceItsOldestRecordAndNotBefore() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "a\n");
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.put("clicks", "b\n");

        fixture.clock.advance(Duration.ofMillis(29_999));
        fixture.deliver();
        assertThat(fixture.objects("logs"))
                .as("59.999 s after the oldest record")
                .isEmpty();

        fixture.clock.advance(Duration.ofMillis(1));
        fixture.deliver();
        List<BucketShapes.ListedObject> objects = fixture.objects("logs");
        assertThat(objects).hasSize(1);
        assertThat(new String(fixture.body("logs", objects.getFirst().key()), StandardCharsets.UTF_8))
                .as("records concatenated as they came, with no delimiter added")
                .isEqualTo("a\nb\n");
    }

    @Test
    void theDefaultKeyIsTheUtcHourOfTheOldestRecordThenStreamVersionTimeAndAUuid() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "x");
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();

        // The stream became ACTIVE a second after START (17:04:05), when the record arrived.
        assertThat(fixture.objects("logs").getFirst().key())
                .matches("2026/12/02/17/clicks-1-2026-12-02-17-04-06-"
                        + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void aPrefixWithoutATimestampGetsTheHourAppendedAndOneWithOneUsesItsPattern() {
        fixture.bucket("logs");
        fixture.active("plain", extended("logs", "raw/", 1, 0, "UNCOMPRESSED"));
        fixture.active(
                "custom", extended("logs", "by-day/!{timestamp:yyyy-MM-dd}/!{firehose:random-string}/", 1, 0, "GZIP"));
        fixture.put("plain", "p");
        fixture.put("custom", "c");
        fixture.deliver();

        List<String> keys = fixture.objects("logs").stream()
                .map(BucketShapes.ListedObject::key)
                .toList();
        assertThat(keys)
                .anySatisfy(
                        key -> assertThat(key).matches("raw/2026/12/02/17/plain-1-2026-12-02-17-04-07-[0-9a-f-]{36}"))
                .anySatisfy(key -> assertThat(key)
                        .matches("by-day/2026-12-02/[A-Za-z0-9]{11}/custom-1-2026-12-02-17-04-07-[0-9a-f-]{36}\\.gz"));
    }

    @Test
    void aBufferThatReachesItsSizeIsDeliveredAtOnceInObjectsOfAboutThatSize() throws IOException {
        fixture.bucket("big");
        fixture.active("bulk", extended("big", null, 1, 900, "UNCOMPRESSED"));
        byte[] record = new byte[100 * 1024];
        Arrays.fill(record, (byte) 'r');
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(record);
        }
        // 2.5 MB in one batch: two full buffers of 11 records (1,126,400 bytes, the first to pass 1 MiB), then 3.
        fixture.putBatch("bulk", batch);
        fixture.deliver();

        List<BucketShapes.ListedObject> objects = fixture.objects("big");
        assertThat(objects).extracting(BucketShapes.ListedObject::size).containsExactly(1_126_400L, 1_126_400L);

        fixture.clock.advance(Duration.ofSeconds(900));
        fixture.deliver();
        assertThat(fixture.objects("big"))
                .extracting(BucketShapes.ListedObject::size)
                .containsExactlyInAnyOrder(1_126_400L, 1_126_400L, 307_200L);
    }

    @Test
    void gzipAndZipObjectsHoldTheRecordsAndNameTheirExtension() throws IOException {
        fixture.bucket("packed");
        fixture.active("gz", extended("packed", "gz/", 1, 0, "GZIP"));
        fixture.active("zip", extended("packed", "zip/", 1, 0, "ZIP"));
        fixture.put("gz", "hello ");
        fixture.put("gz", "gzip");
        fixture.put("zip", "hello zip");
        fixture.deliver();

        for (BucketShapes.ListedObject object : fixture.objects("packed")) {
            byte[] body = fixture.body("packed", object.key());
            if (object.key().startsWith("gz/")) {
                assertThat(object.key()).endsWith(".gz");
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("hello gzip");
                }
            } else {
                assertThat(object.key()).endsWith(".zip");
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body))) {
                    ZipEntry entry = in.getNextEntry();
                    assertThat(entry).isNotNull();
                    assertThat(object.key()).endsWith("/" + entry.getName() + ".zip");
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("hello zip");
                    assertThat(in.getNextEntry()).isNull();
                }
            }
        }
        assertThat(fixture.objects("packed")).hasSize(2);
    }

    @Test
    void recordsWaitInTheStoreAndARestartedEngineDeliversThemOnTime() {
        fixture.bucket("logs");
        fixture.active("durable", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("durable", "one,");
        fixture.clock.advance(Duration.ofSeconds(10));
        fixture.put("durable", "two");
        fixture.firehose.close();

        fixture.firehose = fixture.open();
        fixture.clock.advance(Duration.ofSeconds(49));
        fixture.deliver();
        assertThat(fixture.objects("logs"))
                .as("the oldest record's interval is kept across the restart")
                .isEmpty();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.deliver();
        assertThat(fixture.objects("logs")).hasSize(1);
        assertThat(new String(
                        fixture.body("logs", fixture.objects("logs").getFirst().key()), StandardCharsets.UTF_8))
                .isEqualTo("one,two");

        fixture.firehose.close();
        fixture.firehose = fixture.open();
        fixture.clock.advance(Duration.ofSeconds(600));
        fixture.deliver();
        assertThat(fixture.objects("logs"))
                .as("delivered records are not delivered again")
                .hasSize(1);
    }

    @Test
    void aDeliveryToAMissingBucketIsRetriedEveryFiveSecondsUntilTheBucketExists() {
        fixture.active("waiting", extended("later", null, 1, 0, "UNCOMPRESSED"));
        fixture.put("waiting", "kept");
        fixture.deliver();
        fixture.bucket("later");
        fixture.clock.advance(Duration.ofMillis(4_999));
        fixture.deliver();
        assertThat(fixture.objects("later")).isEmpty();

        fixture.clock.advance(Duration.ofMillis(1));
        fixture.deliver();
        assertThat(fixture.objects("later")).hasSize(1);
        assertThat(fixture.body("later", fixture.objects("later").getFirst().key()))
                .isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void recordsThatCouldNotBeDeliveredForADayAreDropped() {
        fixture.active("lost", extended("never", null, 1, 0, "UNCOMPRESSED"));
        fixture.put("lost", "old");
        fixture.deliver();
        fixture.clock.advance(Duration.ofHours(24));
        fixture.deliver();
        fixture.bucket("never");
        fixture.clock.advance(Duration.ofMinutes(10));
        fixture.put("lost", "new");
        fixture.deliver();

        assertThat(fixture.objects("never")).hasSize(1);
        assertThat(fixture.body("never", fixture.objects("never").getFirst().key()))
                .isEqualTo("new".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUpdatedDestinationTakesEffectForTheNextObjectAndBumpsTheVersionInItsName() {
        fixture.bucket("logs");
        fixture.active("changing", extended("logs", "before/", 1, 60, "UNCOMPRESSED"));
        fixture.firehose.updateDestination(
                FirehoseFixture.ALICE,
                new dev.wharf.firehose.api.UpdateDestinationRequest(
                        "changing",
                        "1",
                        FirehoseEngine.DESTINATION,
                        null,
                        new dev.wharf.firehose.api.ExtendedS3DestinationUpdate(
                                null, null, "after/", null, null, null, null, null, null, null, null, null, null, null,
                                null),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        fixture.put("changing", "v2");
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
        assertThat(fixture.objects("logs").getFirst().key()).startsWith("after/2026/12/02/17/changing-2-");
    }

    @Test
    void aFileExtensionReplacesTheCompressionsOwn() {
        fixture.bucket("named");
        fixture.active(
                "ext",
                new dev.wharf.firehose.api.ExtendedS3DestinationConfiguration(
                        FirehoseFixture.ROLE,
                        "arn:aws:s3:::named",
                        null,
                        null,
                        new dev.wharf.firehose.api.BufferingHints(1, 0),
                        "GZIP",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        ".json.gz",
                        null));
        fixture.put("ext", "{}");
        fixture.deliver();
        assertThat(fixture.objects("named").getFirst().key())
                .endsWith(".json.gz")
                .doesNotEndWith(".gz.gz");
    }
}
