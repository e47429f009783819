package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link ObjectStore} backend passes: subclass it, open the backend in {@link #open()}, and
 * say in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ObjectStoreContractTest {

    private static final long WAIT_SECONDS = 60;

    /**
     * Keys in ascending order of their UTF-8 bytes, which S3 lists by: ASCII around '/' and '0', keys that are
     * prefixes of one another, each length of UTF-8 sequence at its edges, and U+E000 to U+FFFF before the code points
     * above U+FFFF, which {@link String#compareTo} orders the other way round.
     */
    private static final List<String> KEYS_IN_BYTE_ORDER = List.of(
            "",
            "\u0000",
            "a",
            "a\u0000",
            "a.",
            "a/",
            "a//",
            "a/b",
            "a/b/c",
            "a0",
            "b",
            "\u007F",
            "\u0080",
            "\u00E9",
            "\u07FF",
            "\u0800",
            "\uD7FF",
            "\uE000",
            "\uE000/x",
            "\uFFFD",
            "\uFFFF",
            "\uD800\uDC00",
            "\uD83D\uDE00",
            "\uD83D\uDE00/x",
            "\uDBFF\uDFFF");

    private StorageEngine engine;
    private ObjectStore store;

    /** Opens the backend over this test's data; for a durable backend, again after the first engine is closed. */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    /** Closes the current engine and opens the same data again; the tests then use the new engine. */
    protected final void reopen() {
        engine.close();
        engine = open();
        store = engine.objects();
    }

    /** The store that the current test uses. */
    protected final ObjectStore store() {
        return store;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.objects();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(scan("", "")).isEmpty();
        assertThat(store.read("bucket/a")).isNull();
        assertThat(store.read("")).isNull();
    }

    @Test
    void committedPutsAreReadAndDeletesRemoveThemOnly() {
        store.commit(
                new ObjectBatch().put("b/a", bytes("1")).put("b/a/", bytes("2")).put("b/ab", bytes("3")));
        store.commit(new ObjectBatch().delete("b/a").delete("b/missing"));

        assertThat(store.read("b/a")).isNull();
        assertThat(value("b/a/")).isEqualTo("2");
        assertThat(scan("", "")).containsExactly(entry("b/a/", "2"), entry("b/ab", "3"));
    }

    @Test
    void aPutReplacesTheValueAndTheOpsOfABatchApplyInOrder() {
        store.commit(new ObjectBatch().put("k", bytes("first")));
        store.commit(new ObjectBatch().put("k", bytes("second")).delete("gone").put("gone", bytes("back")));
        store.commit(new ObjectBatch().put("x", bytes("x")).delete("x"));

        assertThat(scan("", "")).containsExactly(entry("gone", "back"), entry("k", "second"));
    }

    @Test
    void readAndScanHandOutCopies() {
        store.commit(new ObjectBatch().put("k", bytes("value")));
        java.util.Objects.requireNonNull(store.read("k"))[0] = 'X';
        store.scan("", "", (key, value) -> {
            value[0] = 'Y';
            return true;
        });

        assertThat(value("k")).isEqualTo("value");
    }

    @Test
    void aScanVisitsKeysInUtf8ByteOrder() {
        List<String> shuffled = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        Collections.shuffle(shuffled, new Random(7));
        ObjectBatch batch = new ObjectBatch();
        shuffled.forEach(key -> batch.put(key, bytes("v" + key)));
        store.commit(batch);

        assertThat(keys("", "")).containsExactlyElementsOf(KEYS_IN_BYTE_ORDER);
        for (String key : KEYS_IN_BYTE_ORDER) {
            assertThat(value(key)).isEqualTo("v" + key);
        }
    }

    @Test
    void aScanKeepsToThePrefixAndStartsAtFromKey() {
        ObjectBatch batch = new ObjectBatch();
        KEYS_IN_BYTE_ORDER.forEach(key -> batch.put(key, bytes(key)));
        store.commit(batch);

        assertThat(keys("a/", "")).containsExactly("a/", "a//", "a/b", "a/b/c");
        assertThat(keys("a/", "a/a")).containsExactly("a/b", "a/b/c");
        assertThat(keys("a/", "a/b")).containsExactly("a/b", "a/b/c");
        assertThat(keys("a/", "a/c")).isEmpty();
        assertThat(keys("a/", "b")).as("a fromKey past the prefix").isEmpty();
        assertThat(keys("a/", "0")).as("a fromKey before the prefix").containsExactly("a/", "a//", "a/b", "a/b/c");
        assertThat(keys("", "\uFFFF"))
                .containsExactly("\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uD83D\uDE00/x", "\uDBFF\uDFFF");
        assertThat(keys("", "\uD800\uDC00")).first().isEqualTo("\uD800\uDC00");
        assertThat(keys("\uD83D\uDE00", "")).containsExactly("\uD83D\uDE00", "\uD83D\uDE00/x");
        assertThat(keys("\uE000", "\uE000/")).containsExactly("\uE000/x");
        assertThat(keys("\uDBFF\uDFFF", "")).containsExactly("\uDBFF\uDFFF");
        assertThat(keys("zz", "")).isEmpty();
    }

    @Test
    void aScanStopsWhenItsVisitorSaysSo() {
        ObjectBatch batch = new ObjectBatch();
        KEYS_IN_BYTE_ORDER.forEach(key -> batch.put(key, bytes(key)));
        store.commit(batch);
        List<String> seen = new ArrayList<>();

        store.scan("a", "a.", (key, value) -> {
            seen.add(key);
            return seen.size() < 3;
        });

        assertThat(seen).containsExactly("a.", "a/", "a//");
    }

    @Test
    void keysWithUnpairedSurrogatesAreRejected() {
        assertThatThrownBy(() -> store.read("a\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scan("\uDC00", "", (k, v) -> true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scan("", "x\uD800", (k, v) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectBatch().put("\uDFFFa", bytes("v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFinishedBlobIsReadWholeOnceAddedAndFromAnOffset() throws IOException {
        byte[] body = random(100_000, 1);
        BlobId id = writeBlob(body, 4096);

        store.commit(new ObjectBatch().put("b/k", bytes(id.value())).addBlob(id));

        assertThat(readAll(id, 0)).isEqualTo(body);
        assertThat(readAll(id, 12_345)).isEqualTo(Arrays.copyOfRange(body, 12_345, body.length));
        assertThat(readAll(id, body.length)).isEmpty();
        assertThatThrownBy(() -> store.openBlob(id, body.length + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openBlob(id, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyBlobIsABlobToo() throws IOException {
        BlobId id = writeBlob(new byte[0], 1);
        store.commit(new ObjectBatch().addBlob(id));

        assertThat(readAll(id, 0)).isEmpty();
    }

    @Test
    void aWriterCountsItsBytesAndRefusesWritesOnceFinished() throws IOException {
        try (BlobWriter writer = store.createBlob()) {
            writer.write(bytes("abcdef"), 1, 3);
            assertThat(writer.length()).isEqualTo(3);
            BlobId id = writer.finish();
            assertThat(writer.finish()).as("finish is idempotent").isEqualTo(id).isEqualTo(writer.id());
            assertThatThrownBy(() -> writer.write(bytes("x"), 0, 1)).isInstanceOf(IllegalStateException.class);
            store.commit(new ObjectBatch().addBlob(id));
            assertThat(readAll(id, 0)).isEqualTo(bytes("bcd"));
        }
    }

    @Test
    void aClosedWriterRefusesWritesAndFinish() throws IOException {
        BlobWriter writer = store.createBlob();
        writer.close();
        writer.close();

        assertThatThrownBy(() -> writer.write(bytes("x"), 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyWriterHasItsOwnId() throws IOException {
        try (BlobWriter first = store.createBlob();
                BlobWriter second = store.createBlob()) {
            assertThat(first.id()).isNotEqualTo(second.id());
        }
    }

    @Test
    void aBlobThatNoCommitAddedCannotBeOpened() throws IOException {
        BlobWriter writer = store.createBlob();
        writer.write(bytes("body"), 0, 4);
        BlobId id = writer.finish();

        assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(NoSuchFileException.class);
        writer.close();
        assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.openBlob(new BlobId("never-made"), 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aClosedBlobCannotBeAdded() throws IOException {
        BlobWriter writer = store.createBlob();
        writer.write(bytes("body"), 0, 4);
        BlobId id = writer.finish();
        writer.close();

        assertThatThrownBy(() ->
                        store.commit(new ObjectBatch().put("k", bytes("v")).addBlob(id)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.read("k")).isNull();
        assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anUnfinishedBlobIsRejectedAndNothingOfItsBatchApplies() throws IOException {
        store.commit(new ObjectBatch().put("old", bytes("kept")));
        try (BlobWriter writer = store.createBlob()) {
            writer.write(bytes("body"), 0, 4);

            assertThatThrownBy(() -> store.commit(new ObjectBatch()
                            .put("new", bytes("v"))
                            .delete("old")
                            .addBlob(writer.id())))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(scan("", "")).containsExactly(entry("old", "kept"));
            assertThatThrownBy(() -> store.openBlob(writer.id(), 0)).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aBlobAddedTwiceIsRejectedAndNothingOfThatBatchApplies() throws IOException {
        BlobId first = writeBlob(bytes("first"), 2);
        BlobId second = writeBlob(bytes("second"), 2);

        assertThatThrownBy(() -> store.commit(
                        new ObjectBatch().put("k", bytes("v")).addBlob(first).addBlob(first)))
                .as("twice in one batch")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.read("k")).isNull();
        assertThatThrownBy(() -> store.openBlob(first, 0)).isInstanceOf(NoSuchFileException.class);

        store.commit(new ObjectBatch().addBlob(first));
        assertThatThrownBy(() -> store.commit(
                        new ObjectBatch().put("k", bytes("v")).addBlob(second).addBlob(first)))
                .as("again in a later batch")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.read("k")).isNull();
        assertThatThrownBy(() -> store.openBlob(second, 0)).isInstanceOf(NoSuchFileException.class);
        assertThat(readAll(first, 0)).isEqualTo(bytes("first"));

        store.commit(new ObjectBatch().addBlob(second));
        assertThat(readAll(second, 0))
                .as("a rejected batch leaves its blobs to add")
                .isEqualTo(bytes("second"));
    }

    @Test
    void aCommittedDeleteBlobMakesItUnopenableButAnOpenStreamReadsOn() throws IOException {
        byte[] body = random(300_000, 2);
        BlobId id = writeBlob(body, 10_000);
        store.commit(new ObjectBatch().addBlob(id));

        try (InputStream open = store.openBlob(id, 0)) {
            store.commit(new ObjectBatch().deleteBlob(id));

            assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(NoSuchFileException.class);
            assertThat(open.readAllBytes()).isEqualTo(body);
        }
        assertThatThrownBy(() -> store.commit(new ObjectBatch().deleteBlob(id)))
                .as("deleting it again")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofConcurrentCommitsThatDeleteOneBlobExactlyOneSucceeds() throws Exception {
        int deleters = 8;
        for (int round = 0; round < 5; round++) {
            BlobId id = writeBlob(bytes("shared"), 6);
            store.commit(new ObjectBatch().addBlob(id));
            ExecutorService pool = Executors.newFixedThreadPool(deleters);
            try {
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int d = 0; d < deleters; d++) {
                    outcomes.add(pool.submit(() -> {
                        try {
                            store.commit(new ObjectBatch().deleteBlob(id));
                            return true;
                        } catch (IllegalArgumentException notInTheStore) {
                            return false;
                        }
                    }));
                }
                int succeeded = 0;
                for (Future<Boolean> outcome : outcomes) {
                    succeeded += outcome.get(WAIT_SECONDS, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(succeeded).as("commits that deleted the blob").isEqualTo(1);
                assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(NoSuchFileException.class);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDeleteOfAnUnknownBlobIsRejectedAndNothingOfItsBatchApplies() throws IOException {
        BlobId kept = writeBlob(bytes("kept"), 4);

        assertThatThrownBy(() -> store.commit(
                        new ObjectBatch().put("k", bytes("v")).addBlob(kept).deleteBlob(new BlobId("unknown"))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.read("k")).isNull();
        assertThatThrownBy(() -> store.openBlob(kept, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBatchMayReplaceOneBlobByAnother() throws IOException {
        BlobId old = writeBlob(bytes("old"), 3);
        store.commit(new ObjectBatch().put("k", bytes(old.value())).addBlob(old));
        BlobId replacement = writeBlob(bytes("new"), 3);

        store.commit(new ObjectBatch()
                .put("k", bytes(replacement.value()))
                .addBlob(replacement)
                .deleteBlob(old));

        assertThat(value("k")).isEqualTo(replacement.value());
        assertThat(readAll(replacement, 0)).isEqualTo(bytes("new"));
        assertThatThrownBy(() -> store.openBlob(old, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aLargeBlobWrittenInSmallPiecesRoundTrips() throws IOException {
        byte[] body = random(8 * 1024 * 1024, 3);
        BlobId id = writeBlob(body, 1000);
        store.commit(new ObjectBatch().addBlob(id));

        assertThat(readAll(id, 0)).isEqualTo(body);
        assertThat(readAll(id, 5_000_001)).isEqualTo(Arrays.copyOfRange(body, 5_000_001, body.length));
    }

    @Test
    void concurrentWritersOfDistinctBlobsEachKeepTheirOwnBytes() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<BlobId>> ids = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int seed = w;
                ids.add(pool.submit(() -> {
                    BlobId id = writeBlob(random(200_000 + seed, seed), 777);
                    store.commit(new ObjectBatch()
                            .put("k/" + seed, bytes(id.value()))
                            .addBlob(id));
                    return id;
                }));
            }
            for (int w = 0; w < writers; w++) {
                BlobId id = ids.get(w).get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(value("k/" + w)).isEqualTo(id.value());
                assertThat(readAll(id, 0)).isEqualTo(random(200_000 + w, w));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void committedRecordsAndBlobsSurviveAReopen() throws IOException {
        assumeTrue(survivesReopen());
        byte[] body = random(50_000, 4);
        BlobId id = writeBlob(body, 999);
        BlobId deleted = writeBlob(bytes("deleted"), 7);
        store.commit(new ObjectBatch().put("b/k", bytes("v")).addBlob(id).addBlob(deleted));
        store.commit(new ObjectBatch().deleteBlob(deleted));
        BlobWriter pending = store.createBlob();
        pending.write(bytes("pending"), 0, 7);
        BlobId pendingId = pending.finish();

        reopen();

        assertThat(scan("", "")).containsExactly(entry("b/k", "v"));
        assertThat(readAll(id, 0)).isEqualTo(body);
        assertThatThrownBy(() -> store.openBlob(deleted, 0)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.openBlob(pendingId, 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aClosedStoreRefusesEveryCall() throws IOException {
        BlobId id = writeBlob(bytes("b"), 1);
        store.commit(new ObjectBatch().put("k", bytes("v")).addBlob(id));
        engine.close();

        assertThatThrownBy(() -> store.read("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scan("", "", (k, v) -> true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.commit(new ObjectBatch().put("k", bytes("v"))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.createBlob()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.openBlob(id, 0)).isInstanceOf(IllegalStateException.class);
        store.commit(new ObjectBatch());
    }

    /** Writes a finished blob in pieces of {@code piece} bytes, without adding it. */
    private BlobId writeBlob(byte[] body, int piece) throws IOException {
        BlobWriter writer = store.createBlob();
        for (int offset = 0; offset < body.length; offset += piece) {
            writer.write(body, offset, Math.min(piece, body.length - offset));
        }
        assertThat(writer.length()).isEqualTo(body.length);
        return writer.finish();
    }

    private byte[] readAll(BlobId id, long offset) throws IOException {
        try (InputStream in = store.openBlob(id, offset)) {
            return in.readAllBytes();
        }
    }

    private Map<String, String> scan(String prefix, String fromKey) {
        Map<String, String> seen = new LinkedHashMap<>();
        store.scan(prefix, fromKey, (key, value) -> {
            seen.put(key, text(value));
            return true;
        });
        return seen;
    }

    private List<String> keys(String prefix, String fromKey) {
        return new ArrayList<>(scan(prefix, fromKey).keySet());
    }

    private @org.jspecify.annotations.Nullable String value(String key) {
        byte[] value = store.read(key);
        return value == null ? null : text(value);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
