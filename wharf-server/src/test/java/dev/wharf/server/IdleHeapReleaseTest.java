package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heap is released once per idle period after work, never while requests come, never when nothing happened. */
class IdleHeapReleaseTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicInteger collections = new AtomicInteger();
    private final IdleHeapRelease idle = new IdleHeapRelease(collections::incrementAndGet);

    private void work() {
        idle.onStart();
        idle.onFinish();
    }

    @Test
    void aRequestStillRunningSuchAsALongPollKeepsTheHeapUntilItAnswers() {
        idle.onStart();
        assertThat(idle.check(0)).isFalse();
        assertThat(idle.check(15 * SECOND)).isFalse();
        assertThat(idle.check(20 * SECOND)).isFalse();
        idle.onFinish();
        assertThat(idle.check(22 * SECOND)).isFalse();
        assertThat(idle.check(29 * SECOND)).isFalse();
        assertThat(idle.check(30 * SECOND)).isTrue();
        assertThat(collections).hasValue(1);
    }

    @Test
    void anIdleServerThatDidNoWorkNeverCollects() {
        for (long t = 0; t < 60 * SECOND; t += 2 * SECOND) {
            assertThat(idle.check(t)).isFalse();
        }
        assertThat(collections).hasValue(0);
    }

    @Test
    void collectsOnceAfterTenQuietSecondsFollowingWork() {
        work();
        assertThat(idle.check(0)).isFalse();
        assertThat(idle.check(9 * SECOND)).isFalse();
        assertThat(idle.check(10 * SECOND)).isTrue();
        assertThat(idle.check(30 * SECOND)).isFalse();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aBusyServerNeverCollectsAndTheNextQuietPeriodCollectsAgain() {
        for (long t = 0; t < 60 * SECOND; t += 2 * SECOND) {
            work();
            assertThat(idle.check(t)).isFalse();
        }
        assertThat(idle.check(70 * SECOND)).isTrue();
        work();
        assertThat(idle.check(72 * SECOND)).isFalse();
        assertThat(idle.check(82 * SECOND)).isTrue();
        assertThat(collections).hasValue(2);
    }
}
