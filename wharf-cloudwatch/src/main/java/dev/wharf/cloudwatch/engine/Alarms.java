package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.PutCompositeAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.Tag;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.sns.api.TopicPublishPort;
import dev.wharf.storage.MetricBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Every alarm of every account in memory, by account and name, rebuilt at start from {@link AlarmStore}; the changes
 * that the API and the evaluation make, each written (with its history item) before it takes effect; and the actions a
 * state change runs.
 *
 * <p>Thread-safe: reads go to a concurrent map; changes hold {@link #lock}, and actions run after it is let go, since a
 * publish may block.
 */
final class Alarms {

    /** A state change whose actions are still to run. */
    record Transition(Alarm alarm, String oldState) {}

    private final Clock clock;
    private final CloudWatchLimits limits;
    private final AlarmStore store;
    private final @Nullable TopicPublishPort sns;
    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<String, Alarm> byKey = new ConcurrentSkipListMap<>();

    Alarms(Clock clock, CloudWatchLimits limits, AlarmStore store, @Nullable TopicPublishPort sns) {
        this.clock = clock;
        this.limits = limits;
        this.store = store;
        this.sns = sns;
        for (Alarm alarm : store.load()) {
            byKey.put(key(alarm.accountId(), alarm.name()), alarm);
        }
    }

    private static String key(String accountId, String name) {
        return accountId + "/" + name;
    }

    @Nullable
    Alarm find(String accountId, String name) {
        return byKey.get(key(accountId, name));
    }

    /** The alarms of an account in name order, from after {@code after} (null: from the first). */
    Iterable<Alarm> list(String accountId, @Nullable String after) {
        String prefix = accountId + "/";
        String from = after == null ? prefix : prefix + after;
        return () -> byKey.tailMap(from, after == null).entrySet().stream()
                .takeWhile(entry -> entry.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .iterator();
    }

    Iterable<Alarm> all() {
        return byKey.values();
    }

    void putMetricAlarm(CloudWatchContext context, PutMetricAlarmRequest request) {
        put(
                context,
                String.valueOf(request.alarmName()),
                before -> AlarmRules.metricAlarm(context, request, before, clock.millis()));
    }

    void putCompositeAlarm(CloudWatchContext context, PutCompositeAlarmRequest request) {
        put(
                context,
                String.valueOf(request.alarmName()),
                before -> AlarmRules.compositeAlarm(context, request, before, clock.millis()));
    }

    private void put(CloudWatchContext context, String name, java.util.function.Function<@Nullable Alarm, Alarm> make) {
        lock.lock();
        try {
            Alarm before = find(context.accountId(), name);
            Alarm alarm = make.apply(before);
            if (before != null && before.composite() != alarm.composite()) {
                throw CloudWatchError.InvalidParameterValue.with("An alarm named " + LogText.of(name)
                        + " already exists as a " + (before.composite() ? "composite" : "metric") + " alarm.");
            }
            if (before == null && countOf(context.accountId()) >= limits.maxAlarms()) {
                throw CloudWatchError.LimitExceeded.with(
                        "The maximum number of alarms (" + limits.maxAlarms() + ") has been reached.");
            }
            MetricBatch batch = new MetricBatch();
            store.put(alarm, batch);
            store.history(context.accountId(), configurationUpdate(alarm, before == null), batch);
            store.commit(batch);
            byKey.put(key(alarm.accountId(), alarm.name()), alarm);
        } finally {
            lock.unlock();
        }
    }

    private long countOf(String accountId) {
        String prefix = accountId + "/";
        return byKey.tailMap(prefix, true).keySet().stream()
                .takeWhile(key -> key.startsWith(prefix))
                .count();
    }

    private AlarmStore.HistoryEntry configurationUpdate(Alarm alarm, boolean created) {
        return new AlarmStore.HistoryEntry(
                alarm.name(),
                alarm.composite() ? "CompositeAlarm" : "MetricAlarm",
                clock.millis(),
                "ConfigurationUpdate",
                "Alarm \"" + alarm.name() + "\" " + (created ? "created" : "updated"),
                "{\"version\":\"1.0\",\"type\":\"" + (created ? "Create" : "Update") + "\"}");
    }

    /** Deletes the named alarms; names without an alarm are skipped, as AWS skips them. */
    void delete(String accountId, List<String> names) {
        lock.lock();
        try {
            MetricBatch batch = new MetricBatch();
            List<Alarm> deleted = new ArrayList<>();
            for (String name : names) {
                Alarm alarm = find(accountId, name);
                if (alarm != null) {
                    store.delete(alarm, batch);
                    deleted.add(alarm);
                }
            }
            store.commit(batch);
            deleted.forEach(alarm -> byKey.remove(key(accountId, alarm.name())));
        } finally {
            lock.unlock();
        }
    }

    /** Enables or disables the actions of the named alarms that exist. */
    void setActionsEnabled(String accountId, List<String> names, boolean enabled) {
        lock.lock();
        try {
            MetricBatch batch = new MetricBatch();
            List<Alarm> changed = new ArrayList<>();
            for (String name : names) {
                Alarm alarm = find(accountId, name);
                if (alarm != null && alarm.actionsEnabled() != enabled) {
                    Alarm updated = alarm.withActionsEnabled(enabled);
                    store.put(updated, batch);
                    changed.add(updated);
                }
            }
            store.commit(batch);
            changed.forEach(alarm -> byKey.put(key(accountId, alarm.name()), alarm));
        } finally {
            lock.unlock();
        }
    }

    /** Replaces an existing alarm's tags. */
    void setTags(Alarm alarm, List<Tag> tags) {
        lock.lock();
        try {
            Alarm current = find(alarm.accountId(), alarm.name());
            if (current == null) {
                throw CloudWatchError.ResourceNotFoundException.with(
                        "The resource " + alarm.arn() + " does not exist.");
            }
            Alarm updated = current.withTags(tags);
            MetricBatch batch = new MetricBatch();
            store.put(updated, batch);
            store.commit(batch);
            byKey.put(key(alarm.accountId(), alarm.name()), updated);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves an alarm to a state, writing the change and its history item, when it is not in that state already; the
     * caller runs the actions of the transition it answers, after this returns. A composite alarm with an actions
     * suppressor records in the same write whether the transition's actions are held.
     */
    @Nullable
    Transition transition(Alarm alarm, String state, String reason, @Nullable String reasonData) {
        lock.lock();
        try {
            Alarm current = find(alarm.accountId(), alarm.name());
            if (current == null || current.stateValue().equals(state)) {
                return null;
            }
            Alarm updated = current.withState(state, reason, reasonData, clock.millis());
            if (updated.actionsSuppressor() != null) {
                ActionSuppression.Step step = ActionSuppression.onTransition(
                        updated, current.stateValue(), suppressorInAlarm(updated), clock.millis());
                updated = updated.withSuppression(step.suppression());
            } else if (updated.suppression() != null) {
                updated = updated.withSuppression(null);
            }
            MetricBatch batch = new MetricBatch();
            store.put(updated, batch);
            store.history(alarm.accountId(), stateUpdate(current, updated), batch);
            store.commit(batch);
            byKey.put(key(alarm.accountId(), alarm.name()), updated);
            return new Transition(updated, current.stateValue());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves a composite alarm's held actions on with its suppressor's state and the time; answers the transition whose
     * actions run now, when a wait or an extension period has ended, else null.
     */
    @Nullable
    Transition advanceSuppression(Alarm composite) {
        lock.lock();
        try {
            Alarm current = find(composite.accountId(), composite.name());
            Alarm.Suppression held = current == null ? null : current.suppression();
            if (current == null || held == null) {
                return null;
            }
            ActionSuppression.Step step =
                    ActionSuppression.onRound(current, held, suppressorInAlarm(current), clock.millis());
            if (held.equals(step.suppression())) {
                return null;
            }
            Alarm updated = current.withSuppression(step.suppression());
            MetricBatch batch = new MetricBatch();
            store.put(updated, batch);
            store.commit(batch);
            byKey.put(key(updated.accountId(), updated.name()), updated);
            return step.runOldState() == null ? null : new Transition(updated, step.runOldState());
        } finally {
            lock.unlock();
        }
    }

    /** An alarm of the account by its name or its ARN, as a composite alarm's rule and suppressor name them. */
    @Nullable
    Alarm resolve(String accountId, String nameOrArn) {
        return find(
                accountId,
                nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.lastIndexOf(":alarm:") + 7) : nameOrArn);
    }

    /** Whether a composite alarm's suppressor exists and is in ALARM. */
    private boolean suppressorInAlarm(Alarm composite) {
        String suppressor = composite.actionsSuppressor();
        Alarm alarm = suppressor == null ? null : resolve(composite.accountId(), suppressor);
        return alarm != null && alarm.stateValue().equals(Alarm.ALARM);
    }

    private static AlarmStore.HistoryEntry stateUpdate(Alarm before, Alarm after) {
        com.fasterxml.jackson.databind.node.ObjectNode data =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        data.put("version", "1.0");
        state(data.putObject("oldState"), before);
        state(data.putObject("newState"), after);
        return new AlarmStore.HistoryEntry(
                after.name(),
                after.composite() ? "CompositeAlarm" : "MetricAlarm",
                after.stateUpdatedMillis(),
                "StateUpdate",
                "Alarm updated from " + before.stateValue() + " to " + after.stateValue(),
                data.toString());
    }

    private static void state(com.fasterxml.jackson.databind.node.ObjectNode node, Alarm alarm) {
        node.put("stateValue", alarm.stateValue());
        node.put("stateReason", alarm.stateReason());
        if (alarm.stateReasonData() != null) {
            try {
                node.set("stateReasonData", AlarmEvaluation.JSON.readTree(alarm.stateReasonData()));
            } catch (java.io.IOException e) {
                node.put("stateReasonData", alarm.stateReasonData());
            }
        }
    }

    /**
     * Runs a transition's actions when the alarm's actions are enabled and not held by its actions suppressor
     * ({@link ActionSuppression}, which answers the held transition again when it lets it go): each SNS topic of the new state gets the alarm
     * notification, and each action's outcome is an {@code Action} item of the alarm's history. Actions of other
     * services are recorded as failed: Wharf runs SNS actions only.
     */
    void runActions(Transition transition) {
        Alarm alarm = transition.alarm();
        if (!alarm.actionsEnabled() || alarm.suppression() != null) {
            return;
        }
        String region = regionOf(alarm.arn());
        for (String action : alarm.actionsOf(alarm.stateValue())) {
            String outcome;
            if (action.startsWith("arn:aws:sns:") && sns != null) {
                try {
                    sns.publish(
                            alarm.accountId(),
                            action,
                            AlarmNotifications.subject(alarm, region),
                            AlarmNotifications.message(alarm, transition.oldState(), region));
                    outcome = "Successfully executed action " + action;
                } catch (AwsException e) {
                    outcome = "Failed to execute action " + action + ". Received error: \"" + e.getMessage() + "\"";
                }
            } else {
                outcome = "Failed to execute action " + action + ". Wharf runs the actions of SNS topics only.";
            }
            lock.lock();
            try {
                MetricBatch batch = new MetricBatch();
                store.history(
                        alarm.accountId(),
                        new AlarmStore.HistoryEntry(
                                alarm.name(),
                                alarm.composite() ? "CompositeAlarm" : "MetricAlarm",
                                clock.millis(),
                                "Action",
                                outcome,
                                "{\"actionState\":\"" + (outcome.startsWith("Successfully") ? "Succeeded" : "Failed")
                                        + "\",\"notificationResource\":\"" + action.replace("\"", "") + "\"}"),
                        batch);
                store.commit(batch);
            } finally {
                lock.unlock();
            }
        }
    }

    static String regionOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 ? parts[3] : "";
    }

    /** The alarm names (and ARNs) a composite rule refers to. */
    static Set<String> referenced(Alarm composite) {
        Set<String> names = new java.util.LinkedHashSet<>();
        CompositeRule.parse(String.valueOf(composite.alarmRule())).alarms(names);
        return names;
    }

    AlarmStore store() {
        return store;
    }
}
