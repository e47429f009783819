package dev.wharf.sns.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreDelivered(int status) {
        assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 500, 502, 503, 504, 599})
    void continueSwitchingProtocolsAndServerErrorsAreRetried(int status) {
        assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.RETRYABLE_FAILURE);
        assertThat(DeliveryOutcome.classify(status).retried()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 429, 499})
    void clientErrorsAreAPermanentFailureThatIsNotRetried(int status) {
        assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.PERMANENT_FAILURE);
        assertThat(DeliveryOutcome.classify(status).retried()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {102, 103, 199, 300, 301, 302, 304, 307, 399})
    void otherAnswersAwsDoesNotListAsFailuresCountAsDelivered(int status) {
        assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 600, 999, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void statusCodesHttpDoesNotHaveAreRetried(int status) {
        assertThat(DeliveryOutcome.classify(status)).isEqualTo(DeliveryOutcome.RETRYABLE_FAILURE);
    }

    @Test
    void timeoutsAndConnectionErrorsAreRetried() {
        assertThat(DeliveryOutcome.noAnswer()).isEqualTo(DeliveryOutcome.RETRYABLE_FAILURE);
        assertThat(DeliveryLimits.HTTP_REQUEST_TIMEOUT).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void onlyAFailureWorthRetryingIsRetried() {
        assertThat(DeliveryOutcome.SUCCESS.retried()).isFalse();
        assertThat(DeliveryOutcome.PERMANENT_FAILURE.retried()).isFalse();
        assertThat(DeliveryOutcome.RETRYABLE_FAILURE.retried()).isTrue();
    }
}
