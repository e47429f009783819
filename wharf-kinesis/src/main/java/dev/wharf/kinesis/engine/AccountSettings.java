package dev.wharf.kinesis.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.DescribeAccountSettingsResponse;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.MinimumThroughputBillingCommitmentInput;
import dev.wharf.kinesis.api.MinimumThroughputBillingCommitmentOutput;
import dev.wharf.kinesis.api.UpdateAccountSettingsRequest;
import dev.wharf.kinesis.api.UpdateAccountSettingsResponse;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.StreamStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Each account's Kinesis settings (DescribeAccountSettings, UpdateAccountSettings): its minimum throughput billing
 * commitment, which on-demand streams' warm throughput needs. Kept as one metadata record per account under the
 * reserved stream id {@link StreamRecords#ACCOUNT_STREAM_ID}, read the first time an account asks. Thread-safe.
 *
 * <p>As AWS documents it, a commitment lasts at least 24 hours: enabling it starts one (StartedAt, and
 * EarliestAllowedEndAt a day later); disabling it before then leaves it ENABLED_UNTIL_EARLIEST_ALLOWED_END, which ends
 * by itself at that time (EndedAt), and enabling it again before then cancels the end; disabling it later ends it now.
 */
final class AccountSettings {

    /** The minimum commitment's length. */
    static final long COMMITMENT_MILLIS = Stream.DAY_MILLIS;

    private static final String ENABLED = "ENABLED";
    private static final String DISABLED = "DISABLED";
    private static final String ENDING = "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
    private static final StreamRecords.AccountRecord NONE = new StreamRecords.AccountRecord(DISABLED, null, null, null);

    private final Clock clock;
    private final StreamStore store;
    private final ConcurrentHashMap<String, StreamRecords.AccountRecord> accounts = new ConcurrentHashMap<>();

    AccountSettings(Clock clock, StreamStore store) {
        this.clock = clock;
        this.store = store;
    }

    DescribeAccountSettingsResponse describe(KinesisContext context) {
        return new DescribeAccountSettingsResponse(output(current(context.accountId())));
    }

    UpdateAccountSettingsResponse update(KinesisContext context, UpdateAccountSettingsRequest request) {
        MinimumThroughputBillingCommitmentInput input = request.minimumThroughputBillingCommitment();
        MemberConstraints.check()
                .notNull("minimumThroughputBillingCommitment", input)
                .notNull("minimumThroughputBillingCommitment.status", input == null ? "" : input.status())
                .oneOf(
                        "minimumThroughputBillingCommitment.status",
                        input == null ? null : input.status(),
                        List.of(ENABLED, DISABLED))
                .validate(KinesisError.Validation);
        boolean enable = ENABLED.equals(Objects.requireNonNull(input).status());
        String account = context.accountId();
        synchronized (this) {
            long now = clock.millis();
            StreamRecords.AccountRecord before = current(account);
            StreamRecords.AccountRecord after = enable ? enabled(before, now) : disabled(before, now);
            if (!after.equals(before)) {
                store.commit(new StreamBatch()
                        .putMetadata(
                                StreamRecords.ACCOUNT_STREAM_ID,
                                StreamRecords.ACCOUNT_PREFIX + account,
                                StreamRecords.encodeAccount(after)));
                accounts.put(account, after);
            }
            return new UpdateAccountSettingsResponse(output(after));
        }
    }

    /** Whether the account has a minimum throughput billing commitment now, as warm throughput needs. */
    boolean committed(String accountId) {
        return !DISABLED.equals(current(accountId).status());
    }

    private static StreamRecords.AccountRecord enabled(StreamRecords.AccountRecord before, long now) {
        return switch (before.status()) {
            case ENABLED -> before;
            case ENDING ->
                new StreamRecords.AccountRecord(
                        ENABLED, before.startedAtMillis(), null, before.earliestAllowedEndAtMillis());
            default -> new StreamRecords.AccountRecord(ENABLED, now, null, now + COMMITMENT_MILLIS);
        };
    }

    private static StreamRecords.AccountRecord disabled(StreamRecords.AccountRecord before, long now) {
        if (!ENABLED.equals(before.status())) {
            return before;
        }
        Long earliest = Objects.requireNonNull(before.earliestAllowedEndAtMillis());
        return now < earliest
                ? new StreamRecords.AccountRecord(ENDING, before.startedAtMillis(), null, earliest)
                : new StreamRecords.AccountRecord(DISABLED, before.startedAtMillis(), now, earliest);
    }

    /** The account's settings now: a commitment that was ending has ended once its earliest end has passed. */
    private StreamRecords.AccountRecord current(String accountId) {
        StreamRecords.AccountRecord record = accounts.computeIfAbsent(accountId, this::read);
        Long earliest = record.earliestAllowedEndAtMillis();
        if (ENDING.equals(record.status()) && earliest != null && clock.millis() >= earliest) {
            return new StreamRecords.AccountRecord(DISABLED, record.startedAtMillis(), earliest, earliest);
        }
        return record;
    }

    private StreamRecords.AccountRecord read(String accountId) {
        byte[] value = store.readMetadata(StreamRecords.ACCOUNT_STREAM_ID, StreamRecords.ACCOUNT_PREFIX + accountId);
        return value == null ? NONE : StreamRecords.decodeAccount(value);
    }

    private static MinimumThroughputBillingCommitmentOutput output(StreamRecords.AccountRecord record) {
        return new MinimumThroughputBillingCommitmentOutput(
                record.status(),
                instant(record.startedAtMillis()),
                instant(record.endedAtMillis()),
                instant(record.earliestAllowedEndAtMillis()));
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
