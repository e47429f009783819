package dev.wharf.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** FirehoseConfig's defaults, which are AWS's, and the settings it refuses. */
class FirehoseConfigTest {

    @Test
    void theDefaultsAreAwssQuotaRetryIntervalAndRetryDuration() {
        assertThat(FirehoseConfig.DEFAULT.streamsPerAccount()).isEqualTo(5_000);
        assertThat(FirehoseConfig.DEFAULT.retryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(FirehoseConfig.DEFAULT.retryDuration()).isEqualTo(Duration.ofHours(24));
        assertThat(FirehoseConfig.DEFAULT.withTransition(Duration.ZERO))
                .isEqualTo(new FirehoseConfig(Duration.ZERO, 5_000, Duration.ofSeconds(5), Duration.ofHours(24)));
    }

    @Test
    void negativeDurationsAndANonPositiveQuotaAreRefused() {
        assertThatThrownBy(() -> FirehoseConfig.DEFAULT.withTransition(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("durations cannot be negative");
        assertThatThrownBy(() -> new FirehoseConfig(Duration.ZERO, 1, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("durations cannot be negative");
        assertThatThrownBy(() -> new FirehoseConfig(Duration.ZERO, 0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamsPerAccount must be positive: 0");
    }
}
