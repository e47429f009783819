package dev.wharf.sns.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.SMSSandboxPhoneNumber;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Each account's SMS sandbox: the destination numbers it added, and their verification by a one-time password (OTP).
 *
 * <p>As on AWS, adding a number sends it an OTP by SMS; Wharf's SMS land in the SMS outbox, so a test reads the
 * password there ({@code GET /_aws/sns/sms-messages?phoneNumber=...}), as a person reads their phone. AWS's rules
 * hold: at most {@link SnsLimits#SANDBOX_NUMBERS_MAX} numbers, {@link SnsLimits#SANDBOX_PASSWORDS_PER_DAY_MAX}
 * passwords per number per 24 hours, and a number can be deleted only 24 hours after its last verification attempt.
 * Wharf's accounts are out of the sandbox (GetSMSSandboxAccountStatus), so the list restricts no delivery.
 *
 * <p>Each number is a record under {@code mx/}, the account and the number. Thread-safe: each account's numbers are
 * guarded by its own lock.
 */
final class SmsSandbox {

    static final String PREFIX = "mx/";
    /** How long a one-time password stays valid (Wharf's choice), and the window of the password quota. */
    static final Duration PASSWORD_LIFETIME = Duration.ofHours(24);
    /** How long after its last verification attempt a number may be deleted. */
    static final Duration DELETE_AFTER = Duration.ofHours(24);

    static final String PENDING = "Pending";
    static final String VERIFIED = "Verified";

    private static final Pattern PHONE = Pattern.compile("^(\\+[0-9]{8,}|[0-9]{0,9})$");
    private static final Pattern PASSWORD = Pattern.compile("^[0-9]+$");
    private static final int PHONE_LENGTH_MAX = 20;
    private static final List<String> LANGUAGES = List.of(
            "en-US", "en-GB", "es-419", "es-ES", "de-DE", "fr-CA", "fr-FR", "it-IT", "ja-JP", "pt-BR", "kr-KR", "zh-CN",
            "zh-TW");
    private static final int PASSWORD_DIGITS = 6;

    /**
     * A number as the store keeps it.
     *
     * @param sentAtMillis when each password of the last 24 hours was sent, oldest first
     */
    record Stored(
            String accountId,
            String phoneNumber,
            String status,
            @Nullable String password,
            List<Long> sentAtMillis,
            long lastAttemptMillis) {}

    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        /** Lock must be held. */
        final TreeMap<String, Stored> numbers = new TreeMap<>();
    }

    private final TopicStore store;
    private final PhoneNumbers phones;
    private final Outboxes outboxes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    SmsSandbox(TopicStore store, PhoneNumbers phones, Outboxes outboxes, Clock clock) {
        this.store = store;
        this.phones = phones;
        this.outboxes = outboxes;
        this.clock = clock;
    }

    void restore() {
        store.scan(PREFIX, (key, value) -> {
            Stored stored = SnsRecords.decode(value, Stored.class);
            account(stored.accountId()).numbers.put(stored.phoneNumber(), stored);
        });
    }

    /** Adds a number, or sends a pending one a new password; a verified number is left as it is. */
    void create(String accountId, @Nullable String phoneNumber, @Nullable String languageCode) {
        MemberConstraints.check()
                .notNull("phoneNumber", phoneNumber)
                .length("phoneNumber", phoneNumber, 0, PHONE_LENGTH_MAX, true)
                .pattern("phoneNumber", phoneNumber, PHONE, true)
                .oneOf("languageCode", languageCode, LANGUAGES)
                .validate();
        String number = PhoneNumbers.forLookup(phoneNumber);
        if (phones.optedOut(accountId, number)) {
            throw SnsError.OptedOut.with("Phone number is opted out");
        }
        Account account = account(accountId);
        String password;
        account.lock.lock();
        try {
            Stored current = account.numbers.get(number);
            if (current != null && current.status().equals(VERIFIED)) {
                return;
            }
            if (current == null && account.numbers.size() >= SnsLimits.SANDBOX_NUMBERS_MAX) {
                throw SnsError.UserError.with("You have reached the limit of " + SnsLimits.SANDBOX_NUMBERS_MAX
                        + " destination phone numbers in the SMS sandbox");
            }
            long now = clock.millis();
            List<Long> sent = recent(current, now);
            if (sent.size() >= SnsLimits.SANDBOX_PASSWORDS_PER_DAY_MAX) {
                throw SnsError.Throttled.with("A one-time password can be sent to a phone number at most "
                        + SnsLimits.SANDBOX_PASSWORDS_PER_DAY_MAX + " times every 24 hours");
            }
            sent.add(now);
            password = password();
            write(account, new Stored(accountId, number, PENDING, password, sent, now));
        } finally {
            account.lock.unlock();
        }
        outboxes.add(Outboxes.Kind.SMS, List.of(passwordMessage(accountId, number, password)));
    }

    void verify(String accountId, @Nullable String phoneNumber, @Nullable String oneTimePassword) {
        MemberConstraints.check()
                .notNull("phoneNumber", phoneNumber)
                .notNull("oneTimePassword", oneTimePassword)
                .length("phoneNumber", phoneNumber, 0, PHONE_LENGTH_MAX, true)
                .pattern("phoneNumber", phoneNumber, PHONE, true)
                .length("oneTimePassword", oneTimePassword, 5, 8, false)
                .pattern("oneTimePassword", oneTimePassword, PASSWORD, false)
                .validate();
        String number = PhoneNumbers.forLookup(phoneNumber);
        Account account = account(accountId);
        account.lock.lock();
        try {
            Stored current = require(account, number);
            if (current.status().equals(VERIFIED)) {
                return;
            }
            long now = clock.millis();
            boolean fresh = !current.sentAtMillis().isEmpty()
                    && now - current.sentAtMillis().getLast() < PASSWORD_LIFETIME.toMillis();
            boolean right = fresh && Objects.equals(current.password(), oneTimePassword);
            write(
                    account,
                    new Stored(
                            accountId,
                            number,
                            right ? VERIFIED : PENDING,
                            right ? null : current.password(),
                            current.sentAtMillis(),
                            now));
            if (!right) {
                throw SnsError.VerificationException.with("Invalid one-time password");
            }
        } finally {
            account.lock.unlock();
        }
    }

    void delete(String accountId, @Nullable String phoneNumber) {
        MemberConstraints.check()
                .notNull("phoneNumber", phoneNumber)
                .length("phoneNumber", phoneNumber, 0, PHONE_LENGTH_MAX, true)
                .pattern("phoneNumber", phoneNumber, PHONE, true)
                .validate();
        String number = PhoneNumbers.forLookup(phoneNumber);
        Account account = account(accountId);
        account.lock.lock();
        try {
            Stored current = require(account, number);
            if (clock.millis() - current.lastAttemptMillis() < DELETE_AFTER.toMillis()) {
                throw SnsError.UserError.with("A destination phone number can be deleted only 24 hours after its"
                        + " last verification attempt");
            }
            store.commit(new TopicBatch().delete(key(accountId, number)));
            account.numbers.remove(number);
        } finally {
            account.lock.unlock();
        }
    }

    /** One page of the account's numbers, in order, after the number that the token names. */
    Page<SMSSandboxPhoneNumber> list(String accountId, @Nullable String nextToken, @Nullable Integer maxResults) {
        MemberConstraints.check()
                .range("maxResults", maxResults, 1, SnsLimits.SANDBOX_NUMBERS_PAGE_MAX)
                .validate();
        int size = maxResults == null ? SnsLimits.LIST_PAGE_SIZE : maxResults;
        String after = Page.after(nextToken);
        List<SMSSandboxPhoneNumber> page = new ArrayList<>();
        Account account = account(accountId);
        account.lock.lock();
        try {
            for (Stored stored : (after == null ? account.numbers : account.numbers.tailMap(after, false)).values()) {
                if (page.size() == size) {
                    return new Page<>(
                            page,
                            Page.token(Objects.requireNonNull(page.getLast().phoneNumber())));
                }
                page.add(new SMSSandboxPhoneNumber(stored.phoneNumber(), stored.status()));
            }
        } finally {
            account.lock.unlock();
        }
        return new Page<>(page, null);
    }

    /** Lock must be held. */
    private static Stored require(Account account, String number) {
        Stored current = account.numbers.get(number);
        if (current == null) {
            throw SnsError.ResourceNotFound.with("Phone number does not exist");
        }
        return current;
    }

    /** The sending times of the last 24 hours, which count against the quota. */
    private List<Long> recent(@Nullable Stored current, long now) {
        List<Long> sent = new ArrayList<>();
        if (current != null) {
            for (long at : current.sentAtMillis()) {
                if (now - at < PASSWORD_LIFETIME.toMillis()) {
                    sent.add(at);
                }
            }
        }
        return sent;
    }

    private String password() {
        int bound = (int) Math.pow(10, PASSWORD_DIGITS);
        return String.format(Locale.ROOT, "%0" + PASSWORD_DIGITS + "d", random.nextInt(bound));
    }

    /** The SMS that carries a password, as Wharf words it (AWS's wording is not documented). */
    private Outboxes.Stored passwordMessage(String accountId, String number, String password) {
        return new Outboxes.Stored(
                accountId,
                number,
                null,
                null,
                UUID.randomUUID().toString(),
                "Your Amazon SNS verification code is: " + password,
                new LinkedHashMap<>(),
                null,
                null,
                clock.millis());
    }

    /** Lock must be held. */
    private void write(Account account, Stored stored) {
        store.commit(new TopicBatch().put(key(stored.accountId(), stored.phoneNumber()), SnsRecords.encode(stored)));
        account.numbers.put(stored.phoneNumber(), stored);
    }

    private static String key(String accountId, String number) {
        return PREFIX + accountId + "/" + number;
    }

    private Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }
}
