package dev.wharf.mq.engine.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One thing the sanitizer removed from an activemq.xml, as DescribeConfigurationRevision reports it. */
public record SanitizationWarning(
        @Nullable String attributeName, String elementName, SanitizationWarning.Reason reason) {
    public SanitizationWarning {
        Objects.requireNonNull(elementName, "elementName");
        Objects.requireNonNull(reason, "reason");
        if (attributeName == null != (reason == SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED)) {
            throw new IllegalArgumentException("an attribute is named exactly when an attribute was removed");
        }
    }

    static SanitizationWarning element(String elementName) {
        return new SanitizationWarning(null, elementName, SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED);
    }

    static SanitizationWarning attribute(String attributeName, String elementName, SanitizationWarning.Reason reason) {
        return new SanitizationWarning(attributeName, elementName, reason);
    }

    /** Why an element or attribute was removed. */
    public enum Reason {
        DISALLOWED_ELEMENT_REMOVED,
        DISALLOWED_ATTRIBUTE_REMOVED,
        INVALID_ATTRIBUTE_VALUE_REMOVED;
    }
}
