package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.firehose.api.DeliveryStreamMetrics;
import dev.wharf.firehose.api.FirehoseMetric;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StatisticSet;
import dev.wharf.firehose.api.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The AWS/Firehose figures of a delivery stream's puts and deliveries, snapshot by snapshot, with a fake clock. */
class FirehoseMetricsTest {

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static byte[] bytes(String data) {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    private DeliveryStreamMetrics only() {
        List<DeliveryStreamMetrics> snapshot = fixture.firehose.metricsSnapshot();
        assertThat(snapshot).hasSize(1);
        return snapshot.getFirst();
    }

    @Test
    void putsGiveOneSamplePerRequestOfItsBytesAndRecords() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "abc");
        fixture.put("clicks", "hello");
        fixture.putBatch("clicks", List.of(bytes("12"), bytes("3456"), bytes("7")));
        assertThatThrownBy(() -> fixture.put("absent", "x")).isInstanceOf(RuntimeException.class);

        DeliveryStreamMetrics metrics = only();
        assertThat(metrics.accountId()).isEqualTo(ALICE.accountId());
        assertThat(metrics.deliveryStreamName()).isEqualTo("clicks");
        assertThat(metrics.metrics())
                .as("a put to no stream counts nowhere, and nothing was delivered yet")
                .isEqualTo(Map.ofEntries(
                        Map.entry(FirehoseMetric.INCOMING_BYTES, new StatisticSet(3, 15, 3, 7)),
                        Map.entry(FirehoseMetric.INCOMING_RECORDS, new StatisticSet(3, 5, 1, 3)),
                        Map.entry(FirehoseMetric.INCOMING_PUT_REQUESTS, new StatisticSet(3, 3, 1, 1)),
                        Map.entry(FirehoseMetric.THROTTLED_RECORDS, new StatisticSet(3, 0, 0, 0)),
                        Map.entry(FirehoseMetric.PUT_RECORD_BYTES, new StatisticSet(2, 8, 3, 5)),
                        Map.entry(FirehoseMetric.PUT_RECORD_REQUESTS, new StatisticSet(2, 2, 1, 1)),
                        Map.entry(FirehoseMetric.PUT_RECORD_LATENCY, new StatisticSet(2, 0, 0, 0)),
                        Map.entry(FirehoseMetric.PUT_RECORD_BATCH_BYTES, new StatisticSet(1, 7, 7, 7)),
                        Map.entry(FirehoseMetric.PUT_RECORD_BATCH_RECORDS, new StatisticSet(1, 3, 3, 3)),
                        Map.entry(FirehoseMetric.PUT_RECORD_BATCH_REQUESTS, new StatisticSet(1, 1, 1, 1)),
                        Map.entry(FirehoseMetric.PUT_RECORD_BATCH_LATENCY, new StatisticSet(1, 0, 0, 0))));
        assertThat(fixture.firehose.metricsSnapshot())
                .as("a snapshot starts the figures again from none")
                .isEmpty();
    }

    @Test
    void aDeliveryToS3GivesItsBytesRecordsSuccessAndTheAgeOfItsOldestRecord() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "a");
        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.put("clicks", "bc");
        fixture.firehose.metricsSnapshot();

        fixture.clock.advance(Duration.ofSeconds(30));
        fixture.deliver();

        assertThat(fixture.objects("logs")).hasSize(1);
        assertThat(only().metrics())
                .isEqualTo(Map.of(
                        FirehoseMetric.DELIVERY_TO_S3_BYTES, new StatisticSet(1, 3, 3, 3),
                        FirehoseMetric.DELIVERY_TO_S3_RECORDS, new StatisticSet(1, 2, 2, 2),
                        FirehoseMetric.DELIVERY_TO_S3_SUCCESS, new StatisticSet(1, 1, 1, 1),
                        FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS, new StatisticSet(1, 60, 60, 60)));
    }

    @Test
    void aFailedDeliveryToS3IsASuccessSampleOfZero() {
        fixture.active("clicks", extended("later", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "abcd");
        fixture.firehose.metricsSnapshot();
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();
        assertThat(only().metrics())
                .as("the bucket does not exist yet")
                .isEqualTo(Map.of(FirehoseMetric.DELIVERY_TO_S3_SUCCESS, new StatisticSet(1, 0, 0, 0)));

        fixture.bucket("later");
        fixture.clock.advance(fixture.config.retryInterval());
        fixture.deliver();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.firehose.putRecord(ALICE, new PutRecordRequest("clicks", new StreamRecord(bytes("e"))));

        DeliveryStreamMetrics metrics = only();
        double age = 60 + fixture.config.retryInterval().toSeconds();
        assertThat(metrics.get(FirehoseMetric.DELIVERY_TO_S3_SUCCESS)).isEqualTo(new StatisticSet(1, 1, 1, 1));
        assertThat(metrics.get(FirehoseMetric.DELIVERY_TO_S3_DATA_FRESHNESS))
                .isEqualTo(new StatisticSet(1, age, age, age));
        assertThat(metrics.get(FirehoseMetric.DELIVERY_TO_S3_BYTES)).isEqualTo(new StatisticSet(1, 4, 4, 4));
        assertThat(metrics.get(FirehoseMetric.INCOMING_BYTES)).isEqualTo(new StatisticSet(1, 1, 1, 1));
    }

    @Test
    void recordsTheThroughputQuotaRefusesAreThrottledRecordsAndNotIncoming() {
        try (FirehoseFixture limited = new FirehoseFixture(FirehoseFixture.CONFIG.withThroughputQuota(true))) {
            limited.bucket("quota");
            limited.active("clicks", extended("quota", null, 128, 900, "UNCOMPRESSED"));
            // 5 MiB a second in us-east-1: the first batch fits, of the second 124 records fit and 276 fail.
            limited.putBatch("clicks", java.util.Collections.nCopies(400, new byte[10_000]));
            limited.putBatch("clicks", java.util.Collections.nCopies(400, new byte[10_000]));
            // Then a batch whose one record does not fit: the call answers, and puts nothing.
            limited.putBatch("clicks", List.of(new byte[10_000]));

            DeliveryStreamMetrics metrics = limited.firehose.metricsSnapshot().getFirst();
            assertThat(metrics.get(FirehoseMetric.THROTTLED_RECORDS)).isEqualTo(new StatisticSet(3, 277, 0, 276));
            assertThat(metrics.get(FirehoseMetric.INCOMING_RECORDS)).isEqualTo(new StatisticSet(2, 524, 124, 400));
            assertThat(metrics.get(FirehoseMetric.INCOMING_BYTES))
                    .isEqualTo(new StatisticSet(2, 5_240_000, 1_240_000, 4_000_000));
            assertThat(metrics.get(FirehoseMetric.INCOMING_PUT_REQUESTS)).isEqualTo(new StatisticSet(2, 2, 1, 1));
            assertThat(metrics.get(FirehoseMetric.PUT_RECORD_BATCH_REQUESTS)).isEqualTo(new StatisticSet(3, 3, 1, 1));
            assertThat(metrics.get(FirehoseMetric.PUT_RECORD_BATCH_RECORDS))
                    .isEqualTo(new StatisticSet(3, 524, 0, 400));
        }
    }

    @Test
    void aDeletedStreamIsNoLongerLiveAndHasNoFigures() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("clicks", "a");
        assertThat(fixture.firehose.hasStream(ALICE.accountId(), "clicks")).isTrue();
        assertThat(fixture.firehose.hasStream(ALICE.accountId(), "other")).isFalse();
        assertThat(fixture.firehose.hasStream("999999999999", "clicks")).isFalse();

        fixture.delete("clicks");

        assertThat(fixture.firehose.hasStream(ALICE.accountId(), "clicks")).isFalse();
        assertThat(fixture.firehose.metricsSnapshot()).isEmpty();
    }
}
