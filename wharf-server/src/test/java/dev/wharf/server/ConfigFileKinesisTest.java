package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kinesis:} section of the config file and its {@code WHARF_KINESIS_*} override. */
class ConfigFileKinesisTest {

    private static final ConfigFile.Overrides NONE = new ConfigFile.Overrides(null, null, null, null, null, false);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path dir;

    private WharfConfig.Kinesis resolve(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file).resolve(env, NONE).kinesis();
    }

    @Test
    void throughputLimitsAreOnUnlessTurnedOff() throws Exception {
        assertThat(ConfigFile.empty().resolve(Map.of(), NONE).kinesis().throughputLimits())
                .isTrue();
        assertThat(resolve("kinesis:\n  throughputLimits: false\n", Map.of()).throughputLimits())
                .isFalse();
        assertThat(resolve("kinesis:\n  throughputLimits: false\n", Map.of("WHARF_KINESIS_THROUGHPUT_LIMITS", "true"))
                        .throughputLimits())
                .isTrue();
        assertThat(resolve("port: 4566\n", Map.of("WHARF_KINESIS_THROUGHPUT_LIMITS", "false"))
                        .throughputLimits())
                .isFalse();
    }

    @Test
    void anOverrideThatIsNotABooleanIsRefused() {
        assertThatThrownBy(() -> resolve("port: 4566\n", Map.of("WHARF_KINESIS_THROUGHPUT_LIMITS", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_KINESIS_THROUGHPUT_LIMITS must be true or false, not off");
    }
}
