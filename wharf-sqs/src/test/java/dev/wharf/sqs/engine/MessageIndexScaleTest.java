package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Measures the heap that the index spends per queued message; run by hand with -Dgroups=scale -Dwharf.excludedGroups=none. */
@Tag("scale")
class MessageIndexScaleTest {

    private static final int MESSAGES = 1_000_000;

    @Test
    void indexStaysUnderTwoHundredBytesPerQueuedMessage() {
        long now = 1_700_000_000_000L;
        long before = usedHeap();
        MessageIndex index = new MessageIndex();
        for (long sequence = 1; sequence <= MESSAGES; sequence++) {
            // A mix like a busy queue: mostly ready, some delayed, some in flight.
            long visibleAt = sequence % 10 == 0 ? now + 60_000 : now;
            int receiveCount = sequence % 20 == 0 ? 1 : 0;
            index.add(sequence, new IndexRecord(visibleAt, receiveCount, receiveCount == 0 ? 0 : now, now), now);
        }
        long after = usedHeap();
        double perMessage = (after - before) / (double) MESSAGES;
        System.out.printf("index: %.1f bytes per queued message (%d messages)%n", perMessage, index.size());
        assertThat(index.size()).isEqualTo(MESSAGES);
        assertThat(perMessage).isLessThan(200);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
