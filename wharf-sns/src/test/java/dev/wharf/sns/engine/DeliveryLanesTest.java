package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.sns.engine.delivery.ThrottlePolicy;
import dev.wharf.sns.engine.message.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index of endpoint deliveries on its own: due times, the two concurrency limits, throttles and the bound. */
class DeliveryLanesTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final DeliveryLanes lanes = new DeliveryLanes(clock, new DeliveryLanes.Limits(6, 3, 2));

    private boolean offer(long sequence, String subscription, String endpoint, long dueOffsetMillis) {
        return lanes.offer(
                sequence,
                0,
                MessageType.Notification,
                0,
                START.toEpochMilli() + dueOffsetMillis,
                subscription,
                endpoint,
                null);
    }

    private static List<Long> sequences(List<DeliveryLanes.Due> dues) {
        return dues.stream().map(d -> d.sequence).toList();
    }

    @Test
    void aDeliveryStartsWhenItIsDueAndNotBefore() {
        offer(1, "s1", "e1", 1000);
        offer(2, "s1", "e1", 0);

        assertThat(sequences(lanes.takeStartable())).containsExactly(2L);
        assertThat(lanes.nextStart()).isEqualTo(START.toEpochMilli() + 1000);
        clock.advance(Duration.ofMillis(999));
        assertThat(lanes.takeStartable()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(sequences(lanes.takeStartable())).containsExactly(1L);
    }

    @Test
    void aBusyEndpointWaitsAsideWhileOthersStartUpToTheServersLimit() {
        for (long sequence = 1; sequence <= 3; sequence++) {
            offer(sequence, "busy", "e1", 0);
        }
        offer(4, "other", "e2", 0);
        offer(5, "third", "e3", 0);

        List<DeliveryLanes.Due> first = lanes.takeStartable();
        assertThat(first).hasSize(3);
        assertThat(first.stream().filter(d -> d.subscriptionArn().equals("busy")))
                .hasSize(2);
        assertThat(lanes.inFlight()).isEqualTo(3);
        assertThat(lanes.takeStartable()).as("the server's limit").isEmpty();

        DeliveryLanes.Due busy = first.stream()
                .filter(d -> d.subscriptionArn().equals("busy"))
                .findFirst()
                .orElseThrow();
        lanes.finished(busy);
        List<DeliveryLanes.Due> next = lanes.takeStartable();
        assertThat(next).hasSize(1);
        first.forEach(due -> {
            if (due != busy) {
                lanes.finished(due);
            }
        });
        next.forEach(lanes::finished);
        List<DeliveryLanes.Due> rest = lanes.takeStartable();
        rest.forEach(lanes::finished);
        assertThat(first.size() + next.size() + rest.size()).isEqualTo(5);
        assertThat(lanes.indexed()).isZero();
        assertThat(lanes.inFlight()).isZero();
        assertThatThrownBy(() -> lanes.finished(busy)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrottleStartsOneDeliveryPerIntervalAndAChangedOneStartsAfresh() {
        for (long sequence = 1; sequence <= 3; sequence++) {
            lanes.offer(
                    sequence, 0, MessageType.Notification, 0, START.toEpochMilli(), "s", "e", new ThrottlePolicy(4));
        }
        List<DeliveryLanes.Due> first = lanes.takeStartable();
        assertThat(sequences(first)).containsExactly(1L);
        first.forEach(lanes::finished);
        assertThat(lanes.nextStart()).isEqualTo(START.toEpochMilli() + 250);

        lanes.throttle("s", null);
        List<DeliveryLanes.Due> unthrottled = lanes.takeStartable();
        assertThat(sequences(unthrottled))
                .as("the lane's next start stays, its gate goes")
                .isEmpty();
        clock.advance(Duration.ofMillis(250));
        assertThat(sequences(lanes.takeStartable())).containsExactly(2L, 3L);
    }

    @Test
    void beyondItsBoundTheIndexRefusesAndAsksForARescanOnceDrainedToHalf() {
        for (long sequence = 1; sequence <= 6; sequence++) {
            assertThat(offer(sequence, "s" + sequence, "e" + sequence, 0)).isTrue();
        }
        assertThat(offer(7, "s7", "e7", 0)).isFalse();
        assertThat(offer(8, "s8", "e8", 0))
                .as("once one stayed in the store, later ones do too")
                .isFalse();
        assertThat(lanes.rescanWanted()).isFalse();

        for (int round = 0; round < 2; round++) {
            lanes.takeStartable().forEach(lanes::finished);
        }
        assertThat(lanes.indexed()).isZero();
        assertThat(lanes.rescanWanted()).isTrue();
        assertThat(lanes.beginRescan()).isEmpty();
        assertThat(offer(9, "s9", "e9", 0)).as("refused while a rescan runs").isFalse();
        assertThat(lanes.offerRescanned(7, 0, MessageType.Notification, 0, 0, "s7", "e7", null))
                .isTrue();
        lanes.endRescan(true);
        assertThat(lanes.rescanWanted())
                .as("the refused offer asks for another")
                .isTrue();
    }
}
