package dev.wharf.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour that every {@link MetricStore} backend passes: subclass it, open the backend in {@link #open()}, and say
 * in {@link #survivesReopen()} whether committed data outlives a close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class MetricStoreContractTest {

    /** The bound of every wait in this suite, so a broken backend fails instead of hanging. */
    private static final long WAIT_SECONDS = 30;

    private static final long SERIES = 7;

    /** The periods at which CloudWatch keeps data, and the largest the SPI accepts. */
    private static final List<Integer> PERIODS = List.of(1, 60, 300, 3600, Integer.MAX_VALUE);

    /** Series ids at the edges of their encoding, the largest two included. */
    private static final List<Long> SERIES_EDGES = List.of(0L, 1L, 255L, 256L, Long.MAX_VALUE - 1, Long.MAX_VALUE);

    /** Times in ascending order, across the sign and byte boundaries; a scan's end excludes Long.MAX_VALUE itself. */
    private static final List<Long> TIMES_IN_ORDER = List.of(
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1,
            -86_400L,
            -256L,
            -255L,
            -1L,
            0L,
            1L,
            255L,
            256L,
            1_700_000_000L,
            Long.MAX_VALUE - 1,
            Long.MAX_VALUE);

    /**
     * Keys in ascending order of their UTF-8 bytes: ASCII around '/' (0x2F), keys that are prefixes of one another,
     * each length of UTF-8 sequence at its edges, and U+E000 to U+FFFF before the characters above U+FFFF, which
     * {@link String#compareTo} orders the other way round.
     */
    private static final List<String> KEYS_IN_BYTE_ORDER = List.of(
            "",
            "\u0000",
            "a",
            "a/",
            "a//",
            "a/b",
            "a/b/c",
            "a0",
            "b",
            "\u007F",
            "\u0080",
            "\u00E9",
            "\u00E9/x",
            "\u00FF",
            "\u0100",
            "\u07FF",
            "\u0800",
            "\uD7FF",
            "\uE000",
            "\uFFFD",
            "\uFFFF",
            "\uD800\uDC00",
            "\uD83D\uDE00",
            "\uD83D\uDE00/alarm",
            "\uDBFF\uDFFF");

    /** One visited point, its value as text. */
    private record Point(long time, String value) {}

    private StorageEngine engine;
    private MetricStore store;

    /**
     * Opens the backend over this test's data. For a durable backend, a second call after the first engine is closed
     * opens the same data again.
     */
    protected abstract StorageEngine open();

    /** Whether committed data survives {@link #reopen()}; the persistence tests are skipped when it does not. */
    protected abstract boolean survivesReopen();

    /** Closes the current engine and opens the same data again; the tests then use the new engine. */
    protected StorageEngine reopen() {
        engine.close();
        engine = open();
        store = engine.metrics();
        return engine;
    }

    /** The engine that the current test uses. */
    protected final StorageEngine engine() {
        return engine;
    }

    @BeforeEach
    final void openEngine() {
        engine = open();
        store = engine.metrics();
    }

    @AfterEach
    final void closeEngine() {
        engine.close();
    }

    @Test
    void aNewStoreIsEmpty() {
        assertThat(resources("")).isEmpty();
        assertThat(store.readResource("")).isNull();
        assertThat(store.readResource("alarm/a")).isNull();
        assertThat(store.readPoint(SERIES, 60, 0)).isNull();
        assertThat(allPoints(SERIES, 60)).isEmpty();
    }

    @Test
    void resourcesArePutReplacedAndReadBack() {
        store.commit(new MetricBatch()
                .putResource("alarm/high", bytes("v1"))
                .putResource("series/1", bytes("s1"))
                .putResource("empty", new byte[0]));
        store.commit(new MetricBatch().putResource("alarm/high", bytes("v2")));

        assertThat(resource("alarm/high")).isEqualTo("v2");
        assertThat(resource("series/1")).isEqualTo("s1");
        assertThat(store.readResource("empty")).isNotNull().isEmpty();
        assertThat(store.readResource("alarm/hig")).isNull();
        assertThat(store.readResource("alarm/high/")).isNull();
        assertThat(resources(""))
                .containsExactly(entry("alarm/high", "v2"), entry("empty", ""), entry("series/1", "s1"));
    }

    @Test
    void deleteResourceRemovesThatKeyOnlyAndAMissingKeyIsANoOp() {
        store.commit(new MetricBatch()
                .putResource("alarm/a", bytes("a"))
                .putResource("alarm/a/", bytes("a/"))
                .putResource("alarm/ab", bytes("ab")));

        store.commit(new MetricBatch()
                .deleteResource("alarm/a")
                .deleteResource("alarm/missing")
                .deleteResourcePrefix("nothing/"));

        assertThat(store.readResource("alarm/a")).isNull();
        assertThat(resources("")).containsExactly(entry("alarm/a/", "a/"), entry("alarm/ab", "ab"));
    }

    @Test
    void resourcesAreScannedInUnsignedUtf8ByteOrder() {
        List<String> shuffled = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        Collections.shuffle(shuffled, new Random(42));
        for (String key : shuffled) {
            // One batch per record, so that the order of commits is not the order of keys.
            store.commit(new MetricBatch().putResource(key, bytes("v:" + key)));
        }

        Map<String, String> all = resources("");
        assertThat(all.keySet()).containsExactlyElementsOf(KEYS_IN_BYTE_ORDER);
        KEYS_IN_BYTE_ORDER.forEach(key -> assertThat(all).containsEntry(key, "v:" + key));
        // The list is what the contract says: its keys' UTF-8 bytes ascend, unsigned.
        for (int i = 1; i < KEYS_IN_BYTE_ORDER.size(); i++) {
            assertThat(Arrays.compareUnsigned(
                            KEYS_IN_BYTE_ORDER.get(i - 1).getBytes(UTF_8),
                            KEYS_IN_BYTE_ORDER.get(i).getBytes(UTF_8)))
                    .as("byte order of %s", KEYS_IN_BYTE_ORDER.get(i))
                    .isNegative();
        }
        // And it is not String's order, which would put a character above U+FFFF before U+E000 to U+FFFF.
        assertThat("\uD800\uDC00".compareTo("\uE000")).isNegative();
    }

    @Test
    void aPrefixScanVisitsOneContiguousRangeOfTheKeysThatStartWithIt() {
        putAllResources();
        List<String> all = new ArrayList<>(resources("").keySet());

        for (String prefix : List.of("a", "a/", "a/b", "\u00E9", "\u00FF", "\uFFFF", "\uD83D\uDE00", "\uDBFF\uDFFF")) {
            List<String> expected = KEYS_IN_BYTE_ORDER.stream()
                    .filter(key -> key.startsWith(prefix))
                    .toList();
            List<String> visited = new ArrayList<>(resources(prefix).keySet());
            assertThat(visited).as("keys under %s", prefix).isEqualTo(expected);
            int first = all.indexOf(expected.get(0));
            assertThat(all.subList(first, first + expected.size()))
                    .as("the keys under %s are one range of the whole order", prefix)
                    .isEqualTo(expected);
        }
        // U+00E9 (C3 A9) and U+00FF (C3 BF) share their first byte, not a character.
        assertThat(resources("\u00E9").keySet()).containsExactly("\u00E9", "\u00E9/x");
        assertThat(resources("a/b/c/")).isEmpty();
        assertThat(resources("a1")).isEmpty();
    }

    @Test
    void deleteResourcePrefixRemovesEveryKeyThatStartsWithItAndNoOther() {
        putAllResources();

        // U+00FF (C3 BF) is the last two-byte key before U+0100 (C4 80); U+DBFF U+DFFF (F4 8F BF BF) is the last key.
        store.commit(new MetricBatch()
                .deleteResourcePrefix("a/")
                .deleteResourcePrefix("\u00FF")
                .deleteResourcePrefix("\uD83D\uDE00")
                .deleteResourcePrefix("\uDBFF\uDFFF"));

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(
                List.of("a/", "a//", "a/b", "a/b/c", "\u00FF", "\uD83D\uDE00", "\uD83D\uDE00/alarm", "\uDBFF\uDFFF"));
        assertThat(resources("").keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void keysWithAnUnpairedSurrogateAreRejected() {
        store.commit(new MetricBatch().putResource("a?", bytes("question mark")));

        for (String malformed : List.of("a\uD800", "a\uDC00", "\uDC00\uD800", "a\uD83Db", "\uD83D")) {
            assertThatThrownBy(() -> new MetricBatch().putResource(malformed, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> new MetricBatch().deleteResource(malformed))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new MetricBatch().deleteResourcePrefix(malformed))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readResource(malformed)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanResources(malformed, (key, value) -> {}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(resources("")).containsExactly(entry("a?", "question mark"));
    }

    @Test
    void pointsArePutReplacedAndReadBack() {
        store.commit(new MetricBatch()
                .putPoint(SERIES, 60, 120, bytes("first"))
                .putPoint(SERIES, 60, 180, bytes("other"))
                .putPoint(SERIES, 300, 120, new byte[0]));
        store.commit(new MetricBatch().putPoint(SERIES, 60, 120, bytes("second")));

        assertThat(point(SERIES, 60, 120)).isEqualTo("second");
        assertThat(point(SERIES, 60, 180)).isEqualTo("other");
        assertThat(store.readPoint(SERIES, 300, 120)).isNotNull().isEmpty();
        assertThat(store.readPoint(SERIES, 60, 121)).isNull();
        assertThat(store.readPoint(SERIES, 1, 120)).isNull();
        assertThat(store.readPoint(SERIES + 1, 60, 120)).isNull();
        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(120, "second"), new Point(180, "other"));
    }

    @Test
    void aScanVisitsTimesFromItsStartIncludedToItsEndExcludedInAscendingOrder() {
        for (long time : List.of(300L, 0L, 240L, 60L, 180L, 120L)) {
            store.commit(new MetricBatch().putPoint(SERIES, 60, time, bytes("t" + time)));
        }

        assertThat(times(SERIES, 60, 60, 240)).containsExactly(60L, 120L, 180L);
        assertThat(times(SERIES, 60, 61, 241)).containsExactly(120L, 180L, 240L);
        assertThat(times(SERIES, 60, 0, 1)).containsExactly(0L);
        assertThat(times(SERIES, 60, 300, Long.MAX_VALUE)).containsExactly(300L);
        assertThat(times(SERIES, 60, 301, Long.MAX_VALUE)).isEmpty();
        assertThat(times(SERIES, 60, Long.MIN_VALUE, 0)).isEmpty();
        assertThat(times(SERIES, 60, 120, 120)).as("an empty range").isEmpty();
        assertThat(times(SERIES, 60, 240, 120))
                .as("a range that ends before it starts")
                .isEmpty();
        assertThat(allPoints(SERIES, 60))
                .extracting(Point::value)
                .containsExactly("t0", "t60", "t120", "t180", "t240", "t300");
    }

    @Test
    void negativeTimesAreOrderedBeforePositiveOnes() {
        List<Long> shuffled = new ArrayList<>(TIMES_IN_ORDER);
        Collections.shuffle(shuffled, new Random(7));
        for (long time : shuffled) {
            store.commit(new MetricBatch().putPoint(SERIES, 60, time, bytes(Long.toString(time))));
        }

        List<Long> scannable = TIMES_IN_ORDER.subList(0, TIMES_IN_ORDER.size() - 1);
        assertThat(times(SERIES, 60, Long.MIN_VALUE, Long.MAX_VALUE)).containsExactlyElementsOf(scannable);
        assertThat(times(SERIES, 60, -256, 256)).containsExactly(-256L, -255L, -1L, 0L, 1L, 255L);
        assertThat(times(SERIES, 60, Long.MIN_VALUE, -1))
                .containsExactly(Long.MIN_VALUE, Long.MIN_VALUE + 1, -86_400L, -256L, -255L);
        assertThat(times(SERIES, 60, 0, Long.MAX_VALUE))
                .containsExactly(0L, 1L, 255L, 256L, 1_700_000_000L, Long.MAX_VALUE - 1);
        for (long time : TIMES_IN_ORDER) {
            assertThat(point(SERIES, 60, time)).isEqualTo(Long.toString(time));
        }
    }

    @Test
    void aScanStopsAtThePointItsVisitorAnswersFalseFor() {
        for (long time = 1; time <= 10; time++) {
            store.commit(new MetricBatch().putPoint(SERIES, 1, time, bytes("t" + time)));
        }

        List<Long> visited = new ArrayList<>();
        store.scanPoints(SERIES, 1, Long.MIN_VALUE, Long.MAX_VALUE, (time, value) -> {
            visited.add(time);
            return visited.size() < 3;
        });
        assertThat(visited).containsExactly(1L, 2L, 3L);

        List<Long> first = new ArrayList<>();
        store.scanPoints(SERIES, 1, 5, 8, (time, value) -> {
            first.add(time);
            return false;
        });
        assertThat(first).containsExactly(5L);
    }

    @Test
    void everySeriesAndPeriodIsARangeOfItsOwn() {
        List<Long> times = List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE - 1);
        putEverywhere(times);

        for (long series : SERIES_EDGES) {
            for (int period : PERIODS) {
                List<Point> expected = times.stream()
                        .map(time -> new Point(time, series + "/" + period + "/" + time))
                        .toList();
                assertThat(allPoints(series, period))
                        .as("points of %d/%d", series, period)
                        .isEqualTo(expected);
            }
            assertThat(allPoints(series, 2)).isEmpty();
            assertThat(allPoints(series, 3599)).isEmpty();
            assertThat(allPoints(series, Integer.MAX_VALUE - 1)).isEmpty();
        }
        assertThat(allPoints(2, 60)).isEmpty();
        assertThat(allPoints(Long.MAX_VALUE - 2, 60)).isEmpty();
    }

    @Test
    void deletePointsBeforeDeletesTheEarlierPointsOfItsSeriesAndPeriodOnly() {
        List<Long> times = List.of(Long.MIN_VALUE, -60L, -1L, 0L, 60L, 120L, Long.MAX_VALUE);
        putEverywhere(times);

        store.commit(new MetricBatch()
                .deletePointsBefore(1, 60, 60)
                .deletePointsBefore(Long.MAX_VALUE, Integer.MAX_VALUE, 0)
                .deletePointsBefore(Long.MAX_VALUE - 1, 3600, Long.MIN_VALUE));

        for (long series : SERIES_EDGES) {
            for (int period : PERIODS) {
                long before = series == 1 && period == 60 ? 60 : 0;
                boolean cut =
                        (series == 1 && period == 60) || (series == Long.MAX_VALUE && period == Integer.MAX_VALUE);
                List<Long> expected =
                        times.stream().filter(time -> !cut || time >= before).toList();
                assertThat(pointTimes(series, period, expected.size()))
                        .as("points of %d/%d", series, period)
                        .isEqualTo(expected);
            }
        }

        store.commit(new MetricBatch().deletePointsBefore(0, 1, Long.MAX_VALUE));
        assertThat(allPoints(0, 1)).isEmpty();
        assertThat(point(0, 1, Long.MAX_VALUE)).isEqualTo("0/1/" + Long.MAX_VALUE);
        assertThat(allPoints(0, 60)).hasSize(times.size() - 1);
    }

    @Test
    void deleteSeriesPointsDeletesEveryPeriodOfThatSeriesOnly() {
        List<Long> times = List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
        putEverywhere(times);
        store.commit(new MetricBatch().putResource("series/1", bytes("kept")));

        store.commit(new MetricBatch()
                .deleteSeriesPoints(1)
                .deleteSeriesPoints(Long.MAX_VALUE)
                .deleteSeriesPoints(42));

        for (long series : SERIES_EDGES) {
            boolean deleted = series == 1 || series == Long.MAX_VALUE;
            for (int period : PERIODS) {
                assertThat(pointTimes(series, period, deleted ? 0 : times.size()))
                        .as("points of %d/%d", series, period)
                        .isEqualTo(deleted ? List.of() : times);
            }
        }
        assertThat(resource("series/1")).isEqualTo("kept");
    }

    @Test
    void theOpsOfOneBatchApplyInTheirOrder() {
        store.commit(new MetricBatch()
                .putPoint(SERIES, 60, 0, bytes("put then deleted"))
                .deletePointsBefore(SERIES, 60, 60)
                .deletePointsBefore(SERIES, 300, 600)
                .putPoint(SERIES, 300, 0, bytes("deleted then put"))
                .putPoint(SERIES + 1, 1, 5, bytes("gone"))
                .deleteSeriesPoints(SERIES + 2)
                .deleteSeriesPoints(SERIES + 1)
                .putPoint(SERIES + 1, 1, 6, bytes("after the series delete"))
                .putResource("alarm/a", bytes("gone"))
                .deleteResource("alarm/a")
                .deleteResource("alarm/b")
                .putResource("alarm/b", bytes("b"))
                .putResource("alarm/c/1", bytes("gone"))
                .deleteResourcePrefix("alarm/c")
                .putResource("alarm/c", bytes("c again"))
                .putResource("alarm/d", bytes("old"))
                .putResource("alarm/d", bytes("new")));

        assertThat(allPoints(SERIES, 60)).isEmpty();
        assertThat(allPoints(SERIES, 300)).containsExactly(new Point(0, "deleted then put"));
        assertThat(allPoints(SERIES + 1, 1)).containsExactly(new Point(6, "after the series delete"));
        assertThat(resources("alarm/"))
                .containsExactly(entry("alarm/b", "b"), entry("alarm/c", "c again"), entry("alarm/d", "new"));
    }

    @Test
    void readsAndScansHandOutCopies() {
        store.commit(new MetricBatch().putResource("k", bytes("value")).putPoint(SERIES, 60, 0, bytes("point")));

        Objects.requireNonNull(store.readResource("k"))[0] = 'X';
        store.scanResources("", (key, value) -> value[0] = 'X');
        Objects.requireNonNull(store.readPoint(SERIES, 60, 0))[0] = 'X';
        store.scanPoints(SERIES, 60, 0, 1, (time, value) -> {
            value[0] = 'X';
            return true;
        });

        assertThat(resource("k")).isEqualTo("value");
        assertThat(resources("")).containsExactly(entry("k", "value"));
        assertThat(point(SERIES, 60, 0)).isEqualTo("point");
        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(0, "point"));
    }

    @Test
    void submittedBatchesApplyInSubmissionOrderWhoeverWaitsFirst() {
        PendingCommit put = store.submit(
                new MetricBatch().putPoint(SERIES, 60, 0, bytes("v1")).putResource("r", bytes("1")));
        PendingCommit retention = store.submit(new MetricBatch().deletePointsBefore(SERIES, 60, 60));
        PendingCommit again = store.submit(
                new MetricBatch().putPoint(SERIES, 60, 0, bytes("v2")).deleteResourcePrefix("r"));
        again.await();
        retention.await();
        put.await();
        put.await();

        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(0, "v2"));
        assertThat(resources("")).isEmpty();
        assertThat(store.submit(new MetricBatch())).isSameAs(PendingCommit.DONE);
        store.commit(new MetricBatch());
        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(0, "v2"));
    }

    @Test
    void commitsShareOneOrderWithTheEngineOtherStores() {
        PendingCommit topic = engine.topics().submit(new TopicBatch().put("topic/a", bytes("t")));
        PendingCommit metric = store.submit(new MetricBatch().putPoint(SERIES, 60, 0, bytes("m")));

        // Once the later commit is durable the earlier one is too, whichever store it went to, so reads show both.
        metric.await();
        assertThat(engine.topics().read("topic/a")).isEqualTo(bytes("t"));
        assertThat(point(SERIES, 60, 0)).isEqualTo("m");
        topic.await();
    }

    @Test
    void scansAndReadsNeverSeeHalfABatch() throws Exception {
        int commits = 300;
        store.commit(new MetricBatch()
                .putPoint(SERIES, 60, 0, bytes("0"))
                .putPoint(SERIES, 300, 0, bytes("0"))
                .putResource("pair/a", bytes("0"))
                .putResource("pair/b", bytes("0")));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger scans = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= commits; i++) {
                        // Each batch moves the series' one point per period to a later time and rewrites the pair.
                        store.commit(new MetricBatch()
                                .deleteSeriesPoints(SERIES)
                                .putPoint(SERIES, 60, i, bytes(Integer.toString(i)))
                                .putPoint(SERIES, 300, i, bytes(Integer.toString(i)))
                                .deleteResourcePrefix("pair/")
                                .putResource("pair/a", bytes(Integer.toString(i)))
                                .putResource("pair/b", bytes(Integer.toString(i))));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                while (writing.get() || scans.get() == 0) {
                    assertThat(allPoints(SERIES, 60)).as("points at 60").hasSize(1);
                    assertThat(allPoints(SERIES, 300)).as("points at 300").hasSize(1);
                    Map<String, String> pair = resources("pair/");
                    assertThat(pair).hasSize(2);
                    assertThat(pair.get("pair/a")).isEqualTo(pair.get("pair/b"));
                    scans.incrementAndGet();
                }
                return null;
            });
            writer.get(WAIT_SECONDS, TimeUnit.SECONDS);
            reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(commits, Integer.toString(commits)));
        assertThat(scans.get()).isPositive();
    }

    @Test
    void badArgumentsAreRejectedWhereTheyAreMade() {
        MetricBatch batch = new MetricBatch();
        for (long series : List.of(-1L, Long.MIN_VALUE)) {
            assertThatThrownBy(() -> batch.putPoint(series, 60, 0, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a series id must not be negative: " + series);
            assertThatThrownBy(() -> batch.deletePointsBefore(series, 60, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.deleteSeriesPoints(series)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readPoint(series, 60, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanPoints(series, 60, 0, 1, (time, value) -> true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (int period : List.of(0, -1, Integer.MIN_VALUE)) {
            assertThatThrownBy(() -> batch.putPoint(SERIES, period, 0, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a period must be positive: " + period);
            assertThatThrownBy(() -> batch.deletePointsBefore(SERIES, period, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.readPoint(SERIES, period, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scanPoints(SERIES, period, 0, 1, (time, value) -> true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> batch.deleteResourcePrefix(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a prefix to delete must not be empty");
        assertThat(batch.isEmpty()).as("a refused op is not added").isTrue();
        store.commit(batch);
        assertThat(allPoints(SERIES, 60)).isEmpty();
    }

    @Test
    void aClosedStoreRefusesEveryCallButAnEmptySubmit() {
        store.commit(new MetricBatch().putResource("k", bytes("v")).putPoint(SERIES, 60, 0, bytes("p")));
        engine.close();

        assertThatThrownBy(() -> store.commit(new MetricBatch().putResource("k", bytes("w"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.submit(new MetricBatch().deleteSeriesPoints(SERIES)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.scanResources("", (key, value) -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readResource("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readPoint(SERIES, 60, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanPoints(SERIES, 60, 0, 60, (time, value) -> true))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.scanPoints(SERIES, 60, 60, 0, (time, value) -> true))
                .as("a scan of an empty range")
                .isInstanceOf(IllegalStateException.class);
        // An empty batch changes nothing, so it needs no open store; a second close is a no-op.
        assertThat(store.submit(new MetricBatch())).isSameAs(PendingCommit.DONE);
        store.commit(new MetricBatch());
        engine.close();
    }

    @Test
    void committedDataSurvivesAReopen() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        putAllResources();
        for (long time : TIMES_IN_ORDER) {
            store.commit(new MetricBatch().putPoint(SERIES, 60, time, bytes(Long.toString(time))));
        }
        store.commit(new MetricBatch()
                .putPoint(Long.MAX_VALUE, Integer.MAX_VALUE, -1, bytes("edge"))
                .putPoint(SERIES, 300, 0, bytes("gone")));
        store.commit(new MetricBatch()
                .deletePointsBefore(SERIES, 60, 0)
                .deleteSeriesPoints(SERIES)
                .putPoint(SERIES, 60, 256, bytes("again"))
                .deleteResourcePrefix("a/")
                .deleteResource("b"));

        reopen();

        List<String> expected = new ArrayList<>(KEYS_IN_BYTE_ORDER);
        expected.removeAll(List.of("a/", "a//", "a/b", "a/b/c", "b"));
        assertThat(resources("").keySet()).containsExactlyElementsOf(expected);
        assertThat(resource("\uD83D\uDE00")).isEqualTo("v:\uD83D\uDE00");
        assertThat(allPoints(SERIES, 60)).containsExactly(new Point(256, "again"));
        assertThat(allPoints(SERIES, 300)).isEmpty();
        assertThat(point(Long.MAX_VALUE, Integer.MAX_VALUE, -1)).isEqualTo("edge");
    }

    @Test
    void negativeTimesAndRangeDeletesStayOrderedAfterAReopenAndTheStoreTakesCommits() {
        assumeTrue(survivesReopen(), "this backend keeps nothing after a close");
        for (long time : TIMES_IN_ORDER) {
            store.commit(new MetricBatch().putPoint(SERIES, 1, time, bytes(Long.toString(time))));
        }

        reopen();
        assertThat(times(SERIES, 1, Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactlyElementsOf(TIMES_IN_ORDER.subList(0, TIMES_IN_ORDER.size() - 1));
        store.commit(new MetricBatch().deletePointsBefore(SERIES, 1, 1).putResource("alarm/a", bytes("a")));
        reopen();

        assertThat(times(SERIES, 1, Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactly(1L, 255L, 256L, 1_700_000_000L, Long.MAX_VALUE - 1);
        assertThat(point(SERIES, 1, Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(resources("")).containsExactly(entry("alarm/a", "a"));
    }

    /** Puts each key with the value {@code v:<key>}, one batch for all. */
    private void putAllResources() {
        MetricBatch batch = new MetricBatch();
        KEYS_IN_BYTE_ORDER.forEach(key -> batch.putResource(key, bytes("v:" + key)));
        store.commit(batch);
    }

    /** Puts a point at each time for every series edge and period, valued {@code series/period/time}. */
    private void putEverywhere(List<Long> times) {
        // One batch per (series, period), in reverse order, so that only the store's keys put them in order.
        for (long series : SERIES_EDGES.reversed()) {
            for (int period : PERIODS.reversed()) {
                MetricBatch batch = new MetricBatch();
                times.forEach(time -> batch.putPoint(series, period, time, bytes(series + "/" + period + "/" + time)));
                store.commit(batch);
            }
        }
    }

    /**
     * The times of a (series, period), with the point at Long.MAX_VALUE (which no scan reaches) read on its own, after
     * checking that the scan found the count expected of it.
     */
    private List<Long> pointTimes(long series, int period, int expected) {
        List<Long> found = new ArrayList<>(times(series, period, Long.MIN_VALUE, Long.MAX_VALUE));
        if (store.readPoint(series, period, Long.MAX_VALUE) != null) {
            found.add(Long.MAX_VALUE);
        }
        assertThat(found).as("points of %d/%d", series, period).hasSize(expected);
        return found;
    }

    private List<Point> allPoints(long series, int period) {
        List<Point> out = new ArrayList<>();
        store.scanPoints(series, period, Long.MIN_VALUE, Long.MAX_VALUE, (time, value) -> {
            out.add(new Point(time, new String(value, UTF_8)));
            return true;
        });
        return out;
    }

    private List<Long> times(long series, int period, long from, long to) {
        List<Long> out = new ArrayList<>();
        store.scanPoints(series, period, from, to, (time, value) -> {
            assertThat(time).isGreaterThanOrEqualTo(from).isLessThan(to);
            out.add(time);
            return true;
        });
        return out;
    }

    private Map<String, String> resources(String prefix) {
        Map<String, String> visited = new LinkedHashMap<>();
        store.scanResources(prefix, (key, value) -> {
            String previous = visited.put(key, new String(value, UTF_8));
            assertThat(previous).as("key %s visited twice", key).isNull();
        });
        return visited;
    }

    private String resource(String key) {
        byte[] value = store.readResource(key);
        if (value == null) {
            throw new AssertionError("no resource stored under " + key);
        }
        return new String(value, UTF_8);
    }

    private String point(long series, int period, long time) {
        byte[] value = store.readPoint(series, period, time);
        if (value == null) {
            throw new AssertionError("no point stored at " + series + "/" + period + "/" + time);
        }
        return new String(value, UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
