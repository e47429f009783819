package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link MessageArchiveStore} backend passes: subclass it, open the backend in {@link
 * #open()}, and say in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class MessageArchiveStoreContractTest {

    /** Times and sequences in ascending order, around each byte boundary of their big-endian form. */
    private static final List<Long> POSITIONS =
            List.of(0L, 1L, 127L, 128L, 255L, 256L, 65_535L, 1L << 31, 1L << 32, 1L << 56, Long.MAX_VALUE);

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders.fifo";

    /** One visited entry, its payload as text. */
    private record Entry(long timeMillis, long sequence, String payload) {}

    private StorageEngine engine;
    private MessageArchiveStore store;

    /**
     * Opens the backend over this test's data. For a durable backend, a second call after the first engine is closed
     * opens the same data again.
     */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    private void reopen() {
        engine.close();
        engine = open();
        store = engine.archive();
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.archive();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private List<Entry> all(String archive) {
        return scan(archive, 0, 0, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    private List<Entry> scan(String archive, long fromMillis, long fromSequence, long toMillis, int limit) {
        List<Entry> out = new ArrayList<>();
        int visited = store.scan(
                archive,
                fromMillis,
                fromSequence,
                toMillis,
                limit,
                (time, sequence, payload) -> out.add(new Entry(time, sequence, new String(payload, UTF_8))));
        assertThat(visited).isEqualTo(out.size());
        return out;
    }

    private void append(String archive, long time, long sequence, String payload) {
        store.commit(new ArchiveBatch().append(archive, time, sequence, bytes(payload)));
    }

    @Test
    void scanReturnsEntriesInTimeThenSequenceOrderWhateverTheAppendOrder() {
        List<Entry> expected = new ArrayList<>();
        for (long time : POSITIONS) {
            for (long sequence : List.of(0L, 1L, 255L, 256L, Long.MAX_VALUE)) {
                expected.add(new Entry(time, sequence, time + "/" + sequence));
            }
        }
        ArchiveBatch batch = new ArchiveBatch();
        for (Entry entry : expected.reversed()) {
            batch.append(TOPIC, entry.timeMillis(), entry.sequence(), bytes(entry.payload()));
        }
        store.commit(batch);

        assertThat(all(TOPIC)).containsExactlyElementsOf(expected);
    }

    @Test
    void scanStartsAtItsPositionIncludedAndStopsAtItsTimeIncludedOrItsLimit() {
        for (long i = 1; i <= 6; i++) {
            append(TOPIC, 100 * i, i, "m" + i);
        }

        assertThat(scan(TOPIC, 300, 3, 500, 10)).extracting(Entry::payload).containsExactly("m3", "m4", "m5");
        assertThat(scan(TOPIC, 300, 4, 500, 10)).extracting(Entry::payload).containsExactly("m4", "m5");
        assertThat(scan(TOPIC, 250, 0, Long.MAX_VALUE, 2))
                .extracting(Entry::payload)
                .containsExactly("m3", "m4");
        assertThat(scan(TOPIC, 700, 0, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(scan(TOPIC, 0, 0, 99, 10)).isEmpty();
        assertThat(scan("arn:aws:sns:us-east-1:000000000000:none.fifo", 0, 0, Long.MAX_VALUE, 10))
                .isEmpty();
    }

    @Test
    void archivesWhoseNamesShareAPrefixKeepTheirOwnEntries() {
        List<String> names = List.of("a", "ab", "a/b", "a\u0001", "b", "\u00e9t\u00e9", "\ud83d\ude00", TOPIC);
        for (String name : names) {
            append(name, 5, 1, name);
            append(name, Long.MAX_VALUE, Long.MAX_VALUE, name + "!");
        }
        for (String name : names) {
            assertThat(all(name)).extracting(Entry::payload).containsExactly(name, name + "!");
        }
        store.commit(new ArchiveBatch().deleteArchive("a"));

        assertThat(all("a")).isEmpty();
        assertThat(all("ab")).hasSize(2);
        assertThat(all("a\u0001")).hasSize(2);
    }

    @Test
    void anAppendAtATakenPositionReplacesItsEntry() {
        append(TOPIC, 10, 1, "first");
        append(TOPIC, 10, 1, "second");

        assertThat(all(TOPIC)).containsExactly(new Entry(10, 1, "second"));
    }

    @Test
    void lastIsTheNewestEntryOrNullForAnEmptyArchive() {
        assertThat(store.last(TOPIC)).isNull();
        append(TOPIC, 10, 7, "a");
        append(TOPIC, 10, 9, "b");
        append(TOPIC, 5, 100, "older");

        assertThat(store.last(TOPIC)).isEqualTo(new MessageArchiveStore.Position(10, 9));
        assertThat(store.purge(TOPIC, Long.MAX_VALUE, 10)).isEqualTo(3);
        assertThat(store.last(TOPIC)).isNull();
    }

    @Test
    void purgeDeletesTheOldestEntriesBeforeItsTimeAtMostItsLimit() {
        for (long i = 1; i <= 10; i++) {
            append(TOPIC, 100 * i, i, "m" + i);
        }

        assertThat(store.purge(TOPIC, 750, 3)).isEqualTo(3);
        assertThat(all(TOPIC)).extracting(Entry::payload).startsWith("m4");
        assertThat(store.purge(TOPIC, 750, 3)).isEqualTo(3);
        assertThat(store.purge(TOPIC, 750, 3)).isEqualTo(1);
        assertThat(store.purge(TOPIC, 750, 3)).isZero();
        assertThat(all(TOPIC)).extracting(Entry::payload).containsExactly("m8", "m9", "m10");
        assertThat(store.purge(TOPIC, 800, 5)).isZero();
        assertThat(store.purge("other", Long.MAX_VALUE, 5)).isZero();
    }

    @Test
    void anArchiveGoesOnAfterAPurgeAndAfterItsDeletion() {
        append(TOPIC, 1, 1, "old");
        assertThat(store.purge(TOPIC, 2, 10)).isEqualTo(1);
        append(TOPIC, 3, 2, "new");
        assertThat(all(TOPIC)).extracting(Entry::payload).containsExactly("new");

        store.commit(new ArchiveBatch().deleteArchive(TOPIC).append(TOPIC, 4, 3, bytes("after")));

        assertThat(all(TOPIC)).extracting(Entry::payload).containsExactly("after");
        store.commit(new ArchiveBatch().append(TOPIC, 5, 4, bytes("gone")).deleteArchive(TOPIC));
        assertThat(all(TOPIC)).isEmpty();
        store.commit(new ArchiveBatch().deleteArchive("never-written"));
    }

    @Test
    void payloadsAreTheCallersOwnCopies() {
        byte[] payload = bytes("kept");
        store.commit(new ArchiveBatch().append(TOPIC, 1, 1, payload));
        store.scan(TOPIC, 0, 0, Long.MAX_VALUE, 10, (time, sequence, visited) -> visited[0] = 'X');

        assertThat(all(TOPIC)).extracting(Entry::payload).containsExactly("kept");
    }

    @Test
    void badNamesPositionsAndLimitsAreRefusedBeforeReachingTheStore() {
        for (String name : List.of("", "a\u0000b", "\ud800", "x\udc00")) {
            assertThatThrownBy(() -> new ArchiveBatch().append(name, 1, 1, new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ArchiveBatch().deleteArchive(name))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scan(name, 0, 0, 1, 1, (t, s, p) -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.last(name)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.purge(name, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ArchiveBatch().append(TOPIC, -1, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchiveBatch().append(TOPIC, 1, -1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scan(TOPIC, -1, 0, 1, 1, (t, s, p) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scan(TOPIC, 0, 0, 1, 0, (t, s, p) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.purge(TOPIC, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesEveryCallButAnEmptySubmit() {
        engine.close();

        assertThatThrownBy(() -> store.commit(new ArchiveBatch().append(TOPIC, 1, 1, new byte[0])))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scan(TOPIC, 0, 0, 1, 1, (t, s, p) -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.last(TOPIC)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.purge(TOPIC, 1, 1)).isInstanceOf(IllegalStateException.class);
        store.commit(new ArchiveBatch());
    }

    @Test
    void committedEntriesAndPurgesSurviveAReopen() {
        assumeTrue(survivesReopen());
        for (long i = 1; i <= 5; i++) {
            append(TOPIC, 100 * i, i, "m" + i);
        }
        assertThat(store.purge(TOPIC, 250, 10)).isEqualTo(2);
        append("other", 1, 1, "x");
        store.commit(new ArchiveBatch().deleteArchive("other"));

        reopen();

        assertThat(all(TOPIC)).extracting(Entry::payload).containsExactly("m3", "m4", "m5");
        assertThat(store.last(TOPIC)).isEqualTo(new MessageArchiveStore.Position(500, 5));
        assertThat(all("other")).isEmpty();
        assertThat(store.purge(TOPIC, 450, 10)).isEqualTo(2);
    }

    @Test
    void archiveCommitsShareTheOrderOfTheOtherStores() {
        // Submitted in one order across stores, the later ones are visible once the last is durable.
        store.submit(new ArchiveBatch().append(TOPIC, 1, 1, bytes("a")));
        engine.topics().commit(new TopicBatch().put("t/x", bytes("y")));

        assertThat(all(TOPIC)).hasSize(1);
        assertThat(engine.topics().read("t/x")).isNotNull();
    }
}
