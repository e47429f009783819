package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every platform application of the server, by ARN: creation, deletion (with its endpoints) and attributes, made
 * durable in the {@link TopicStore} under {@code pa/} and the ARN before each call answers.
 *
 * <p>Thread-safe: the map is concurrent, and each application's state is guarded by its own lock.
 */
final class PlatformApplications {

    static final String PREFIX = "pa/";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Bounds the name that an error message repeats. */
    private static final int SHOWN_NAME_MAX = 1_024;

    private final TopicStore store;
    private final String region;
    /** Sorted by ARN, so that ListPlatformApplications pages through them in a stable order. */
    private final ConcurrentSkipListMap<String, PlatformApplication> byArn = new ConcurrentSkipListMap<>();

    PlatformApplications(TopicStore store, String region) {
        this.store = store;
        this.region = region;
    }

    static String key(String arn) {
        return PREFIX + arn;
    }

    /** Rebuilds every application from the store at start, before its endpoints. */
    void restore() {
        store.scan(PREFIX, (key, value) -> {
            PlatformApplication application =
                    PlatformApplication.of(SnsRecords.decode(value, PlatformApplication.Stored.class));
            byArn.put(application.arn, application);
        });
    }

    /**
     * Creates an application, or answers the existing one of the same name and platform, which then takes the
     * attributes given, as SetPlatformApplicationAttributes would.
     */
    String create(
            SnsContext context,
            @Nullable String name,
            @Nullable String platformName,
            @Nullable Map<String, String> attributes) {
        MemberConstraints.check()
                .notNull("name", name)
                .notNull("platform", platformName)
                .notNull("attributes", attributes)
                .validate();
        checkName(java.util.Objects.requireNonNull(name));
        Platform platform = Platform.of(java.util.Objects.requireNonNull(platformName));
        Map<String, String> given = java.util.Objects.requireNonNull(attributes);
        Map<String, String> kept = PlatformAttributes.checkAtCreation(platform, given);
        String arn = MobileArns.application(region, context.accountId(), platform, name);
        while (true) {
            PlatformApplication existing = byArn.get(arn);
            if (existing != null) {
                update(existing, kept);
                return arn;
            }
            requireQuota(context.accountId());
            PlatformApplication application = new PlatformApplication(arn, name, platform, context.accountId());
            application.attributes.putAll(kept);
            application.lock.lock();
            try {
                if (byArn.putIfAbsent(arn, application) != null) {
                    continue;
                }
                try {
                    persist(application);
                } catch (RuntimeException e) {
                    byArn.remove(arn, application);
                    application.deleted = true;
                    throw e;
                }
                return arn;
            } finally {
                application.lock.unlock();
            }
        }
    }

    /** AWS's rules for a name, in AWS's words: it repeats the name, even an empty one. */
    private static void checkName(String name) {
        String reason = null;
        if (name.isEmpty()) {
            reason = "cannot be empty";
        } else if (name.length() > SnsLimits.PLATFORM_APPLICATION_NAME_LENGTH_MAX) {
            reason = "must be at most 256 characters long";
        } else if (!NAME.matcher(name).matches()) {
            reason = "must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-', and '.'";
        }
        if (reason != null) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: " + LogText.bounded(name, SHOWN_NAME_MAX) + " Reason: " + reason);
        }
    }

    private void requireQuota(String accountId) {
        long count = byArn.values().stream()
                .filter(application -> application.accountId.equals(accountId))
                .limit(SnsLimits.PLATFORM_APPLICATIONS_MAX + 1L)
                .count();
        if (count >= SnsLimits.PLATFORM_APPLICATIONS_MAX) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Platform application limit exceeded");
        }
    }

    /**
     * The application that a request names, if the caller's account owns it.
     *
     * @param member the request's member that names it, for the errors
     */
    PlatformApplication require(SnsContext context, String member, @Nullable String arn) {
        MemberConstraints.check().notNull(lowerFirst(member), arn).validate();
        MobileArns.checkApplication(member, java.util.Objects.requireNonNull(arn));
        PlatformApplication application = byArn.get(arn);
        if (application == null || !application.accountId.equals(context.accountId())) {
            throw SnsError.NotFound.with("PlatformApplication does not exist");
        }
        return application;
    }

    @Nullable
    PlatformApplication find(String arn) {
        return byArn.get(arn);
    }

    Map<String, String> attributes(SnsContext context, @Nullable String arn) {
        PlatformApplication application = require(context, "PlatformApplicationArn", arn);
        application.lock.lock();
        try {
            return application.shown();
        } finally {
            application.lock.unlock();
        }
    }

    void setAttributes(SnsContext context, @Nullable String arn, @Nullable Map<String, String> attributes) {
        // AWS checks the ARN's form first, then that attributes are given, then that the application exists.
        MemberConstraints.check().notNull("platformApplicationArn", arn).validate();
        MobileArns.checkApplication("PlatformApplicationArn", java.util.Objects.requireNonNull(arn));
        MemberConstraints.check().notNull("attributes", attributes).validate();
        PlatformApplication application = require(context, "PlatformApplicationArn", arn);
        update(
                application,
                PlatformAttributes.checkForSet(application.platform, java.util.Objects.requireNonNull(attributes)));
    }

    private void update(PlatformApplication application, Map<String, String> changed) {
        application.lock.lock();
        try {
            if (application.deleted) {
                throw SnsError.NotFound.with("PlatformApplication does not exist");
            }
            Map<String, String> before = new java.util.TreeMap<>(application.attributes);
            application.attributes.putAll(changed);
            try {
                persist(application);
            } catch (RuntimeException e) {
                application.attributes.clear();
                application.attributes.putAll(before);
                throw e;
            }
        } finally {
            application.lock.unlock();
        }
    }

    /** Deletes an application and every endpoint of it; one that does not exist is a success, as on AWS. */
    void delete(SnsContext context, @Nullable String arn) {
        MemberConstraints.check().notNull("platformApplicationArn", arn).validate();
        MobileArns.checkApplication("PlatformApplicationArn", java.util.Objects.requireNonNull(arn));
        PlatformApplication application = byArn.get(arn);
        if (application == null || !application.accountId.equals(context.accountId())) {
            return;
        }
        application.lock.lock();
        try {
            if (application.deleted) {
                return;
            }
            store.commit(new TopicBatch()
                    .delete(key(application.arn))
                    .deletePrefix(PlatformEndpoints.key(application.endpointPrefix())));
            application.deleted = true;
            application.endpoints.clear();
            application.byToken.clear();
            byArn.remove(application.arn, application);
        } finally {
            application.lock.unlock();
        }
    }

    /** One page of the caller's applications with their attributes, after the ARN that the token names. */
    Page<dev.wharf.sns.api.PlatformApplication> list(SnsContext context, @Nullable String nextToken) {
        String after = Page.after(nextToken);
        List<dev.wharf.sns.api.PlatformApplication> page = new ArrayList<>();
        for (PlatformApplication application : (after == null ? byArn : byArn.tailMap(after, false)).values()) {
            if (!application.accountId.equals(context.accountId())) {
                continue;
            }
            if (page.size() == SnsLimits.LIST_PAGE_SIZE) {
                return new Page<>(
                        page,
                        Page.token(
                                java.util.Objects.requireNonNull(page.getLast().platformApplicationArn())));
            }
            application.lock.lock();
            try {
                page.add(new dev.wharf.sns.api.PlatformApplication(application.arn, application.shown()));
            } finally {
                application.lock.unlock();
            }
        }
        return new Page<>(page, null);
    }

    /** Lock must be held. */
    private void persist(PlatformApplication application) {
        store.commit(new TopicBatch().put(key(application.arn), SnsRecords.encode(application.record())));
    }

    static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
