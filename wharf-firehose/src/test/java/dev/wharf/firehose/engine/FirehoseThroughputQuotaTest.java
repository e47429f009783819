package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.FirehoseContext;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.PutRecordBatchRequest;
import dev.wharf.firehose.api.PutRecordBatchResponse;
import dev.wharf.firehose.api.PutRecordBatchResponseEntry;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AWS's per-stream Direct PUT quota, shared by PutRecord and PutRecordBatch: requests, records and bytes a second by
 * region, on the fake clock. A put beyond the request quota is refused whole with ServiceUnavailableException (503);
 * a batch beyond the record or byte quota fails its last records, each with that code, and counts them.
 */
class FirehoseThroughputQuotaTest {

    private static final String SLOW_DOWN = "Slow down. The throughput quota of delivery stream clicks under account"
            + " 111111111111 is exceeded; retry with back-off.";

    private final FirehoseFixture fixture = new FirehoseFixture(FirehoseFixture.CONFIG.withThroughputQuota(true));

    @AfterEach
    void close() {
        fixture.close();
    }

    private void stream() {
        fixture.bucket("quota");
        fixture.active("clicks", extended("quota", null, 128, 900, "UNCOMPRESSED"));
    }

    private static PutRecordBatchRequest batch(int records, int bytes) {
        List<StreamRecord> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add(new StreamRecord(new byte[bytes]));
        }
        return new PutRecordBatchRequest("clicks", list);
    }

    @Test
    void aBatchBeyondTheByteQuotaFailsItsLastRecordsAndTheQuotaRefillsWithTime() {
        stream();
        // 5 MiB a second in us-east-1: 4,000,000 bytes, then 124 more records of 10,000 bytes fit in 1,242,880.
        assertThat(fixture.firehose.putRecordBatch(ALICE, batch(400, 10_000)).failedPutCount())
                .isZero();
        PutRecordBatchResponse second = fixture.firehose.putRecordBatch(ALICE, batch(400, 10_000));
        assertThat(second.failedPutCount()).isEqualTo(276);
        List<PutRecordBatchResponseEntry> entries = java.util.Objects.requireNonNull(second.requestResponses());
        assertThat(entries).hasSize(400);
        assertThat(entries.subList(0, 124)).allSatisfy(e -> {
            assertThat(e.recordId()).isNotNull();
            assertThat(e.errorCode()).isNull();
        });
        assertThat(entries.subList(124, 400)).allSatisfy(e -> {
            assertThat(e.recordId()).isNull();
            assertThat(e.errorCode()).isEqualTo("ServiceUnavailableException");
            assertThat(e.errorMessage()).isEqualTo(SLOW_DOWN);
        });
        // 2,880 bytes are left: a record of 10,000 waits, one of 1,000 fits; half a second refills 2,621,440.
        assertThat(fixture.firehose.putRecordBatch(ALICE, batch(1, 10_000)).failedPutCount())
                .isEqualTo(1);
        assertThat(fixture.firehose.putRecordBatch(ALICE, batch(1, 1_000)).failedPutCount())
                .isZero();
        fixture.clock.advance(Duration.ofMillis(500));
        assertThat(fixture.firehose.putRecordBatch(ALICE, batch(263, 10_000)).failedPutCount())
                .isEqualTo(1);
        fixture.clock.advance(Duration.ofSeconds(10));
        assertThat(fixture.firehose.putRecordBatch(ALICE, batch(400, 10_000)).failedPutCount())
                .isZero();
    }

    @Test
    void putsBeyondTheRequestQuotaAreRefusedWholeWithServiceUnavailable() {
        stream();
        PutRecordRequest one = new PutRecordRequest("clicks", new StreamRecord(new byte[] {1}));
        for (int i = 0; i < 2_000; i++) {
            fixture.firehose.putRecord(ALICE, one);
        }
        assertError(() -> fixture.firehose.putRecord(ALICE, one), FirehoseError.ServiceUnavailable, SLOW_DOWN);
        assertError(
                () -> fixture.firehose.putRecordBatch(ALICE, batch(1, 1)), FirehoseError.ServiceUnavailable, SLOW_DOWN);
        assertThat(FirehoseError.ServiceUnavailable.httpStatus()).isEqualTo(503);
        // 2,000 a second: a millisecond brings two more.
        fixture.clock.advance(Duration.ofMillis(1));
        fixture.firehose.putRecord(ALICE, one);
        fixture.firehose.putRecord(ALICE, one);
        assertError(() -> fixture.firehose.putRecord(ALICE, one), FirehoseError.ServiceUnavailable, SLOW_DOWN);
    }

    @Test
    void otherRegionsHaveTheSmallerQuotaOfOneMibASecond() {
        FirehoseContext frankfurt = new FirehoseContext("111111111111", "eu-central-1");
        fixture.bucket("quota");
        fixture.firehose.createDeliveryStream(
                frankfurt, FirehoseFixture.create("clicks", extended("quota", null, 128, 900, "UNCOMPRESSED")));
        fixture.clock.advance(Duration.ofSeconds(1));
        PutRecordRequest big = new PutRecordRequest("clicks", new StreamRecord(new byte[1_000_000]));
        fixture.firehose.putRecord(frankfurt, big);
        assertError(() -> fixture.firehose.putRecord(frankfurt, big), FirehoseError.ServiceUnavailable, SLOW_DOWN);
    }

    @Test
    void withTheQuotaOffAnyRatePasses() {
        try (FirehoseFixture unlimited = new FirehoseFixture(FirehoseFixture.CONFIG)) {
            unlimited.bucket("quota");
            unlimited.active("clicks", extended("quota", null, 128, 900, "UNCOMPRESSED"));
            for (int i = 0; i < 3; i++) {
                assertThat(unlimited
                                .firehose
                                .putRecordBatch(ALICE, batch(400, 10_000))
                                .failedPutCount())
                        .isZero();
            }
        }
    }
}
