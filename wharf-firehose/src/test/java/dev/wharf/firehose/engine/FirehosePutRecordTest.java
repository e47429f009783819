package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.BOB;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.PutRecordBatchRequest;
import dev.wharf.firehose.api.PutRecordBatchResponse;
import dev.wharf.firehose.api.PutRecordBatchResponseEntry;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.PutRecordResponse;
import dev.wharf.firehose.api.StartDeliveryStreamEncryptionRequest;
import dev.wharf.firehose.api.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutRecord and PutRecordBatch: their limits, their answers, and the streams that accept no records. */
class FirehosePutRecordTest {

    private static final String VALID = "1 validation error detected: ";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @BeforeEach
    void activeStream() {
        fixture.bucket("logs");
        fixture.active("clicks", extended("logs", null, 128, 900, "UNCOMPRESSED"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private PutRecordResponse put(String stream, byte[] data) {
        return fixture.firehose.putRecord(ALICE, new PutRecordRequest(stream, new StreamRecord(data)));
    }

    private PutRecordBatchResponse putBatch(String stream, List<byte[]> data) {
        return fixture.firehose.putRecordBatch(
                ALICE,
                new PutRecordBatchRequest(
                        stream, data.stream().map(StreamRecord::new).toList()));
    }

    private static List<byte[]> records(int count, int size) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new byte[size]);
        }
        return records;
    }

    @Test
    void aStreamThatIsNotThereIsResourceNotFound() {
        assertError(
                () -> put("missing", new byte[] {1}),
                FirehoseError.ResourceNotFound,
                "Firehose missing under account 111111111111 not found.");
        assertError(
                () -> putBatch("missing", records(1, 1)),
                FirehoseError.ResourceNotFound,
                "Firehose missing under account 111111111111 not found.");
        assertError(
                () -> fixture.firehose.putRecord(BOB, new PutRecordRequest("clicks", new StreamRecord(new byte[] {1}))),
                FirehoseError.ResourceNotFound,
                "Firehose clicks under account 222222222222 not found.");
    }

    @Test
    void aStreamStillCreatingIsResourceNotFoundUntilItIsActive() {
        fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create("young", FirehoseFixture.bare("logs")));
        assertError(
                () -> put("young", new byte[] {1}),
                FirehoseError.ResourceNotFound,
                "Firehose young under account 111111111111 not found.");
        assertError(
                () -> putBatch("young", records(2, 1)),
                FirehoseError.ResourceNotFound,
                "Firehose young under account 111111111111 not found.");

        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(put("young", new byte[] {1}).recordId()).isNotEmpty();
    }

    @Test
    void aRecordOfMoreThan1024000BytesIsAValidationException() {
        assertError(
                () -> put("clicks", new byte[1_024_001]),
                FirehoseError.Validation,
                VALID + "Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to"
                        + " satisfy constraint: Member must have length less than or equal to 1024000");
        assertThat(put("clicks", new byte[1_024_000]).recordId()).isNotEmpty();

        List<byte[]> batch = List.of(new byte[1], new byte[1_024_001], new byte[1]);
        assertError(
                () -> putBatch("clicks", batch),
                FirehoseError.Validation,
                VALID + "Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'records.2.member.data'"
                        + " failed to satisfy constraint: Member must have length less than or equal to 1024000");
        assertThat(fixture.storedRecords(0))
                .as("only the one record accepted is stored")
                .isEqualTo(1);
    }

    @Test
    void aMissingRecordOrDataIsAValidationException() {
        assertError(
                () -> fixture.firehose.putRecord(ALICE, new PutRecordRequest("clicks", null)),
                FirehoseError.Validation,
                VALID + "Value null at 'record' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> fixture.firehose.putRecord(ALICE, new PutRecordRequest("clicks", new StreamRecord(null))),
                FirehoseError.Validation,
                VALID + "Value null at 'record.data' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> fixture.firehose.putRecordBatch(ALICE, new PutRecordBatchRequest("clicks", null)),
                FirehoseError.Validation,
                VALID + "Value null at 'records' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> fixture.firehose.putRecordBatch(
                        ALICE,
                        new PutRecordBatchRequest(
                                "clicks", List.of(new StreamRecord(new byte[] {1}), new StreamRecord(null)))),
                FirehoseError.Validation,
                VALID + "Value null at 'records.2.member.data' failed to satisfy constraint: Member must not be null");
        assertError(
                () -> put("a b", new byte[] {1}),
                FirehoseError.Validation,
                VALID + "Value 'a b' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void aBatchOfMoreThan500RecordsIsAValidationException() {
        List<StreamRecord> many =
                records(501, 1).stream().map(StreamRecord::new).toList();
        assertError(
                () -> fixture.firehose.putRecordBatch(ALICE, new PutRecordBatchRequest("clicks", many)),
                FirehoseError.Validation,
                VALID + "Value '" + many + "' at 'records' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 500");
        assertThat(fixture.storedRecords(0)).isZero();

        PutRecordBatchResponse full = putBatch("clicks", records(500, 1));
        assertThat(full.requestResponses()).hasSize(500);
        assertThat(fixture.storedRecords(0)).isEqualTo(500);
    }

    @Test
    void aBatchOfMoreThan4MiBInAllIsAnInvalidArgument() {
        List<byte[]> over = new ArrayList<>(records(4, 1_024_000));
        over.add(new byte[4 * 1024 * 1024 - 4 * 1_024_000 + 1]);
        assertError(() -> putBatch("clicks", over), FirehoseError.InvalidArgument, "Records size exceeds 4 MB limit");
        assertThat(fixture.storedRecords(0)).isZero();

        List<byte[]> exact = new ArrayList<>(records(4, 1_024_000));
        exact.add(new byte[4 * 1024 * 1024 - 4 * 1_024_000]);
        assertThat(putBatch("clicks", exact).failedPutCount()).isZero();
        assertThat(fixture.storedRecords(0)).isEqualTo(5);
    }

    @Test
    void everyRecordGetsItsOwnIdAndABatchAnswersNoFailures() {
        Set<String> ids = new HashSet<>();
        ids.add(Objects.requireNonNull(
                put("clicks", "a".getBytes(StandardCharsets.UTF_8)).recordId()));
        ids.add(Objects.requireNonNull(
                put("clicks", "a".getBytes(StandardCharsets.UTF_8)).recordId()));
        PutRecordBatchResponse batch = putBatch("clicks", records(3, 10));
        assertThat(batch.failedPutCount()).isZero();
        assertThat(batch.encrypted()).isFalse();
        List<PutRecordBatchResponseEntry> entries = Objects.requireNonNull(batch.requestResponses());
        assertThat(entries).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.recordId()).isNotEmpty();
            assertThat(entry.errorCode()).isNull();
            assertThat(entry.errorMessage()).isNull();
        });
        entries.forEach(entry -> ids.add(Objects.requireNonNull(entry.recordId())));
        fixture.active("views", extended("logs", null, 128, 900, "UNCOMPRESSED"));
        ids.add(Objects.requireNonNull(put("views", new byte[] {1}).recordId()));

        assertThat(ids)
                .as("two puts, a batch of three and another stream's put")
                .hasSize(6);
        assertThat(fixture.storedRecords(0)).isEqualTo(5);
    }

    @Test
    void encryptedIsTrueOnlyOnceTheStreamsEncryptionIsEnabled() {
        assertThat(put("clicks", new byte[] {1}).encrypted()).isFalse();

        fixture.firehose.startDeliveryStreamEncryption(
                ALICE,
                new StartDeliveryStreamEncryptionRequest(
                        "clicks", new DeliveryStreamEncryptionConfigurationInput(null, "AWS_OWNED_CMK")));
        assertThat(put("clicks", new byte[] {1}).encrypted()).as("ENABLING").isFalse();
        assertThat(putBatch("clicks", records(1, 1)).encrypted()).as("ENABLING").isFalse();

        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(put("clicks", new byte[] {1}).encrypted()).as("ENABLED").isTrue();
        assertThat(putBatch("clicks", records(2, 1)).encrypted()).as("ENABLED").isTrue();
    }

    @Test
    void recordsPutAreDeliveredInTheOrderTheyCameAcrossPutsAndBatches() {
        put("clicks", "1".getBytes(StandardCharsets.UTF_8));
        putBatch("clicks", List.of("2".getBytes(StandardCharsets.UTF_8), "3".getBytes(StandardCharsets.UTF_8)));
        put("clicks", "4".getBytes(StandardCharsets.UTF_8));
        fixture.clock.advance(Duration.ofSeconds(900));
        fixture.deliver();

        assertThat(fixture.objects("logs")).hasSize(1);
        assertThat(new String(
                        fixture.body("logs", fixture.objects("logs").getFirst().key()), StandardCharsets.UTF_8))
                .isEqualTo("1234");
    }
}
