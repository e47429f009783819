package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One alarm as the store keeps it: its configuration (a metric alarm's metric or math queries, or a composite alarm's
 * rule), its state, and its tags. Immutable; a change is a new record, written before the call that made it answers.
 * Times are epoch milliseconds.
 */
record Alarm(
        String accountId,
        String name,
        String arn,
        boolean composite,
        @Nullable String description,
        boolean actionsEnabled,
        List<String> okActions,
        List<String> alarmActions,
        List<String> insufficientDataActions,
        @Nullable String metricName,
        @Nullable String namespace,
        @Nullable String statistic,
        @Nullable String extendedStatistic,
        List<Dimension> dimensions,
        @Nullable Integer period,
        @Nullable String unit,
        int evaluationPeriods,
        @Nullable Integer datapointsToAlarm,
        @Nullable Double threshold,
        @Nullable String comparisonOperator,
        @Nullable String treatMissingData,
        @Nullable String evaluateLowSampleCountPercentile,
        List<MetricDataQuery> metrics,
        @Nullable String thresholdMetricId,
        @Nullable String alarmRule,
        List<Tag> tags,
        long configurationUpdatedMillis,
        String stateValue,
        String stateReason,
        @Nullable String stateReasonData,
        long stateUpdatedMillis,
        long stateTransitionedMillis,
        @Nullable String actionsSuppressor,
        @Nullable Integer actionsSuppressorWaitPeriod,
        @Nullable Integer actionsSuppressorExtensionPeriod,
        @Nullable Suppression suppression) {

    /**
     * Why a composite alarm's actions are held back, and the transition they belong to.
     *
     * @param by {@code WaitPeriod}, {@code ExtensionPeriod} or {@code Alarm}, as ActionsSuppressedBy names it
     * @param untilMillis when a wait or extension period ends (0 while the suppressor is in ALARM)
     * @param oldState the state the alarm left in the transition whose actions are held
     */
    record Suppression(String by, long untilMillis, String oldState) {}

    static final String OK = "OK";
    static final String ALARM = "ALARM";
    static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    static final List<String> STATES = List.of(OK, ALARM, INSUFFICIENT_DATA);

    Alarm {
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        dimensions = List.copyOf(dimensions);
        metrics = List.copyOf(metrics);
        tags = List.copyOf(tags);
    }

    /** The actions of a state. */
    List<String> actionsOf(String state) {
        return switch (state) {
            case OK -> okActions;
            case ALARM -> alarmActions;
            default -> insufficientDataActions;
        };
    }

    /** M of "M out of N": DatapointsToAlarm, or EvaluationPeriods when it is not set. */
    int datapointsNeeded() {
        return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
    }

    String missingData() {
        return treatMissingData == null ? "missing" : treatMissingData;
    }

    Alarm withState(String value, String reason, @Nullable String reasonData, long nowMillis) {
        return with(
                actionsEnabled,
                tags,
                value,
                reason,
                reasonData,
                nowMillis,
                value.equals(stateValue) ? stateTransitionedMillis : nowMillis,
                suppression);
    }

    Alarm withSuppression(@Nullable Suppression held) {
        return with(actionsEnabled, tags, held);
    }

    Alarm withActionsEnabled(boolean enabled) {
        return with(enabled, tags, suppression);
    }

    Alarm withTags(List<Tag> newTags) {
        return with(actionsEnabled, newTags, suppression);
    }

    /** This alarm in its current state with the parts that change without a state change replaced. */
    private Alarm with(boolean enabled, List<Tag> newTags, @Nullable Suppression held) {
        return with(
                enabled,
                newTags,
                stateValue,
                stateReason,
                stateReasonData,
                stateUpdatedMillis,
                stateTransitionedMillis,
                held);
    }

    /** This alarm's configuration with the parts that change without a PutMetricAlarm replaced. */
    private Alarm with(
            boolean enabled,
            List<Tag> newTags,
            String value,
            String reason,
            @Nullable String reasonData,
            long updatedMillis,
            long transitionedMillis,
            @Nullable Suppression held) {
        return new Alarm(
                accountId,
                name,
                arn,
                composite,
                description,
                enabled,
                okActions,
                alarmActions,
                insufficientDataActions,
                metricName,
                namespace,
                statistic,
                extendedStatistic,
                dimensions,
                period,
                unit,
                evaluationPeriods,
                datapointsToAlarm,
                threshold,
                comparisonOperator,
                treatMissingData,
                evaluateLowSampleCountPercentile,
                metrics,
                thresholdMetricId,
                alarmRule,
                newTags,
                configurationUpdatedMillis,
                value,
                reason,
                reasonData,
                updatedMillis,
                transitionedMillis,
                actionsSuppressor,
                actionsSuppressorWaitPeriod,
                actionsSuppressorExtensionPeriod,
                held);
    }
}
