package dev.wharf.mq.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The activemq.xml that Amazon MQ gives a broker created without a configuration, per engine version. */
public final class DefaultConfigurations {
    public static final String ACTIVEMQ_5_18 = "5.18";
    private static final String DEFAULT_5_18 = read("activemq-5.18-default.xml");

    private DefaultConfigurations() {}

    public static String activeMq(String engineVersion) {
        if (!"5.18".equals(engineVersion)) {
            throw new IllegalArgumentException("Wharf runs ActiveMQ 5.18, not " + engineVersion);
        } else {
            return DEFAULT_5_18;
        }
    }

    public static String description(String configurationName, String engineVersion) {
        return "Auto-generated default for " + configurationName + " on ActiveMQ " + engineVersion;
    }

    private static String read(String resource) {
        try (InputStream in =
                Objects.requireNonNull(DefaultConfigurations.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
