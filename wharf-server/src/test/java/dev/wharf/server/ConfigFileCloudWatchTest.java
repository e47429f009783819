package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cloudwatch:} section of the config file and its {@code WHARF_*} overrides. */
class ConfigFileCloudWatchTest {

    private static final ConfigFile.Overrides NONE = new ConfigFile.Overrides(null, null, null, null, null, false);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path dir;

    private WharfConfig.CloudWatch resolve(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file).resolve(env, NONE).cloudWatch();
    }

    @Test
    void theDefaultsPublishEveryMinuteWithMetricsOn() {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).cloudWatch())
                .isEqualTo(new WharfConfig.CloudWatch(60, true));
    }

    @Test
    void theEnvironmentOverridesEachSettingOfTheFile() throws Exception {
        String yaml = "cloudwatch:\n  serviceMetricsSeconds: 10\n  metrics: false\n";
        assertThat(resolve(yaml, Map.of())).isEqualTo(new WharfConfig.CloudWatch(10, false));
        assertThat(resolve(yaml, Map.of("WHARF_METRICS", "true"))).isEqualTo(new WharfConfig.CloudWatch(10, true));
        assertThat(resolve(yaml, Map.of("WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS", "5")))
                .isEqualTo(new WharfConfig.CloudWatch(5, false));
        assertThat(resolve("port: 4566\n", Map.of("WHARF_METRICS", "false")))
                .isEqualTo(new WharfConfig.CloudWatch(60, false));
    }

    @Test
    void overridesThatAreNotValuesAreRefused() {
        assertThatThrownBy(() -> resolve("port: 4566\n", Map.of("WHARF_METRICS", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_METRICS must be true or false, not off");
        assertThatThrownBy(() -> resolve("port: 4566\n", Map.of("WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_CLOUDWATCH_SERVICE_METRICS_SECONDS must be a number of seconds, not a");
        assertThatThrownBy(() -> resolve("cloudwatch:\n  serviceMetricsSeconds: 7\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the service metrics' interval must be a divisor of 60 seconds, not 7");
    }
}
