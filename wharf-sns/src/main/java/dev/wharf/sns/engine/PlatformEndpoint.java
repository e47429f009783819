package dev.wharf.sns.engine;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One platform endpoint, immutable: a change replaces it in its application's map.
 *
 * @param attributes Enabled, Token and CustomUserData, in the order of their names, as SNS lists them
 */
record PlatformEndpoint(String arn, String applicationArn, Map<String, String> attributes) {

    PlatformEndpoint {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    boolean enabled() {
        return !"false".equals(attributes.get(PlatformAttributes.ENABLED));
    }

    String token() {
        return attributes.getOrDefault(PlatformAttributes.TOKEN, "");
    }

    PlatformEndpoint with(Map<String, String> changed) {
        Map<String, String> next = new TreeMap<>(attributes);
        next.putAll(changed);
        return new PlatformEndpoint(arn, applicationArn, next);
    }

    /** An endpoint as the store keeps it, under {@code pe/} and its ARN. */
    record Stored(String arn, String applicationArn, Map<String, String> attributes) {}

    Stored record() {
        return new Stored(arn, applicationArn, new TreeMap<>(attributes));
    }

    static PlatformEndpoint of(Stored record) {
        return new PlatformEndpoint(record.arn(), record.applicationArn(), record.attributes());
    }
}
