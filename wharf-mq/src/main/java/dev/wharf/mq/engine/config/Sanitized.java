package dev.wharf.mq.engine.config;

import java.util.List;
import java.util.Objects;

/** A configuration's activemq.xml as the sanitizer leaves it, with the warnings of what it removed. */
public record Sanitized(String xml, List<SanitizationWarning> warnings) {
    public Sanitized {
        Objects.requireNonNull(xml, "xml");
        warnings = List.copyOf(warnings);
    }

    public List<SanitizationWarning> firstWarnings() {
        return this.warnings.size() <= 20 ? this.warnings : this.warnings.subList(0, 20);
    }
}
