package dev.wharf.sns.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One platform application's state: its attributes (never its credentials) and its endpoints, guarded by {@link #lock}.
 */
final class PlatformApplication {

    final String arn;
    final String name;
    final Platform platform;
    final String accountId;
    final ReentrantLock lock = new ReentrantLock();

    /** Lock must be held: the attributes that a caller set, by AWS's names, credentials left out. */
    final Map<String, String> attributes = new TreeMap<>();
    /** Lock must be held: the endpoints by ARN, so that listings page through them in a stable order. */
    final TreeMap<String, PlatformEndpoint> endpoints = new TreeMap<>();
    /** Lock must be held: each endpoint's ARN by its device token, which CreatePlatformEndpoint is idempotent for. */
    final Map<String, String> byToken = new HashMap<>();
    /** Lock must be held: set once the application is deleted, so that a racing call does not revive it. */
    boolean deleted;

    PlatformApplication(String arn, String name, Platform platform, String accountId) {
        this.arn = arn;
        this.name = name;
        this.platform = platform;
        this.accountId = accountId;
    }

    /** Lock must be held: the attributes that GetPlatformApplicationAttributes answers, Enabled among them. */
    Map<String, String> shown() {
        Map<String, String> shown = new TreeMap<>(attributes);
        shown.putIfAbsent(PlatformAttributes.ENABLED, "true");
        return shown;
    }

    /** Lock must be held. */
    boolean enabled() {
        return !"false".equals(attributes.get(PlatformAttributes.ENABLED));
    }

    /** The prefix of its endpoints' ARNs, {@code arn:aws:sns:<region>:<account>:endpoint/<Platform>/<Name>/}. */
    String endpointPrefix() {
        int colon = arn.lastIndexOf(':');
        return arn.substring(0, colon + 1) + "endpoint/" + platform.name() + "/" + name + "/";
    }

    /** Lock must be held: the record that the store keeps. */
    Stored record() {
        return new Stored(arn, name, platform.name(), accountId, new TreeMap<>(attributes));
    }

    static PlatformApplication of(Stored record) {
        PlatformApplication application = new PlatformApplication(
                record.arn(), record.name(), Platform.of(record.platform()), record.accountId());
        application.attributes.putAll(record.attributes());
        return application;
    }

    /** A platform application as the store keeps it, under {@code pa/} and its ARN. */
    record Stored(String arn, String name, String platform, String accountId, Map<String, String> attributes) {}
}
