package dev.wharf.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mq:} section of the config file and the {@code WHARF_MQ_*} environment: where the brokers listen. */
class ConfigFileMqTest {

    private static final ConfigFile.Overrides NONE = new ConfigFile.Overrides(null, null, null, null, null, false);

    @TempDir
    @SuppressWarnings("NullAway.Init") // JUnit sets it before each test.
    Path dir;

    private WharfConfig.Mq resolve(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file).resolve(env, NONE).mq();
    }

    private Path emptyFile(String text) throws Exception {
        return Files.writeString(dir.resolve("empty.yaml"), text);
    }

    @Test
    void withoutASectionOrInAnEmptyFileTheBrokersTakeTwentyBlocksFrom62000With64MegabytesAndPlainTransports()
            throws Exception {
        WharfConfig.Mq mq = ConfigFile.empty().resolve(Map.of(), NONE).mq();
        assertThat(mq).isEqualTo(new WharfConfig.Mq(62_000, 20, 64, false));
        assertThat(mq).isEqualTo(WharfConfig.Mq.defaults());
        assertThat(ConfigFile.read(emptyFile("")).resolve(Map.of(), NONE).mq()).isEqualTo(mq);
        assertThat(ConfigFile.read(emptyFile("# nothing set yet\n"))
                        .resolve(Map.of(), NONE)
                        .mq())
                .isEqualTo(mq);
    }

    @Test
    void theFileSetsEachValueAndTheEnvironmentWinsOverIt() throws Exception {
        String yaml = "mq:\n  portBase: 40000\n  maxBrokers: 3\n  memoryMegabytes: 16\n  tls: true\n";
        assertThat(resolve(yaml, Map.of())).isEqualTo(new WharfConfig.Mq(40_000, 3, 16, true));
        assertThat(resolve(
                        yaml,
                        Map.of(
                                "WHARF_MQ_PORT_BASE", "41000",
                                "WHARF_MQ_MAX_BROKERS", "5",
                                "WHARF_MQ_MEMORY_MB", "32",
                                "WHARF_MQ_TLS", "false")))
                .isEqualTo(new WharfConfig.Mq(41_000, 5, 32, false));
        assertThat(resolve("mq:\n  maxBrokers: 2\n", Map.of("WHARF_MQ_TLS", "true")))
                .isEqualTo(new WharfConfig.Mq(62_000, 2, 64, true));
    }

    @Test
    void aRangeOutsideThePortsOrABadNumberStopsTheServerAtStartSayingWhich() {
        assertThatThrownBy(() -> resolve("mq:\n  portBase: 65200\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mq.portBase 65200 with 20 brokers needs ports up to 65600, outside 1024-65535");
        assertThatThrownBy(() -> resolve("mq:\n  portBase: 80\n", Map.of())).hasMessageContaining("mq.portBase 80");
        assertThatThrownBy(() -> resolve("mq:\n  maxBrokers: 0\n", Map.of()))
                .hasMessage("mq.maxBrokers must be between 1 and 200, not 0");
        assertThatThrownBy(() -> resolve("", Map.of("WHARF_MQ_MEMORY_MB", "0")))
                .hasMessage("mq.memoryMegabytes must be between 1 and 4096, not 0");
        assertThatThrownBy(() -> resolve("", Map.of("WHARF_MQ_MAX_BROKERS", "many")))
                .hasMessage("WHARF_MQ_MAX_BROKERS must be a whole number, not many");
        assertThatThrownBy(() -> resolve("", Map.of("WHARF_MQ_TLS", "yes")))
                .hasMessage("WHARF_MQ_TLS must be true or false, not yes");
        assertThatThrownBy(() -> resolve("mq:\n  brokers: 3\n", Map.of())).hasMessageContaining("brokers");
    }
}
