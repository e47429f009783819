package dev.wharf.mq.engine;

import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** How Wharf runs Amazon MQ's brokers: their host, port range, number, memory limits, TLS and start timeout. */
public record MqSettings(
        Path dataDirectory,
        String host,
        int portBase,
        int maxBrokers,
        InstanceLaunch.Limits limits,
        @Nullable SSLContext tls,
        Duration startTimeout) {
    public static final int PORTS_PER_BLOCK = 10;

    public MqSettings {
        if (portBase < 1024 || portBase + maxBrokers * 2L * 10L > 65535L) {
            throw new IllegalArgumentException("the brokers' port range must lie within 1024-65535");
        }

        if (maxBrokers < 1) {
            throw new IllegalArgumentException("maxBrokers must be at least 1");
        }
    }

    public static MqSettings defaults(Path dataDirectory) {
        return new MqSettings(
                dataDirectory,
                "127.0.0.1",
                62000,
                20,
                new InstanceLaunch.Limits(67108864L, 1073741824L, 268435456L),
                null,
                Duration.ofMinutes(2));
    }
}
