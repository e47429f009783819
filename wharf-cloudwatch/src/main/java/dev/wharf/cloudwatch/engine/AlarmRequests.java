package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.AlarmHistoryItem;
import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CompositeAlarm;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmHistoryResponse;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsForMetricResponse;
import dev.wharf.cloudwatch.api.DescribeAlarmsRequest;
import dev.wharf.cloudwatch.api.DescribeAlarmsResponse;
import dev.wharf.cloudwatch.api.ListTagsForResourceResponse;
import dev.wharf.cloudwatch.api.MetricAlarm;
import dev.wharf.cloudwatch.api.SetAlarmStateRequest;
import dev.wharf.cloudwatch.api.Tag;
import dev.wharf.common.LogText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The alarm operations that read alarms or change them by name: describe, history, SetAlarmState and tags. */
final class AlarmRequests {

    private static final int MAX_NAMES = 100;
    private static final int DEFAULT_RECORDS = 50;
    private static final int MAX_RECORDS = 100;

    private final Alarms alarms;

    AlarmRequests(Alarms alarms) {
        this.alarms = alarms;
    }

    DescribeAlarmsResponse describeAlarms(CloudWatchContext context, DescribeAlarmsRequest request) {
        int max = maxRecords(request.maxRecords());
        Set<String> types = types(request.alarmTypes());
        Set<String> names = request.alarmNames() == null ? Set.of() : Set.copyOf(names(request.alarmNames()));
        if (request.stateValue() != null && !Alarm.STATES.contains(request.stateValue())) {
            throw MetricRules.constraint(
                    "stateValue",
                    request.stateValue(),
                    "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }
        Set<String> related = related(context, request);
        String after = request.nextToken() == null ? null : untoken(request.nextToken());
        List<MetricAlarm> metric = new ArrayList<>();
        List<CompositeAlarm> composite = new ArrayList<>();
        String next = null;
        for (Alarm alarm : alarms.list(context.accountId(), after)) {
            if (!matches(alarm, request, types, names, related)) {
                continue;
            }
            if (metric.size() + composite.size() == max) {
                next = token(lastName(metric, composite));
                break;
            }
            if (alarm.composite()) {
                composite.add(compositeAlarm(alarm));
            } else {
                metric.add(metricAlarm(alarm));
            }
        }
        return new DescribeAlarmsResponse(
                types.contains("CompositeAlarm") ? composite : null,
                types.contains("MetricAlarm") ? metric : null,
                null,
                next);
    }

    private static String lastName(List<MetricAlarm> metric, List<CompositeAlarm> composite) {
        String a = metric.isEmpty() ? "" : String.valueOf(metric.getLast().alarmName());
        String b = composite.isEmpty() ? "" : String.valueOf(composite.getLast().alarmName());
        return a.compareTo(b) > 0 ? a : b;
    }

    private static boolean matches(
            Alarm alarm, DescribeAlarmsRequest request, Set<String> types, Set<String> names, Set<String> related) {
        if (!types.contains(alarm.composite() ? "CompositeAlarm" : "MetricAlarm")) {
            return false;
        }
        if (!names.isEmpty() && !names.contains(alarm.name())) {
            return false;
        }
        if (request.alarmNamePrefix() != null && !alarm.name().startsWith(request.alarmNamePrefix())) {
            return false;
        }
        if (request.stateValue() != null && !request.stateValue().equals(alarm.stateValue())) {
            return false;
        }
        if (request.actionPrefix() != null
                && java.util.stream.Stream.of(alarm.okActions(), alarm.alarmActions(), alarm.insufficientDataActions())
                        .flatMap(List::stream)
                        .noneMatch(action -> action.startsWith(request.actionPrefix()))) {
            return false;
        }
        boolean relation = request.childrenOfAlarmName() != null || request.parentsOfAlarmName() != null;
        return !relation || related.contains(alarm.name()) || related.contains(alarm.arn());
    }

    /** The alarms that ChildrenOfAlarmName or ParentsOfAlarmName asks for, by name and ARN. */
    private Set<String> related(CloudWatchContext context, DescribeAlarmsRequest request) {
        Set<String> related = new HashSet<>();
        if (request.childrenOfAlarmName() != null) {
            Alarm parent = alarms.find(context.accountId(), request.childrenOfAlarmName());
            if (parent != null && parent.composite()) {
                related.addAll(Alarms.referenced(parent));
            }
        }
        if (request.parentsOfAlarmName() != null) {
            Alarm child = alarms.find(context.accountId(), request.parentsOfAlarmName());
            for (Alarm alarm : alarms.list(context.accountId(), null)) {
                if (child != null && alarm.composite()) {
                    Set<String> children = Alarms.referenced(alarm);
                    if (children.contains(child.name()) || children.contains(child.arn())) {
                        related.add(alarm.name());
                    }
                }
            }
        }
        return related;
    }

    private static Set<String> types(@Nullable List<String> types) {
        if (types == null || types.isEmpty()) {
            return Set.of("MetricAlarm");
        }
        for (String type : types) {
            if (!type.equals("MetricAlarm") && !type.equals("CompositeAlarm")) {
                throw MetricRules.constraint(
                        "alarmTypes", types, "Member must satisfy enum value set: [CompositeAlarm, MetricAlarm]");
            }
        }
        return Set.copyOf(types);
    }

    private static int maxRecords(@Nullable Integer maxRecords) {
        if (maxRecords == null) {
            return DEFAULT_RECORDS;
        }
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw MetricRules.constraint(
                    "maxRecords", maxRecords, "Member must have value between 1 and " + MAX_RECORDS);
        }
        return maxRecords;
    }

    static List<String> names(@Nullable List<String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > MAX_NAMES) {
            throw MetricRules.constraint(
                    "alarmNames", names.size() + " names", "Member must have length less than or equal to 100");
        }
        return names;
    }

    DescribeAlarmsForMetricResponse describeAlarmsForMetric(
            CloudWatchContext context, DescribeAlarmsForMetricRequest request) {
        String metricName = MetricRules.name(request.metricName(), "MetricName");
        String namespace = MetricRules.name(request.namespace(), "Namespace");
        MetricKey wanted = new MetricKey(
                context.accountId(), namespace, metricName, MetricRules.dimensions(request.dimensions(), "Dimensions"));
        List<MetricAlarm> out = new ArrayList<>();
        for (Alarm alarm : alarms.list(context.accountId(), null)) {
            if (alarm.composite() || alarm.metricName() == null || alarm.namespace() == null) {
                continue;
            }
            MetricKey key = new MetricKey(
                    context.accountId(),
                    alarm.namespace(),
                    alarm.metricName(),
                    MetricRules.dimensions(alarm.dimensions(), "Dimensions"));
            boolean dimensionsMatch = request.dimensions() == null || key.equals(wanted);
            if (key.namespace().equals(namespace)
                    && key.metricName().equals(metricName)
                    && dimensionsMatch
                    && (request.statistic() == null || request.statistic().equals(alarm.statistic()))
                    && (request.extendedStatistic() == null
                            || request.extendedStatistic().equals(alarm.extendedStatistic()))
                    && (request.period() == null || request.period().equals(alarm.period()))
                    && (request.unit() == null || request.unit().equals(alarm.unit()))) {
                out.add(metricAlarm(alarm));
            }
        }
        return new DescribeAlarmsForMetricResponse(out);
    }

    /** SetAlarmState: the state until the next evaluation, with its actions. */
    Alarms.@Nullable Transition setAlarmState(CloudWatchContext context, SetAlarmStateRequest request) {
        String name = MetricRules.name(request.alarmName(), "AlarmName");
        String state = MetricReads.require(request.stateValue(), "StateValue");
        if (!Alarm.STATES.contains(state)) {
            throw MetricRules.constraint(
                    "stateValue", state, "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }
        String reason = MetricReads.require(request.stateReason(), "StateReason");
        if (reason.length() > 1_023) {
            throw MetricRules.constraint(
                    "stateReason",
                    reason.length() + " characters",
                    "Member must have length less than or equal to 1023");
        }
        String data = request.stateReasonData();
        if (data != null) {
            try {
                com.fasterxml.jackson.databind.JsonNode parsed = AlarmEvaluation.JSON.readTree(data);
                if (parsed == null || !parsed.isObject()) {
                    throw new java.io.IOException("not an object");
                }
            } catch (java.io.IOException e) {
                throw CloudWatchError.InvalidFormat.with(
                        "Invalid JSON in StateReasonData: " + LogText.bounded(data, 64));
            }
        }
        Alarm alarm = alarms.find(context.accountId(), name);
        if (alarm == null) {
            throw CloudWatchError.ResourceNotFound.with("Alarm " + LogText.of(name) + " does not exist.");
        }
        return alarms.transition(alarm, state, reason, data);
    }

    DescribeAlarmHistoryResponse describeAlarmHistory(CloudWatchContext context, DescribeAlarmHistoryRequest request) {
        int max = maxRecords(request.maxRecords());
        String type = request.historyItemType();
        if (type != null
                && !Set.of("ConfigurationUpdate", "StateUpdate", "Action").contains(type)) {
            throw MetricRules.constraint(
                    "historyItemType",
                    type,
                    "Member must satisfy enum value set: [ConfigurationUpdate, StateUpdate, Action]");
        }
        Set<String> types = types(request.alarmTypes());
        long from = request.startDate() == null
                ? Long.MIN_VALUE
                : request.startDate().toEpochMilli();
        long to = request.endDate() == null ? Long.MAX_VALUE : request.endDate().toEpochMilli();
        List<AlarmStore.HistoryEntry> entries = new ArrayList<>(alarms.store()
                .history(
                        context.accountId(),
                        request.alarmName(),
                        entry -> (type == null || type.equals(entry.historyItemType()))
                                && types.contains(entry.alarmType())
                                && entry.timeMillis() >= from
                                && entry.timeMillis() <= to));
        boolean ascending = "TimestampAscending".equals(request.scanBy());
        Comparator<AlarmStore.HistoryEntry> byTime = Comparator.comparingLong(AlarmStore.HistoryEntry::timeMillis);
        entries.sort(ascending ? byTime : byTime.reversed());
        int offset = request.nextToken() == null ? 0 : historyOffset(request.nextToken(), entries.size());
        List<AlarmHistoryItem> out = new ArrayList<>();
        for (int i = offset; i < Math.min(entries.size(), offset + max); i++) {
            AlarmStore.HistoryEntry entry = entries.get(i);
            out.add(new AlarmHistoryItem(
                    entry.alarmName(),
                    null,
                    entry.alarmType(),
                    Instant.ofEpochMilli(entry.timeMillis()),
                    entry.historyItemType(),
                    entry.historySummary(),
                    entry.historyData(),
                    null));
        }
        String next = offset + max < entries.size() ? token("h" + (offset + max)) : null;
        return new DescribeAlarmHistoryResponse(out, next);
    }

    private static int historyOffset(String token, int size) {
        String text = untoken(token);
        try {
            int offset = text.startsWith("h") ? Integer.parseInt(text.substring(1)) : -1;
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw invalidToken();
    }

    ListTagsForResourceResponse listTags(CloudWatchContext context, @Nullable String arn) {
        return new ListTagsForResourceResponse(alarmOf(context, arn).tags());
    }

    void tag(CloudWatchContext context, @Nullable String arn, @Nullable List<Tag> tags) {
        Alarm alarm = alarmOf(context, arn);
        alarms.setTags(alarm, Tags.merge(alarm.tags(), MetricReads.require(tags, "Tags")));
    }

    void untag(CloudWatchContext context, @Nullable String arn, @Nullable List<String> keys) {
        Alarm alarm = alarmOf(context, arn);
        alarms.setTags(alarm, Tags.remove(alarm.tags(), Set.copyOf(MetricReads.require(keys, "TagKeys"))));
    }

    private Alarm alarmOf(CloudWatchContext context, @Nullable String arn) {
        String resource = MetricReads.require(arn, "ResourceARN");
        String prefix = "arn:aws:cloudwatch:" + context.region() + ":" + context.accountId() + ":alarm:";
        Alarm alarm = resource.startsWith(prefix)
                ? alarms.find(context.accountId(), resource.substring(prefix.length()))
                : null;
        if (alarm == null) {
            throw CloudWatchError.ResourceNotFoundException.with(
                    "The resource " + LogText.of(resource) + " does not exist.");
        }
        return alarm;
    }

    static MetricAlarm metricAlarm(Alarm alarm) {
        return new MetricAlarm(
                alarm.name(),
                alarm.arn(),
                alarm.description(),
                Instant.ofEpochMilli(alarm.configurationUpdatedMillis()),
                alarm.actionsEnabled(),
                alarm.okActions(),
                alarm.alarmActions(),
                alarm.insufficientDataActions(),
                alarm.stateValue(),
                alarm.stateReason(),
                alarm.stateReasonData(),
                Instant.ofEpochMilli(alarm.stateUpdatedMillis()),
                alarm.metricName(),
                alarm.namespace(),
                alarm.statistic(),
                alarm.extendedStatistic(),
                alarm.metrics().isEmpty() ? alarm.dimensions() : null,
                alarm.metrics().isEmpty() ? alarm.period() : null,
                alarm.unit(),
                alarm.evaluationPeriods(),
                alarm.datapointsToAlarm(),
                alarm.threshold(),
                alarm.comparisonOperator(),
                alarm.treatMissingData(),
                alarm.evaluateLowSampleCountPercentile(),
                alarm.metrics().isEmpty() ? null : alarm.metrics(),
                alarm.thresholdMetricId(),
                null,
                Instant.ofEpochMilli(alarm.stateTransitionedMillis()),
                null,
                null,
                null);
    }

    static CompositeAlarm compositeAlarm(Alarm alarm) {
        Alarm.Suppression held = alarm.suppression();
        return new CompositeAlarm(
                alarm.actionsEnabled(),
                alarm.alarmActions(),
                alarm.arn(),
                Instant.ofEpochMilli(alarm.configurationUpdatedMillis()),
                alarm.description(),
                alarm.name(),
                alarm.alarmRule(),
                alarm.insufficientDataActions(),
                alarm.okActions(),
                alarm.stateReason(),
                alarm.stateReasonData(),
                Instant.ofEpochMilli(alarm.stateUpdatedMillis()),
                alarm.stateValue(),
                Instant.ofEpochMilli(alarm.stateTransitionedMillis()),
                held == null ? null : held.by(),
                held == null ? null : ActionSuppression.reason(held),
                alarm.actionsSuppressor(),
                alarm.actionsSuppressorWaitPeriod(),
                alarm.actionsSuppressorExtensionPeriod());
    }

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String untoken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidToken();
        }
    }

    private static dev.wharf.common.AwsException invalidToken() {
        return CloudWatchError.InvalidNextToken.with("The service couldn't process the NextToken.");
    }
}
