package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.assertError;
import static dev.wharf.firehose.engine.FirehoseFixture.bare;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.DeleteDeliveryStreamRequest;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ListDeliveryStreamsRequest;
import dev.wharf.firehose.api.ListDeliveryStreamsResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ListDeliveryStreams' order and paging, and DeleteDeliveryStream's DELETING time and what it drops. */
class FirehoseListAndDeleteTest {

    private static final String VALID = "1 validation error detected: ";

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ListDeliveryStreamsResponse list(@Nullable Integer limit, @Nullable String type, @Nullable String after) {
        return fixture.firehose.listDeliveryStreams(ALICE, new ListDeliveryStreamsRequest(limit, type, after));
    }

    private void create(String... names) {
        for (String name : names) {
            fixture.firehose.createDeliveryStream(ALICE, FirehoseFixture.create(name, bare("logs")));
        }
    }

    @Test
    void streamsAreListedInNameOrderWhateverTheOrderTheyWereCreatedIn() {
        create("charlie", "alpha", "Bravo", "bravo");

        ListDeliveryStreamsResponse all = list(null, null, null);
        assertThat(all.deliveryStreamNames()).containsExactly("Bravo", "alpha", "bravo", "charlie");
        assertThat(all.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void aLimitPagesTheNamesAndHasMoreSaysExactlyWhetherAnotherPageHoldsAny() {
        create("a", "b", "c", "d", "e");

        ListDeliveryStreamsResponse first = list(2, null, null);
        assertThat(first.deliveryStreamNames()).containsExactly("a", "b");
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse second = list(2, null, "b");
        assertThat(second.deliveryStreamNames()).containsExactly("c", "d");
        assertThat(second.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse last = list(2, null, "d");
        assertThat(last.deliveryStreamNames()).containsExactly("e");
        assertThat(last.hasMoreDeliveryStreams()).isFalse();

        ListDeliveryStreamsResponse exact = list(5, null, null);
        assertThat(exact.deliveryStreamNames()).hasSize(5);
        assertThat(exact.hasMoreDeliveryStreams())
                .as("a page that holds the last stream has no more, even when it is full")
                .isFalse();
        assertThat(list(2, null, "bb").deliveryStreamNames())
                .as("the exclusive start need not name a stream")
                .containsExactly("c", "d");
        assertThat(list(null, null, "e").deliveryStreamNames()).isEmpty();
    }

    @Test
    void theDefaultLimitIsTen() {
        for (int i = 0; i < 11; i++) {
            create("stream-" + (char) ('a' + i));
        }

        ListDeliveryStreamsResponse page = list(null, null, null);
        assertThat(page.deliveryStreamNames()).hasSize(10).last().isEqualTo("stream-j");
        assertThat(page.hasMoreDeliveryStreams()).isTrue();
    }

    @Test
    void theTypeFilterKeepsOnlyStreamsOfThatType() {
        create("direct-1", "direct-2");

        assertThat(list(null, "DirectPut", null).deliveryStreamNames()).containsExactly("direct-1", "direct-2");
        ListDeliveryStreamsResponse kinesis = list(null, "KinesisStreamAsSource", null);
        assertThat(kinesis.deliveryStreamNames()).isEmpty();
        assertThat(kinesis.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void membersOutsideTheirConstraintsAreValidationExceptions() {
        assertError(
                () -> list(0, null, null),
                FirehoseError.Validation,
                VALID + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or"
                        + " equal to 1");
        assertError(
                () -> list(10_001, null, null),
                FirehoseError.Validation,
                VALID + "Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or"
                        + " equal to 10000");
        assertError(
                () -> list(null, "Pipe", null),
                FirehoseError.Validation,
                VALID + "Value 'Pipe' at 'deliveryStreamType' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]");
        assertError(
                () -> list(null, null, "a b"),
                FirehoseError.Validation,
                VALID + "Value 'a b' at 'exclusiveStartDeliveryStreamName' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void aDeletedStreamIsDeletingAndListedUntilItsTransitionHasPassedThenGone() {
        create("gone", "kept");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("gone");

        assertThat(fixture.describe("gone").deliveryStreamStatus()).isEqualTo("DELETING");
        assertThat(list(null, null, null).deliveryStreamNames()).containsExactly("gone", "kept");

        fixture.clock.advance(Duration.ofMillis(999));
        assertThat(fixture.describe("gone").deliveryStreamStatus()).isEqualTo("DELETING");
        fixture.clock.advance(Duration.ofMillis(1));
        assertError(
                () -> fixture.describe("gone"),
                FirehoseError.ResourceNotFound,
                "Firehose gone under account 111111111111 not found.");
        assertThat(list(null, null, null).deliveryStreamNames()).containsExactly("kept");
        assertThat(fixture.describe("kept").deliveryStreamStatus()).isEqualTo("ACTIVE");
    }

    @Test
    void aPageFullBeforeOnlyAGoneStreamHasNoMore() {
        create("a", "b");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("b");
        fixture.clock.advance(Duration.ofSeconds(1));

        ListDeliveryStreamsResponse page = list(1, null, null);
        assertThat(page.deliveryStreamNames()).containsExactly("a");
        assertThat(page.hasMoreDeliveryStreams())
                .as("b's DELETING time is over, so no page after a holds a stream")
                .isFalse();
    }

    @Test
    void aStreamCannotBeDeletedWhileCreatingAndADeletingStreamAcceptsNoRecords() {
        create("young");
        assertError(
                () -> fixture.delete("young"),
                FirehoseError.ResourceInUse,
                "Firehose young is not in the ACTIVE state; it is CREATING.");
        assertThat(fixture.describe("young").deliveryStreamStatus()).isEqualTo("CREATING");

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("young");
        assertThat(fixture.describe("young").deliveryStreamStatus()).isEqualTo("DELETING");
        assertError(
                () -> fixture.put("young", "late"),
                FirehoseError.ResourceNotFound,
                "Firehose young under account 111111111111 not found.");
    }

    @Test
    void theRecordsNotYetDeliveredAreDroppedAtOnce() {
        fixture.bucket("logs");
        fixture.active("doomed", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("doomed", "one");
        fixture.put("doomed", "two");
        assertThat(fixture.storedRecords(0)).as("the first stream has id 0").isEqualTo(2);

        fixture.delete("doomed");
        assertThat(fixture.storedRecords(0)).isZero();
        fixture.clock.advance(Duration.ofSeconds(600));
        fixture.deliver();
        assertThat(fixture.objects("logs")).isEmpty();
    }

    @Test
    void aNameCanBeUsedAgainOnceItsStreamIsGoneAndTheNewStreamStartsEmpty() {
        fixture.bucket("logs");
        fixture.active("reused", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        fixture.put("reused", "old");
        fixture.delete("reused");
        fixture.clock.advance(Duration.ofSeconds(1));

        fixture.active("reused", extended("logs", null, 1, 60, "UNCOMPRESSED"));
        assertThat(fixture.describe("reused").versionId()).isEqualTo("1");
        fixture.put("reused", "new");
        fixture.clock.advance(Duration.ofSeconds(60));
        fixture.deliver();

        assertThat(fixture.objects("logs")).hasSize(1);
        assertThat(new String(
                        fixture.body("logs", fixture.objects("logs").getFirst().key()), StandardCharsets.UTF_8))
                .isEqualTo("new");
    }

    @Test
    void deletingADeletingStreamChangesNothingAndDeletingWhatIsNotThereIsResourceNotFound() {
        create("twice");
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("twice");
        fixture.clock.advance(Duration.ofMillis(500));
        fixture.delete("twice");
        assertThat(fixture.describe("twice").deliveryStreamStatus()).isEqualTo("DELETING");
        fixture.clock.advance(Duration.ofMillis(500));
        assertError(
                () -> fixture.firehose.describeDeliveryStream(
                        ALICE, new dev.wharf.firehose.api.DescribeDeliveryStreamRequest("twice", null, null)),
                FirehoseError.ResourceNotFound,
                "Firehose twice under account 111111111111 not found.");
        assertError(
                () -> fixture.delete("twice"),
                FirehoseError.ResourceNotFound,
                "Firehose twice under account 111111111111 not found.");
        assertError(
                () -> fixture.firehose.deleteDeliveryStream(ALICE, new DeleteDeliveryStreamRequest("a/b", null)),
                FirehoseError.Validation,
                VALID + "Value 'a/b' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void hasStreamsSaysWhetherTheStoreHoldsAnyStream() {
        assertThat(FirehoseEngine.hasStreams(fixture.storage.deliveryStreams())).isFalse();
        create("one");
        assertThat(FirehoseEngine.hasStreams(fixture.storage.deliveryStreams())).isTrue();
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.delete("one");
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(list(null, null, null).deliveryStreamNames()).isEmpty();
        assertThat(FirehoseEngine.hasStreams(fixture.storage.deliveryStreams()))
                .as("the purged stream is gone from the store too")
                .isFalse();
    }
}
