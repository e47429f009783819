package dev.wharf.sns.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.sns.engine.delivery.RetrySchedule.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryScheduleTest {

    private static List<Long> delaysMillis(RetrySchedule schedule, int from, int to) {
        List<Long> delays = new ArrayList<>();
        for (int attempt = from; attempt <= to; attempt++) {
            delays.add(schedule.delayBefore(attempt).toMillis());
        }
        return delays;
    }

    private static RetrySchedule backoffOnly(int min, int max, int retries, BackoffFunction function) {
        return new RetrySchedule(new RetryPolicy(min, max, retries, 0, 0, 0, function));
    }

    @Test
    void firstAttemptStartsAtOnceAndEveryRetryAddsAnAttempt() {
        RetrySchedule schedule = backoffOnly(5, 10, 7, BackoffFunction.LINEAR);

        assertThat(schedule.delayBefore(0)).isZero();
        assertThat(schedule.phaseOf(0)).isEqualTo(Phase.INITIAL);
        assertThat(schedule.attempts()).isEqualTo(8);
    }

    @Test
    void awsDefaultRetriesThreeTimesTwentySecondsApart() {
        RetrySchedule schedule = RetrySchedule.HTTP_DEFAULT;

        assertThat(schedule.attempts()).isEqualTo(4);
        assertThat(delaysMillis(schedule, 0, 3)).containsExactly(0L, 20_000L, 20_000L, 20_000L);
        assertThat(schedule.totalDelay()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void awsLinearExampleWithMaximumFortyWaitsTwentyThirtyForty() {
        // The developer guide's example: the default policy with maxDelayTarget 40.
        RetrySchedule schedule = backoffOnly(20, 40, 3, BackoffFunction.LINEAR);

        assertThat(delaysMillis(schedule, 1, 3)).containsExactly(20_000L, 30_000L, 40_000L);
    }

    @Test
    void runsTheFourPhasesInOrder() {
        // The developer guide's example policy: 3 at once, 2 a second apart, 10 backoff from 1 to 60 s, 35 at 60 s.
        RetrySchedule schedule = new RetrySchedule(new RetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL));

        assertThat(schedule.attempts()).isEqualTo(51);
        List<Phase> phases = new ArrayList<>();
        for (int attempt = 0; attempt < schedule.attempts(); attempt++) {
            phases.add(schedule.phaseOf(attempt));
        }
        assertThat(phases.subList(0, 1)).containsOnly(Phase.INITIAL);
        assertThat(phases.subList(1, 4)).containsOnly(Phase.IMMEDIATE);
        assertThat(phases.subList(4, 6)).containsOnly(Phase.PRE_BACKOFF);
        assertThat(phases.subList(6, 16)).containsOnly(Phase.BACKOFF);
        assertThat(phases.subList(16, 51)).containsOnly(Phase.POST_BACKOFF);
        assertThat(delaysMillis(schedule, 0, 6)).containsExactly(0L, 0L, 0L, 0L, 1_000L, 1_000L, 1_000L);
        assertThat(delaysMillis(schedule, 15, 16)).containsExactly(60_000L, 60_000L);
        assertThat(schedule.delayBefore(50)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.totalDelay()).isEqualTo(Duration.ofMillis(2_000 + 126_959 + 35 * 60_000));
    }

    @Test
    void linearBackoffTakesEqualSteps() {
        // AWS's backoff graph: 10 retries from 5 to 260 seconds.
        assertThat(delaysMillis(backoffOnly(5, 260, 10, BackoffFunction.LINEAR), 1, 10))
                .containsExactly(
                        5_000L, 33_333L, 61_667L, 90_000L, 118_333L, 146_667L, 175_000L, 203_333L, 231_667L, 260_000L);
    }

    @Test
    void arithmeticBackoffTakesStepsThatGrowByTheSameAmount() {
        assertThat(delaysMillis(backoffOnly(5, 260, 10, BackoffFunction.ARITHMETIC), 1, 10))
                .containsExactly(
                        5_000L, 10_667L, 22_000L, 39_000L, 61_667L, 90_000L, 124_000L, 163_667L, 209_000L, 260_000L);
    }

    @Test
    void geometricBackoffKeepsTheSameRatioBetweenDelays() {
        assertThat(delaysMillis(backoffOnly(5, 260, 10, BackoffFunction.GEOMETRIC), 1, 10))
                .containsExactly(
                        5_000L, 7_756L, 12_031L, 18_663L, 28_949L, 44_906L, 69_658L, 108_054L, 167_612L, 260_000L);
        assertThat(delaysMillis(backoffOnly(1, 512, 10, BackoffFunction.GEOMETRIC), 1, 10))
                .containsExactly(
                        1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L, 256_000L, 512_000L);
    }

    @Test
    void exponentialBackoffTakesStepsThatDouble() {
        assertThat(delaysMillis(backoffOnly(5, 260, 10, BackoffFunction.EXPONENTIAL), 1, 10))
                .containsExactly(
                        5_000L, 5_499L, 6_497L, 8_493L, 12_485L, 20_470L, 36_438L, 68_376L, 132_250L, 260_000L);
        // Steps of 1, 2, 4, … seconds when the span is 2^(n-1) - 1.
        assertThat(delaysMillis(backoffOnly(1, 128, 8, BackoffFunction.EXPONENTIAL), 1, 8))
                .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L);
    }

    @ParameterizedTest
    @EnumSource(BackoffFunction.class)
    void everyCurveRunsFromTheMinimumToTheMaximumWithoutFalling(BackoffFunction function) {
        for (int retries : new int[] {2, 3, 10, 57, 100}) {
            RetrySchedule schedule = backoffOnly(3, 3600, retries, function);
            List<Long> delays = delaysMillis(schedule, 1, retries);

            assertThat(delays.getFirst()).as("%s over %d", function, retries).isEqualTo(3_000L);
            assertThat(delays.getLast()).as("%s over %d", function, retries).isEqualTo(3_600_000L);
            assertThat(delays).as("%s over %d", function, retries).isSortedAccordingTo(Long::compare);
        }
    }

    @Test
    void curvesRiseFromLinearThroughArithmeticAndGeometricToExponential() {
        // The order of the four curves of AWS's backoff graph at every retry between the first and the last.
        for (int attempt = 2; attempt <= 9; attempt++) {
            long linear = backoffOnly(5, 260, 10, BackoffFunction.LINEAR)
                    .delayBefore(attempt)
                    .toMillis();
            long arithmetic = backoffOnly(5, 260, 10, BackoffFunction.ARITHMETIC)
                    .delayBefore(attempt)
                    .toMillis();
            long geometric = backoffOnly(5, 260, 10, BackoffFunction.GEOMETRIC)
                    .delayBefore(attempt)
                    .toMillis();
            long exponential = backoffOnly(5, 260, 10, BackoffFunction.EXPONENTIAL)
                    .delayBefore(attempt)
                    .toMillis();

            assertThat(linear).isGreaterThan(arithmetic);
            assertThat(arithmetic).isGreaterThan(geometric);
            assertThat(geometric).isGreaterThan(exponential);
        }
    }

    @ParameterizedTest
    @EnumSource(BackoffFunction.class)
    void equalMinimumAndMaximumMakeEveryBackoffDelayTheSame(BackoffFunction function) {
        assertThat(delaysMillis(backoffOnly(7, 7, 5, function), 1, 5)).containsOnly(7_000L);
    }

    @ParameterizedTest
    @EnumSource(BackoffFunction.class)
    void aBackoffPhaseOfOneRetryWaitsTheMinimum(BackoffFunction function) {
        RetrySchedule schedule = new RetrySchedule(new RetryPolicy(2, 9, 3, 1, 0, 1, function));

        assertThat(delaysMillis(schedule, 1, 3)).containsExactly(0L, 2_000L, 9_000L);
    }

    @Test
    void aScheduleWithoutRetriesHasOnlyTheFirstAttempt() {
        RetrySchedule schedule = backoffOnly(1, 1, 0, BackoffFunction.LINEAR);

        assertThat(schedule.attempts()).isEqualTo(1);
        assertThat(schedule.totalDelay()).isZero();
        assertThatThrownBy(() -> schedule.delayBefore(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAttemptsOutsideTheSchedule() {
        assertThatThrownBy(() -> RetrySchedule.HTTP_DEFAULT.delayBefore(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.HTTP_DEFAULT.phaseOf(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awsManagedEndpointsRetry100015TimesOverAbout23Days() {
        RetrySchedule schedule = RetrySchedule.AWS_MANAGED_ENDPOINTS;

        assertThat(schedule.policy())
                .isEqualTo(new RetryPolicy(1, 20, 100_015, 3, 2, 100_000, BackoffFunction.EXPONENTIAL));
        assertThat(schedule.attempts()).isEqualTo(100_016);
        assertThat(delaysMillis(schedule, 1, 5)).containsExactly(0L, 0L, 0L, 1_000L, 1_000L);
        assertThat(delaysMillis(schedule, 6, 15))
                .containsExactly(1_000L, 1_037L, 1_112L, 1_260L, 1_558L, 2_153L, 3_342L, 5_722L, 10_481L, 20_000L);
        assertThat(schedule.phaseOf(16)).isEqualTo(Phase.POST_BACKOFF);
        assertThat(schedule.delayBefore(100_015)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.totalDelay()).isEqualTo(Duration.ofMillis(2_000 + 47_665 + 100_000L * 20_000));
        assertThat(schedule.totalDelay()).isBetween(Duration.ofDays(23), Duration.ofDays(24));
    }

    @Test
    void customerManagedEndpointsRetry50TimesOverAboutSixHours() {
        RetrySchedule schedule = RetrySchedule.CUSTOMER_MANAGED_ENDPOINTS;

        assertThat(schedule.policy()).isEqualTo(new RetryPolicy(10, 600, 50, 0, 2, 38, BackoffFunction.EXPONENTIAL));
        assertThat(schedule.attempts()).isEqualTo(51);
        assertThat(schedule.phaseOf(1)).isEqualTo(Phase.PRE_BACKOFF);
        assertThat(delaysMillis(schedule, 1, 2)).containsExactly(10_000L, 10_000L);
        assertThat(schedule.delayBefore(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayBefore(12)).isEqualTo(Duration.ofSeconds(600));
        assertThat(schedule.phaseOf(13)).isEqualTo(Phase.POST_BACKOFF);
        assertThat(schedule.delayBefore(50)).isEqualTo(Duration.ofSeconds(600));
        assertThat(schedule.totalDelay()).isEqualTo(Duration.ofMillis(20_000 + 1_269_610 + 38 * 600_000));
        assertThat(schedule.totalDelay()).isBetween(Duration.ofHours(6), Duration.ofHours(7));
    }

    @Test
    void countsTheAttemptsThatStartWithinABudget() {
        RetrySchedule schedule = backoffOnly(60, 60, 100, BackoffFunction.LINEAR);

        assertThat(schedule.attemptsWithin(DeliveryLimits.HTTP_RETRY_TIME_MAX)).isEqualTo(61);
        assertThat(schedule.attemptsWithin(Duration.ofSeconds(59))).isEqualTo(1);
        assertThat(schedule.attemptsWithin(Duration.ZERO)).isEqualTo(1);
        assertThat(RetrySchedule.HTTP_DEFAULT.attemptsWithin(DeliveryLimits.HTTP_RETRY_TIME_MAX))
                .isEqualTo(4);
        assertThat(backoffOnly(1, 1, 5, BackoffFunction.LINEAR).attemptsWithin(Duration.ofSeconds(3)))
                .isEqualTo(4);
        assertThatThrownBy(() -> schedule.attemptsWithin(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void immediateRetriesCostNothingFromTheBudget() {
        RetrySchedule schedule = new RetrySchedule(new RetryPolicy(30, 30, 5, 3, 0, 0, BackoffFunction.LINEAR));

        assertThat(schedule.attemptsWithin(Duration.ZERO)).isEqualTo(4);
        assertThat(schedule.attemptsWithin(Duration.ofSeconds(60))).isEqualTo(6);
    }

    @Test
    void exponentialBackoffStaysFiniteOverTheLongestSchedule() {
        RetrySchedule schedule = backoffOnly(1, 3600, RetryPolicy.NUM_RETRIES_LIMIT, BackoffFunction.EXPONENTIAL);

        assertThat(schedule.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delayBefore(RetryPolicy.NUM_RETRIES_LIMIT - 1)).isEqualTo(Duration.ofMillis(1_800_500));
        assertThat(schedule.delayBefore(RetryPolicy.NUM_RETRIES_LIMIT)).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void retryPolicyRefusesSchedulesThatCannotRun() {
        assertThatThrownBy(() -> new RetryPolicy(0, 20, 3, 0, 0, 0, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(21, 20, 3, 0, 0, 0, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(20, 20, -1, 0, 0, 0, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new RetryPolicy(20, 20, RetryPolicy.NUM_RETRIES_LIMIT + 1, 0, 0, 0, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(20, 20, 3, -1, 0, 0, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(20, 20, 3, 2, 1, 1, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new RetryPolicy(20, 20, 3, Integer.MAX_VALUE, Integer.MAX_VALUE, 2, BackoffFunction.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffRetriesAreWhatTheOtherPhasesLeave() {
        assertThat(new RetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL).numBackoffRetries())
                .isEqualTo(10);
        assertThat(RetryPolicy.HTTP_DEFAULT.numBackoffRetries()).isEqualTo(3);
    }
}
