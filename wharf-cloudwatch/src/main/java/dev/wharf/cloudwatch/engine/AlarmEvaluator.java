package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.MetricDataResult;
import dev.wharf.cloudwatch.api.MetricStat;
import dev.wharf.common.AwsException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates alarms on AWS's schedule: a metric alarm once a minute (an alarm of 10 or 30 seconds once a period), over
 * its last {@code EvaluationPeriods} complete periods, read through GetMetricData's path, so that metric math alarms
 * read what GetMetricData would; then every composite alarm over the states its rule names. A changed state is written
 * with its history, then its actions run.
 *
 * <p>{@link #evaluate} is called by one thread at a time (the server's evaluation thread, or a test).
 */
final class AlarmEvaluator {

    /** The ids of the queries of a single-metric alarm: its statistic and, when needed, its sample count. */
    private static final String VALUES = "m1";

    private static final String SAMPLES = "samples";

    private final Clock clock;
    private final Alarms alarms;
    private final MetricDataQueries queries;
    /** When each alarm, by ARN, is next due, in epoch seconds. */
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    AlarmEvaluator(Clock clock, Alarms alarms, MetricDataQueries queries) {
        this.clock = clock;
        this.alarms = alarms;
        this.queries = queries;
    }

    /** Evaluates the alarms that are due; answers how many changed state. */
    int evaluate() {
        Instant now = clock.instant();
        long nowSeconds = now.getEpochSecond();
        List<Alarms.Transition> transitions = new ArrayList<>();
        List<Alarm> composites = new ArrayList<>();
        for (Alarm alarm : alarms.all()) {
            if (alarm.composite()) {
                composites.add(alarm);
                continue;
            }
            int period = alarm.period() == null ? 60 : alarm.period();
            long step = period < 60 ? period : 60;
            if (due.getOrDefault(alarm.arn(), Long.MIN_VALUE) > nowSeconds) {
                continue;
            }
            due.put(alarm.arn(), (Math.floorDiv(nowSeconds, step) + 1) * step);
            Alarms.Transition transition = evaluate(alarm, period, now);
            if (transition != null) {
                transitions.add(transition);
            }
        }
        for (Alarm composite : composites) {
            Alarms.Transition transition = evaluateComposite(composite);
            if (transition != null) {
                transitions.add(transition);
            }
        }
        transitions.forEach(alarms::runActions);
        return transitions.size();
    }

    /** Forgets when an alarm is due, so that a changed alarm is evaluated at the next round. */
    void reschedule(String arn) {
        due.remove(arn);
    }

    private Alarms.@Nullable Transition evaluate(Alarm alarm, int period, Instant now) {
        long end = Math.floorDiv(now.getEpochSecond(), period) * (long) period;
        long start = end - (long) alarm.evaluationPeriods() * period;
        double minimumSamples = minimumSamples(alarm);
        List<MetricDataQuery> request;
        if (!alarm.metrics().isEmpty()) {
            request = alarm.metrics();
        } else if (minimumSamples > 0) {
            request = List.of(
                    metricQuery(alarm, VALUES, period, String.valueOf(alarm.extendedStatistic())),
                    metricQuery(alarm, SAMPLES, period, "SampleCount"));
        } else {
            request = List.of(metricQuery(
                    alarm,
                    VALUES,
                    period,
                    String.valueOf(alarm.statistic() != null ? alarm.statistic() : alarm.extendedStatistic())));
        }
        GetMetricDataResponse response;
        try {
            response = queries.getMetricData(
                    new CloudWatchContext(alarm.accountId(), Alarms.regionOf(alarm.arn())),
                    new GetMetricDataRequest(
                            request,
                            Instant.ofEpochSecond(start),
                            Instant.ofEpochSecond(end),
                            null,
                            "TimestampAscending",
                            null,
                            null),
                    now);
        } catch (AwsException e) {
            // A math alarm whose expression no longer evaluates stays as it is, as one that AWS cannot evaluate does.
            return null;
        }
        long[] starts = new long[alarm.evaluationPeriods()];
        double[] values = new double[starts.length];
        Arrays.fill(values, Double.NaN);
        Map<Long, Integer> slot = new HashMap<>();
        for (int i = 0; i < starts.length; i++) {
            starts[i] = start + (long) i * period;
            slot.put(starts[i], i);
        }
        List<MetricDataResult> results =
                response.metricDataResults() == null ? List.of() : response.metricDataResults();
        if (!results.isEmpty()) {
            fill(results.getFirst(), slot, values);
        }
        if (minimumSamples > 0 && results.size() > 1) {
            double[] samples = new double[starts.length];
            fill(results.get(1), slot, samples);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i]) && samples[i] < minimumSamples) {
                    // "ignore": the state does not change while a period has too few samples to be significant; as
                    // the state does not change, there is no history item either.
                    return null;
                }
            }
        }
        AlarmEvaluation.Outcome outcome = AlarmEvaluation.evaluate(alarm, starts, values, now);
        if (outcome.state() == null) {
            return null;
        }
        return alarms.transition(alarm, outcome.state(), outcome.reason(), outcome.reasonData());
    }

    private static MetricDataQuery metricQuery(Alarm alarm, String id, int period, String stat) {
        return new MetricDataQuery(
                id,
                new MetricStat(
                        new Metric(alarm.namespace(), alarm.metricName(), alarm.dimensions()),
                        period,
                        stat,
                        alarm.unit()),
                null,
                null,
                true,
                null,
                null);
    }

    /** Puts a result's values into their periods' slots. */
    private static void fill(MetricDataResult result, Map<Long, Integer> slot, double[] into) {
        List<Instant> times = result.timestamps() == null ? List.of() : result.timestamps();
        List<Double> resultValues = result.values() == null ? List.of() : result.values();
        for (int i = 0; i < times.size(); i++) {
            Integer at = slot.get(times.get(i).getEpochSecond());
            if (at != null) {
                into[at] = resultValues.get(i);
            }
        }
    }

    /**
     * The fewest samples a period needs for the alarm to evaluate it, 0 when every period is evaluated: for an alarm on a
     * percentile with {@code EvaluateLowSampleCountPercentile} {@code ignore}, the user guide's 10 / (1 - p) for p from
     * 0.5 up to 1 (exclusive), and 10 / p for p above 0 and under 0.5 (p100 has no bound).
     */
    static double minimumSamples(Alarm alarm) {
        if (!"ignore".equals(alarm.evaluateLowSampleCountPercentile())
                || !alarm.metrics().isEmpty()
                || alarm.extendedStatistic() == null
                || !(Statistic.extended(alarm.extendedStatistic()) instanceof Statistic.Percentile percentile)) {
            return 0;
        }
        // In percent, so that p90's bound is 100 exactly, not 100.00000000000003.
        double percent = percentile.percent();
        if (percent >= 100) {
            return 0;
        }
        return percent >= 50 ? 1_000 / (100 - percent) : 1_000 / percent;
    }

    private Alarms.@Nullable Transition evaluateComposite(Alarm composite) {
        CompositeRule rule = CompositeRule.parse(String.valueOf(composite.alarmRule()));
        boolean holds = rule.holds(name -> {
            Alarm child = alarms.resolve(composite.accountId(), name);
            return child == null ? null : child.stateValue();
        });
        String state = holds ? Alarm.ALARM : Alarm.OK;
        String reason = holds
                ? "The alarm rule " + composite.alarmRule() + " holds."
                : "The alarm rule " + composite.alarmRule() + " does not hold.";
        Alarms.Transition transition = alarms.transition(composite, state, reason, null);
        return transition != null ? transition : alarms.advanceSuppression(composite);
    }
}
