package dev.wharf.sns.engine;

import dev.wharf.common.Arn;
import dev.wharf.common.LogText;
import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.SnsError;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Each account's default settings for SMS (SetSMSAttributes and GetSMSAttributes), checked with AWS's texts, kept as
 * one record per account under {@code ms/} before the call answers. Thread-safe.
 */
final class SmsAttributes {

    static final String PREFIX = "ms/";

    static final String MONTHLY_SPEND_LIMIT = "MonthlySpendLimit";
    static final String DEFAULT_SMS_TYPE = "DefaultSMSType";
    /** What an account that never set its limit answers: AWS's default spend quota of new accounts, in USD. */
    static final String DEFAULT_MONTHLY_SPEND_LIMIT = "1";
    /** Bounds the monthly spend limit, in USD (Wharf's bound). */
    static final long MONTHLY_SPEND_LIMIT_MAX = 1_000_000;

    private static final Set<String> NAMES = Set.of(
            MONTHLY_SPEND_LIMIT,
            "DeliveryStatusIAMRole",
            "DeliveryStatusSuccessSamplingRate",
            "DefaultSenderID",
            DEFAULT_SMS_TYPE,
            "UsageReportS3Bucket");
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,7}");

    /** An account's settings as the store keeps them. */
    record Stored(String accountId, Map<String, String> attributes) {}

    private final TopicStore store;
    private final ReentrantLock lock = new ReentrantLock();
    /** Replaced whole under the lock; read without it. */
    private final Map<String, Map<String, String>> byAccount = new ConcurrentHashMap<>();

    SmsAttributes(TopicStore store) {
        this.store = store;
    }

    void restore() {
        store.scan(PREFIX, (key, value) -> {
            Stored stored = SnsRecords.decode(value, Stored.class);
            byAccount.put(stored.accountId(), Map.copyOf(stored.attributes()));
        });
    }

    void set(String accountId, @Nullable Map<String, String> attributes) {
        MemberConstraints.check().notNull("attributes", attributes).validate();
        Map<String, String> given = java.util.Objects.requireNonNull(attributes);
        for (String name : given.keySet()) {
            requireName(name);
        }
        given.forEach(SmsAttributes::check);
        lock.lock();
        try {
            Map<String, String> next = new TreeMap<>(byAccount.getOrDefault(accountId, Map.of()));
            next.putAll(given);
            store.commit(new TopicBatch().put(PREFIX + accountId, SnsRecords.encode(new Stored(accountId, next))));
            byAccount.put(accountId, Map.copyOf(next));
        } finally {
            lock.unlock();
        }
    }

    /** The account's settings, all of them or those named, with the monthly spend limit that every account has. */
    Map<String, String> get(String accountId, @Nullable List<String> names) {
        if (names != null) {
            names.forEach(SmsAttributes::requireName);
        }
        Map<String, String> all = new TreeMap<>(byAccount.getOrDefault(accountId, Map.of()));
        all.putIfAbsent(MONTHLY_SPEND_LIMIT, DEFAULT_MONTHLY_SPEND_LIMIT);
        if (names != null && !names.isEmpty()) {
            all.keySet().retainAll(Set.copyOf(names));
        }
        return all;
    }

    private static void requireName(String name) {
        if (!NAMES.contains(name)) {
            throw SnsError.InvalidParameter.with(LogText.of(name) + " is not a valid attribute");
        }
    }

    private static void check(String name, @Nullable String value) {
        String text = value == null ? "" : value;
        boolean valid =
                switch (name) {
                    case MONTHLY_SPEND_LIMIT ->
                        WHOLE_NUMBER.matcher(text).matches() && Long.parseLong(text) <= MONTHLY_SPEND_LIMIT_MAX;
                    case "DeliveryStatusSuccessSamplingRate" ->
                        WHOLE_NUMBER.matcher(text).matches() && Long.parseLong(text) <= 100;
                    case "DefaultSenderID" -> SENDER_ID.matcher(text).matches();
                    case DEFAULT_SMS_TYPE -> text.equals("Promotional") || text.equals("Transactional");
                    case "UsageReportS3Bucket" -> BUCKET.matcher(text).matches();
                    default -> iamRole(text);
                };
        if (!valid) {
            throw SnsError.InvalidParameter.with(name + " is invalid");
        }
    }

    private static boolean iamRole(String text) {
        try {
            Arn arn = Arn.parse(text);
            return arn.service().equals("iam") && arn.resource().startsWith("role/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
