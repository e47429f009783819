package dev.wharf.mq.engine.config;

import java.util.Objects;

/**
 * A configuration that Amazon MQ refuses outright (not XML, too large, a bad name), with its message and the member
 * its {@code errorAttribute} names.
 */
public final class ConfigurationRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorAttribute;
    private final String message;

    public ConfigurationRejected(String message, String errorAttribute) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.errorAttribute = Objects.requireNonNull(errorAttribute, "errorAttribute");
        this.message = message;
    }

    @Override
    public String getMessage() {
        return this.message;
    }

    public String errorAttribute() {
        return this.errorAttribute;
    }

    static ConfigurationRejected invalidData(String reason) {
        return new ConfigurationRejected("The specified XML configuration data is invalid: " + reason, "data");
    }
}
