package dev.wharf.sns.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.Endpoint;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints of every platform application: creation (idempotent for a device token and its attributes),
 * deletion, listing and attributes, made durable in the {@link TopicStore} under {@code pe/} and the endpoint's ARN,
 * which starts with its application's endpoint prefix, so that deleting an application deletes them as one range.
 *
 * <p>Thread-safe: each change happens under its application's lock.
 */
final class PlatformEndpoints {

    static final String PREFIX = "pe/";

    private final TopicStore store;
    private final PlatformApplications applications;

    PlatformEndpoints(TopicStore store, PlatformApplications applications) {
        this.store = store;
        this.applications = applications;
    }

    static String key(String arnOrPrefix) {
        return PREFIX + arnOrPrefix;
    }

    /** Rebuilds every endpoint from the store at start; an endpoint whose application is gone is left out. */
    void restore() {
        store.scan(PREFIX, (key, value) -> {
            PlatformEndpoint endpoint = PlatformEndpoint.of(SnsRecords.decode(value, PlatformEndpoint.Stored.class));
            PlatformApplication application = applications.find(endpoint.applicationArn());
            if (application != null) {
                application.endpoints.put(endpoint.arn(), endpoint);
                application.byToken.put(endpoint.token(), endpoint.arn());
            }
        });
    }

    String create(
            SnsContext context,
            @Nullable String applicationArn,
            @Nullable String token,
            @Nullable String customUserData,
            @Nullable Map<String, String> attributes) {
        MemberConstraints.check()
                .notNull("platformApplicationArn", applicationArn)
                .notNull("token", token)
                .validate();
        PlatformApplication application = applications.require(context, "PlatformApplicationArn", applicationArn);
        String deviceToken = Objects.requireNonNull(token);
        if (deviceToken.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Token Reason: cannot be empty");
        }
        Map<String, String> given = PlatformAttributes.checkEndpoint(attributes == null ? Map.of() : attributes);
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(PlatformAttributes.ENABLED, "true");
        wanted.put(PlatformAttributes.TOKEN, deviceToken);
        if (customUserData != null && !customUserData.isEmpty()) {
            wanted.put(PlatformAttributes.CUSTOM_USER_DATA, customUserData);
        }
        // CustomUserData may come both as a parameter and as an attribute; the attribute wins, as on AWS.
        wanted.putAll(given);
        PlatformAttributes.checkEndpoint(wanted);
        application.lock.lock();
        try {
            requireLive(application);
            PlatformEndpoint existing = existing(application, wanted.get(PlatformAttributes.TOKEN));
            if (existing != null) {
                if (!existing.attributes().equals(new java.util.TreeMap<>(wanted))) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: Token Reason: Endpoint " + existing.arn()
                            + " already exists with the same Token, but different attributes.");
                }
                return existing.arn();
            }
            if (application.endpoints.size() >= SnsLimits.ENDPOINTS_PER_APPLICATION_MAX) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Endpoint limit exceeded");
            }
            PlatformEndpoint endpoint =
                    new PlatformEndpoint(application.endpointPrefix() + UUID.randomUUID(), application.arn, wanted);
            persist(endpoint);
            application.endpoints.put(endpoint.arn(), endpoint);
            application.byToken.put(endpoint.token(), endpoint.arn());
            return endpoint.arn();
        } finally {
            application.lock.unlock();
        }
    }

    /** Lock must be held. */
    private static @Nullable PlatformEndpoint existing(PlatformApplication application, @Nullable String token) {
        String arn = token == null ? null : application.byToken.get(token);
        return arn == null ? null : application.endpoints.get(arn);
    }

    /** The endpoint that a request names, with its application, if the caller's account owns it. */
    Located require(SnsContext context, @Nullable String arn) {
        MemberConstraints.check().notNull("endpointArn", arn).validate();
        String endpointArn = MobileArns.checkEndpoint("EndpointArn", Objects.requireNonNull(arn));
        Located located = find(endpointArn);
        if (located == null || !located.application().accountId.equals(context.accountId())) {
            throw SnsError.NotFound.with("Endpoint does not exist");
        }
        return located;
    }

    /** An endpoint and the application it belongs to. */
    record Located(PlatformApplication application, PlatformEndpoint endpoint) {}

    /** The endpoint of a well-formed endpoint ARN, or null when there is none. */
    @Nullable
    Located find(String endpointArn) {
        PlatformApplication application = applications.find(MobileArns.applicationOf(endpointArn));
        if (application == null) {
            return null;
        }
        application.lock.lock();
        try {
            PlatformEndpoint endpoint = application.endpoints.get(endpointArn);
            return endpoint == null ? null : new Located(application, endpoint);
        } finally {
            application.lock.unlock();
        }
    }

    Map<String, String> attributes(SnsContext context, @Nullable String arn) {
        return require(context, arn).endpoint().attributes();
    }

    void setAttributes(SnsContext context, @Nullable String arn, @Nullable Map<String, String> attributes) {
        // AWS checks the ARN's form first, then that attributes are given, then that the endpoint exists.
        MemberConstraints.check().notNull("endpointArn", arn).validate();
        MobileArns.checkEndpoint("EndpointArn", Objects.requireNonNull(arn));
        MemberConstraints.check().notNull("attributes", attributes).validate();
        Located located = require(context, arn);
        Map<String, String> changed = PlatformAttributes.checkEndpoint(Objects.requireNonNull(attributes));
        PlatformApplication application = located.application();
        application.lock.lock();
        try {
            requireLive(application);
            PlatformEndpoint current =
                    application.endpoints.get(located.endpoint().arn());
            if (current == null) {
                throw SnsError.NotFound.with("Endpoint does not exist");
            }
            PlatformEndpoint next = current.with(changed);
            persist(next);
            application.endpoints.put(next.arn(), next);
            if (!next.token().equals(current.token())) {
                application.byToken.remove(current.token(), current.arn());
                application.byToken.put(next.token(), next.arn());
            }
        } finally {
            application.lock.unlock();
        }
    }

    /**
     * Deletes an endpoint; one that does not exist is a success, as on AWS. Its subscriptions stay, as on AWS, which
     * tells the caller to unsubscribe them; they receive nothing from then on.
     */
    void delete(SnsContext context, @Nullable String arn) {
        MemberConstraints.check().notNull("endpointArn", arn).validate();
        String endpointArn = MobileArns.checkEndpoint("EndpointArn", Objects.requireNonNull(arn));
        PlatformApplication application = applications.find(MobileArns.applicationOf(endpointArn));
        if (application == null || !application.accountId.equals(context.accountId())) {
            return;
        }
        application.lock.lock();
        try {
            PlatformEndpoint endpoint = application.endpoints.get(endpointArn);
            if (endpoint == null || application.deleted) {
                return;
            }
            store.commit(new TopicBatch().delete(key(endpointArn)));
            application.endpoints.remove(endpointArn);
            application.byToken.remove(endpoint.token(), endpointArn);
        } finally {
            application.lock.unlock();
        }
    }

    /** One page of an application's endpoints, after the ARN that the token names. */
    Page<Endpoint> list(SnsContext context, @Nullable String applicationArn, @Nullable String nextToken) {
        PlatformApplication application = applications.require(context, "PlatformApplicationArn", applicationArn);
        String after = Page.after(nextToken);
        List<Endpoint> page = new ArrayList<>();
        application.lock.lock();
        try {
            for (PlatformEndpoint endpoint :
                    (after == null ? application.endpoints : application.endpoints.tailMap(after, false)).values()) {
                if (page.size() == SnsLimits.LIST_PAGE_SIZE) {
                    return new Page<>(
                            page,
                            Page.token(Objects.requireNonNull(page.getLast().endpointArn())));
                }
                page.add(new Endpoint(endpoint.arn(), endpoint.attributes()));
            }
        } finally {
            application.lock.unlock();
        }
        return new Page<>(page, null);
    }

    /** Lock must be held. */
    private static void requireLive(PlatformApplication application) {
        if (application.deleted) {
            throw SnsError.NotFound.with("PlatformApplication does not exist");
        }
    }

    /** Lock of its application must be held. */
    private void persist(PlatformEndpoint endpoint) {
        store.commit(new TopicBatch().put(key(endpoint.arn()), SnsRecords.encode(endpoint.record())));
    }
}
