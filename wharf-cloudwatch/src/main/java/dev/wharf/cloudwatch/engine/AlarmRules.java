package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.PutCompositeAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.Tag;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The checks of PutMetricAlarm and PutCompositeAlarm, with AWS's errors, and the alarm records they make. */
final class AlarmRules {

    static final Set<String> OPERATORS = Set.of(
            "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold");
    static final Set<String> ANOMALY_OPERATORS =
            Set.of("LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold");
    static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
    static final int MAX_ACTIONS = 5;
    /** An alarm's evaluation range, Period times EvaluationPeriods, is at most one day. */
    static final int MAX_EVALUATION_SECONDS = 86_400;

    private static final String INITIAL_REASON = "Unchecked: Initial alarm creation";

    private AlarmRules() {}

    static String arn(CloudWatchContext context, String name) {
        return "arn:aws:cloudwatch:" + context.region() + ":" + context.accountId() + ":alarm:" + name;
    }

    static Alarm metricAlarm(
            CloudWatchContext context, PutMetricAlarmRequest request, @Nullable Alarm before, long nowMillis) {
        String name = MetricRules.name(request.alarmName(), "AlarmName");
        int evaluationPeriods = MetricReads.require(request.evaluationPeriods(), "EvaluationPeriods");
        if (evaluationPeriods < 1) {
            throw MetricRules.constraint(
                    "evaluationPeriods", evaluationPeriods, "Member must have value greater than or equal to 1");
        }
        String operator = MetricReads.require(request.comparisonOperator(), "ComparisonOperator");
        if (ANOMALY_OPERATORS.contains(operator)) {
            throw CloudWatchError.ValidationError.with(
                    "Wharf does not evaluate anomaly detection bands: " + operator + " is not supported.");
        }
        if (!OPERATORS.contains(operator)) {
            throw MetricRules.constraint(
                    "comparisonOperator",
                    operator,
                    "Member must satisfy enum value set: "
                            + OPERATORS.stream().sorted().toList());
        }
        List<MetricDataQuery> metrics = request.metrics() == null ? List.of() : request.metrics();
        Integer period = request.period();
        if (metrics.isEmpty()) {
            checkSingleMetric(request);
            period = MetricReads.require(period, "Period");
        } else {
            period = checkMetrics(request, metrics);
        }
        if (period != 10 && period != 30 && (period <= 0 || period % 60 != 0)) {
            throw MetricRules.invalid("Period", period);
        }
        if ((long) period * evaluationPeriods > MAX_EVALUATION_SECONDS) {
            throw CloudWatchError.ValidationError.with(
                    "The evaluation period of the alarm (Period multiplied by EvaluationPeriods) cannot exceed one day.");
        }
        Integer datapoints = request.datapointsToAlarm();
        if (datapoints != null && (datapoints < 1 || datapoints > evaluationPeriods)) {
            throw CloudWatchError.ValidationError.with(
                    "DatapointsToAlarm must be greater than 0 and less than or equal to EvaluationPeriods.");
        }
        if (request.threshold() == null && request.thresholdMetricId() == null) {
            throw MetricRules.missing("Threshold");
        }
        if (request.treatMissingData() != null && !MISSING_DATA.contains(request.treatMissingData())) {
            throw MetricRules.constraint(
                    "treatMissingData",
                    request.treatMissingData(),
                    "Member must be one of breaching, notBreaching, ignore, missing");
        }
        String lowSample = request.evaluateLowSampleCountPercentile();
        if (lowSample != null && !lowSample.equals("evaluate") && !lowSample.equals("ignore")) {
            throw CloudWatchError.ValidationError.with("Option " + dev.wharf.common.LogText.of(lowSample)
                    + " is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are"
                    + " evaluate and ignore.");
        }
        String unit = request.unit() == null ? null : MetricRules.unit(request.unit(), "Unit");
        return new Alarm(
                context.accountId(),
                name,
                arn(context, name),
                false,
                request.alarmDescription(),
                request.actionsEnabled() == null || request.actionsEnabled(),
                actions(request.oKActions(), "OKActions"),
                actions(request.alarmActions(), "AlarmActions"),
                actions(request.insufficientDataActions(), "InsufficientDataActions"),
                request.metricName(),
                request.namespace(),
                request.statistic(),
                request.extendedStatistic(),
                request.dimensions() == null ? List.of() : request.dimensions(),
                period,
                unit,
                evaluationPeriods,
                datapoints,
                request.threshold(),
                operator,
                request.treatMissingData(),
                lowSample,
                metrics,
                request.thresholdMetricId(),
                null,
                tags(request.tags(), before),
                nowMillis,
                before == null ? Alarm.INSUFFICIENT_DATA : before.stateValue(),
                before == null ? INITIAL_REASON : before.stateReason(),
                before == null ? null : before.stateReasonData(),
                before == null ? nowMillis : before.stateUpdatedMillis(),
                before == null ? nowMillis : before.stateTransitionedMillis(),
                null,
                null,
                null,
                null);
    }

    private static void checkSingleMetric(PutMetricAlarmRequest request) {
        MetricRules.name(request.metricName(), "MetricName");
        MetricRules.name(request.namespace(), "Namespace");
        MetricRules.dimensions(request.dimensions(), "Dimensions");
        if (request.statistic() != null && request.extendedStatistic() != null) {
            throw MetricRules.exclusive("Statistic", "ExtendedStatistic");
        }
        if (request.statistic() == null && request.extendedStatistic() == null) {
            throw CloudWatchError.MissingParameter.with("The parameter Statistic or ExtendedStatistic is required.");
        }
        if (request.statistic() != null && Statistic.basic(request.statistic()) == null) {
            throw MetricRules.constraint(
                    "statistic",
                    request.statistic(),
                    "Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]");
        }
        if (request.extendedStatistic() != null && Statistic.extended(request.extendedStatistic()) == null) {
            throw CloudWatchError.InvalidParameterValue.with("The value "
                    + dev.wharf.common.LogText.of(request.extendedStatistic())
                    + " for parameter ExtendedStatistic is not supported.");
        }
    }

    /** Checks an alarm on metric math, and answers its period: that of the query whose result it watches. */
    private static int checkMetrics(PutMetricAlarmRequest request, List<MetricDataQuery> metrics) {
        if (request.metricName() != null
                || request.namespace() != null
                || request.statistic() != null
                || request.extendedStatistic() != null
                || request.period() != null) {
            throw CloudWatchError.InvalidParameterCombination.with("The parameters MetricName, Namespace, Statistic,"
                    + " ExtendedStatistic, Dimensions and Period must not be specified with Metrics.");
        }
        List<MetricDataQuery> returned = metrics.stream()
                .filter(query -> !Boolean.FALSE.equals(query.returnData()))
                .toList();
        if (returned.size() != 1) {
            throw CloudWatchError.ValidationError.with(
                    "Metrics list must contain exactly one metric with ReturnData set to true.");
        }
        for (MetricDataQuery query : metrics) {
            if (query.metricStat() != null && query.metricStat().period() != null) {
                return query.metricStat().period();
            }
            if (query.period() != null) {
                return query.period();
            }
        }
        throw CloudWatchError.ValidationError.with("The alarm's metrics must give a period.");
    }

    static List<String> actions(@Nullable List<String> actions, String member) {
        if (actions == null) {
            return List.of();
        }
        if (actions.size() > MAX_ACTIONS) {
            throw MetricRules.constraint(
                    member, actions.size() + " actions", "Member must have length less than or" + " equal to 5");
        }
        for (String action : actions) {
            if (!action.startsWith("arn:")) {
                throw CloudWatchError.ValidationError.with(
                        "Invalid arn syntax: " + dev.wharf.common.LogText.of(action));
            }
        }
        return actions;
    }

    private static List<Tag> tags(@Nullable List<Tag> tags, @Nullable Alarm before) {
        if (tags == null || tags.isEmpty()) {
            return before == null ? List.of() : before.tags();
        }
        return Tags.merge(before == null ? List.of() : before.tags(), tags);
    }

    static Alarm compositeAlarm(
            CloudWatchContext context, PutCompositeAlarmRequest request, @Nullable Alarm before, long nowMillis) {
        String name = MetricRules.name(request.alarmName(), "AlarmName");
        String rule = MetricReads.require(request.alarmRule(), "AlarmRule");
        if (rule.isEmpty() || rule.length() > 10_240) {
            throw MetricRules.constraint(
                    "alarmRule", rule.length() + " characters", "Member must have length between 1 and 10240");
        }
        CompositeRule.parse(rule);
        String suppressor = suppressor(request);
        return new Alarm(
                context.accountId(),
                name,
                arn(context, name),
                true,
                request.alarmDescription(),
                request.actionsEnabled() == null || request.actionsEnabled(),
                actions(request.oKActions(), "OKActions"),
                actions(request.alarmActions(), "AlarmActions"),
                actions(request.insufficientDataActions(), "InsufficientDataActions"),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                1,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                rule,
                tags(request.tags(), before),
                nowMillis,
                before == null ? Alarm.INSUFFICIENT_DATA : before.stateValue(),
                before == null ? INITIAL_REASON : before.stateReason(),
                before == null ? null : before.stateReasonData(),
                before == null ? nowMillis : before.stateUpdatedMillis(),
                before == null ? nowMillis : before.stateTransitionedMillis(),
                suppressor,
                request.actionsSuppressorWaitPeriod(),
                request.actionsSuppressorExtensionPeriod(),
                suppressor == null || before == null ? null : before.suppression());
    }

    /**
     * Checks a composite alarm's suppressor: ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are
     * required with ActionsSuppressor, and refused without it; both are seconds, at least 0.
     */
    private static @Nullable String suppressor(PutCompositeAlarmRequest request) {
        String suppressor = request.actionsSuppressor();
        Integer wait = request.actionsSuppressorWaitPeriod();
        Integer extension = request.actionsSuppressorExtensionPeriod();
        if (suppressor == null) {
            if (wait != null || extension != null) {
                throw CloudWatchError.InvalidParameterCombination.with("The parameters ActionsSuppressorWaitPeriod and"
                        + " ActionsSuppressorExtensionPeriod must be specified with ActionsSuppressor.");
            }
            return null;
        }
        if (suppressor.isEmpty() || suppressor.length() > 1_600) {
            throw MetricRules.constraint(
                    "actionsSuppressor",
                    suppressor.length() + " characters",
                    "Member must have length between 1 and 1600");
        }
        if (MetricReads.require(wait, "ActionsSuppressorWaitPeriod") < 0) {
            throw MetricRules.invalid("ActionsSuppressorWaitPeriod", wait);
        }
        if (MetricReads.require(extension, "ActionsSuppressorExtensionPeriod") < 0) {
            throw MetricRules.invalid("ActionsSuppressorExtensionPeriod", extension);
        }
        return suppressor;
    }
}
