package dev.wharf.cloudwatch.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.MetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How alarms and their history lie in the {@link MetricStore}: an alarm under {@code a/<account>/<name>}, each history
 * item under {@code h/<account>/<name>/<time>/<sequence>} (so an alarm's history is one range in time order, kept
 * after the alarm is deleted, as AWS keeps it), both as JSON.
 */
final class AlarmStore {

    /** One item of an alarm's history, as the store keeps it. */
    record HistoryEntry(
            String alarmName,
            String alarmType,
            long timeMillis,
            String historyItemType,
            String historySummary,
            String historyData) {}

    static final String ALARMS = "a/";
    static final String HISTORY = "h/";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final MetricStore store;
    /** Orders history items of one millisecond; guarded by the caller's lock. */
    private long sequence;

    AlarmStore(MetricStore store) {
        this.store = store;
    }

    List<Alarm> load() {
        List<Alarm> alarms = new ArrayList<>();
        store.scanResources(ALARMS, (key, value) -> alarms.add(read(value, Alarm.class)));
        return alarms;
    }

    static String alarmKey(String accountId, String name) {
        return ALARMS + accountId + "/" + name;
    }

    void put(Alarm alarm, MetricBatch batch) {
        batch.putResource(alarmKey(alarm.accountId(), alarm.name()), write(alarm));
    }

    void delete(Alarm alarm, MetricBatch batch) {
        batch.deleteResource(alarmKey(alarm.accountId(), alarm.name()));
    }

    /** Adds a history item; the caller's lock must be held. */
    void history(String accountId, HistoryEntry entry, MetricBatch batch) {
        String key = HISTORY + accountId + "/" + entry.alarmName() + "/"
                + String.format(Locale.ROOT, "%019d/%010d", entry.timeMillis(), sequence++ % 10_000_000_000L);
        batch.putResource(key, write(entry));
    }

    /** The history of an account, or of one alarm, that passes a filter, in time order per alarm. */
    List<HistoryEntry> history(String accountId, @Nullable String alarmName, Predicate<HistoryEntry> filter) {
        List<HistoryEntry> out = new ArrayList<>();
        String prefix = HISTORY + accountId + "/" + (alarmName == null ? "" : alarmName + "/");
        store.scanResources(prefix, (key, value) -> {
            HistoryEntry entry = read(value, HistoryEntry.class);
            // A prefix of one alarm's name must not take in another's ("a" and "ab").
            if ((alarmName == null || entry.alarmName().equals(alarmName)) && filter.test(entry)) {
                out.add(entry);
            }
        });
        return out;
    }

    /** Deletes history older than a time, at most {@code limit} items in one batch; answers how many it deleted. */
    int expireHistory(long beforeMillis, int limit) {
        MetricBatch batch = new MetricBatch();
        int[] deleted = {0};
        store.scanResources(HISTORY, (key, value) -> {
            if (deleted[0] < limit && read(value, HistoryEntry.class).timeMillis() < beforeMillis) {
                batch.deleteResource(key);
                deleted[0]++;
            }
        });
        store.commit(batch);
        return deleted[0];
    }

    void commit(MetricBatch batch) {
        store.commit(batch);
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a malformed CloudWatch alarm record", e);
        }
    }
}
