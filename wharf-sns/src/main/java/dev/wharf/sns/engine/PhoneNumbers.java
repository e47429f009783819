package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import dev.wharf.common.MemberConstraints;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.storage.TopicBatch;
import dev.wharf.storage.TopicStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers as SNS reads them (E.164), and each account's opt-out list: the numbers whose owners replied STOP,
 * which then receive no SMS from the account, from a topic or a direct publish, until the account opts them in again,
 * which AWS allows once every 30 days per number.
 *
 * <p>Each number's state is a record under {@code mp/}, the account and the number, written before the call answers.
 * Thread-safe: each account's numbers are guarded by its own lock.
 */
final class PhoneNumbers {

    static final String PREFIX = "mp/";
    /** How long after an opt-in the same number may not be opted in again. */
    static final Duration OPT_IN_INTERVAL = Duration.ofDays(30);

    private static final Pattern E164 = Pattern.compile("\\+?[1-9][0-9]{1,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[./\\s()-]");
    private static final Pattern DOUBLED_OR_EDGE_SEPARATOR = Pattern.compile("[./-]{2,}|^[./-]|[./-]$");

    /** A number's state as the store keeps it. */
    record Stored(String accountId, String phoneNumber, boolean optedOut, long optedInAtMillis) {}

    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        /** Lock must be held: the numbers in E.164 form, in order, so that listings page stably. */
        final TreeMap<String, Stored> numbers = new TreeMap<>();
    }

    private final TopicStore store;
    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    PhoneNumbers(TopicStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void restore() {
        store.scan(PREFIX, (key, value) -> {
            Stored stored = SnsRecords.decode(value, Stored.class);
            account(stored.accountId()).numbers.put(stored.phoneNumber(), stored);
        });
    }

    static boolean valid(@Nullable String number) {
        return number != null && E164.matcher(number).matches();
    }

    /**
     * Whether a subscription's sms endpoint is a phone number as AWS accepts it: E.164 once single separators
     * ({@code .}, {@code /}, {@code -}, spaces and parentheses) between its digits are taken out; two separators in a
     * row, or one at either end, make it invalid.
     */
    static boolean validSmsEndpoint(String endpoint) {
        return !DOUBLED_OR_EDGE_SEPARATOR.matcher(endpoint).find() && valid(withoutSeparators(endpoint));
    }

    static String withoutSeparators(String number) {
        return SEPARATORS.matcher(number).replaceAll("");
    }

    /** A valid number in the form that SNS keeps: a plus, then its digits. */
    static String normalised(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }

    /** Publish's PhoneNumber, checked with AWS's text. */
    static String forPublish(String number) {
        if (!valid(number)) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: PhoneNumber Reason: " + LogText.of(number) + " is not valid to publish to");
        }
        return normalised(number);
    }

    /** The phoneNumber of CheckIfPhoneNumberIsOptedOut and OptInPhoneNumber, checked with AWS's text. */
    static String forLookup(@Nullable String number) {
        MemberConstraints.check().notNull("phoneNumber", number).validate();
        if (!valid(number)) {
            throw SnsError.InvalidParameter.with("Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
        }
        return normalised(java.util.Objects.requireNonNull(number));
    }

    /** Whether a number (in E.164 form) has opted out of the account's SMS. */
    boolean optedOut(String accountId, String number) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return false;
        }
        account.lock.lock();
        try {
            Stored stored = account.numbers.get(number);
            return stored != null && stored.optedOut();
        } finally {
            account.lock.unlock();
        }
    }

    /** Opts a number out, as its owner's STOP reply would. */
    void optOut(String accountId, String number) {
        Account account = account(accountId);
        account.lock.lock();
        try {
            Stored current = account.numbers.get(number);
            if (current == null && account.numbers.size() >= SnsLimits.PHONE_NUMBERS_MAX) {
                throw SnsError.InvalidParameter.with("Invalid parameter: PhoneNumber Reason: the account's limit of "
                        + SnsLimits.PHONE_NUMBERS_MAX + " phone numbers is reached");
            }
            long optedIn = current == null ? 0 : current.optedInAtMillis();
            write(account, new Stored(accountId, number, true, optedIn));
        } finally {
            account.lock.unlock();
        }
    }

    /** Opts a number in; one that is not opted out is a success, as on AWS. */
    void optIn(String accountId, String number) {
        Account account = account(accountId);
        account.lock.lock();
        try {
            Stored current = account.numbers.get(number);
            if (current == null || !current.optedOut()) {
                return;
            }
            long now = clock.millis();
            if (current.optedInAtMillis() > 0 && now - current.optedInAtMillis() < OPT_IN_INTERVAL.toMillis()) {
                throw SnsError.InvalidParameter.with(
                        "Invalid parameter: PhoneNumber Reason: a phone number can be opted in only once every 30 days");
            }
            write(account, new Stored(accountId, number, false, now));
        } finally {
            account.lock.unlock();
        }
    }

    /** One page of the account's opted-out numbers, after the number that the token names. */
    Page<String> listOptedOut(String accountId, @Nullable String nextToken) {
        String after = Page.after(nextToken);
        Account account = accounts.get(accountId);
        List<String> page = new ArrayList<>();
        if (account == null) {
            return new Page<>(page, null);
        }
        account.lock.lock();
        try {
            for (Stored stored : (after == null ? account.numbers : account.numbers.tailMap(after, false)).values()) {
                if (!stored.optedOut()) {
                    continue;
                }
                if (page.size() == SnsLimits.LIST_PAGE_SIZE) {
                    return new Page<>(page, Page.token(page.getLast()));
                }
                page.add(stored.phoneNumber());
            }
        } finally {
            account.lock.unlock();
        }
        return new Page<>(page, null);
    }

    /** Lock must be held. */
    private void write(Account account, Stored stored) {
        store.commit(new TopicBatch()
                .put(PREFIX + stored.accountId() + "/" + stored.phoneNumber(), SnsRecords.encode(stored)));
        account.numbers.put(stored.phoneNumber(), stored);
    }

    private Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new Account());
    }
}
