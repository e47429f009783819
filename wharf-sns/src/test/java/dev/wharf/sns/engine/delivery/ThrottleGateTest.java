package dev.wharf.sns.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottleGateTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @Test
    void firstDeliveryStartsAtOnce() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(10));

        assertThat(gate.nextStart()).isEqualTo(START);
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void spacesStartsBySecondDividedByTheRate() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(4));

        assertThat(gate.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.tryAcquire()).isFalse();
        assertThat(gate.nextStart()).isEqualTo(START.plusMillis(250));

        clock.advance(Duration.ofMillis(249));
        assertThat(gate.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.nextStart()).isEqualTo(START.plusMillis(500));
    }

    @Test
    void aRefusedAttemptClaimsNothing() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(2));
        gate.tryAcquire();

        for (int i = 0; i < 1000; i++) {
            assertThat(gate.tryAcquire()).isFalse();
        }
        assertThat(gate.nextStart()).isEqualTo(START.plusMillis(500));
    }

    @Test
    void neverStartsMoreThanTheRateInAnySecond() {
        int rate = 3;
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(rate));
        // A second cannot be divided in three whole nanoseconds: the interval rounds up, never down.
        assertThat(gate.interval()).isEqualTo(Duration.ofNanos(333_333_334));

        int started = 0;
        Instant firstStart = null;
        Instant lastStart = null;
        for (int step = 0; step < 10_000; step++) {
            if (gate.tryAcquire()) {
                started++;
                firstStart = firstStart == null ? clock.instant() : firstStart;
                lastStart = clock.instant();
            }
            clock.advance(Duration.ofNanos(100_003));
        }
        assertThat(started).isEqualTo(rate);
        assertThat(Duration.between(firstStart, lastStart)).isLessThan(Duration.ofSeconds(1));

        clock.set(gate.nextStart());
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void anIdleGateDoesNotSaveUpABurst() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(5));
        clock.advance(Duration.ofMinutes(10));

        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.tryAcquire()).isFalse();
        assertThat(gate.nextStart()).isEqualTo(clock.instant().plusMillis(200));
    }

    @Test
    void aClockThatGoesBackFarDoesNotStallTheGate() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(1));
        clock.advance(Duration.ofHours(1));
        assertThat(gate.tryAcquire()).isTrue();

        clock.set(START);

        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.nextStart()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void aClockThatStepsBackALittleWaitsForTheStartItAlreadyGave() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(1));
        clock.advance(Duration.ofSeconds(5));
        gate.tryAcquire();

        clock.advance(Duration.ofMillis(-900));

        assertThat(gate.tryAcquire()).isFalse();
        assertThat(gate.nextStart()).isEqualTo(START.plusSeconds(6));
        clock.set(START.plusSeconds(6));
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void aClockThatStepsBackMoreThanAnIntervalBeforeTheLastStartWaitsFromTheNewTime() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(1));
        clock.advance(Duration.ofSeconds(5));
        gate.tryAcquire();

        clock.advance(Duration.ofMillis(-2_001));

        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.nextStart()).isEqualTo(START.plusMillis(3_999));
    }

    @Test
    void veryHighRatesKeepAtLeastOneNanosecondBetweenStarts() {
        ThrottleGate gate = new ThrottleGate(clock, new ThrottlePolicy(Integer.MAX_VALUE));

        assertThat(gate.interval()).isEqualTo(Duration.ofNanos(1));
        assertThat(gate.tryAcquire()).isTrue();
        assertThat(gate.tryAcquire()).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(gate.tryAcquire()).isTrue();
    }

    @Test
    void throttlePolicyRefusesARateBelowOne() {
        assertThatThrownBy(() -> new ThrottlePolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
