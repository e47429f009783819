package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.DescribeAlarmsRequest;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.MetricDataResult;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.MetricStat;
import dev.wharf.cloudwatch.api.PutMetricAlarmRequest;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudWatchMetricDataTest {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    final TestClock clock = new TestClock(START.plus(Duration.ofMinutes(10)));
    final CloudWatchEngine engine =
            new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, new MemoryStorageEngine().metrics());

    void put(String name, double value, long secondsAfterStart) {
        engine.putMetricData(
                CloudWatchMetricsTest.CONTEXT,
                new PutMetricDataRequest(
                        "App",
                        List.of(new MetricDatum(
                                name, null, START.plusSeconds(secondsAfterStart), value, null, null, null, null, null)),
                        null,
                        null));
    }

    static MetricDataQuery stat(String id, String name, boolean returned) {
        return new MetricDataQuery(
                id, new MetricStat(new Metric("App", name, null), 60, "Sum", null), null, null, returned, null, null);
    }

    static MetricDataQuery expression(String id, String expression, @Nullable String label) {
        return new MetricDataQuery(id, null, expression, label, null, null, null);
    }

    List<MetricDataResult> query(MetricDataQuery... queries) {
        GetMetricDataResponse response = engine.getMetricData(
                CloudWatchMetricsTest.CONTEXT,
                new GetMetricDataRequest(
                        List.of(queries), START, START.plusSeconds(180), null, "TimestampAscending", null, null));
        return Objects.requireNonNull(response.metricDataResults());
    }

    @Test
    void expressionsComputeOverTheMetricQueries() {
        put("Backlog", 100, 5);
        put("Backlog", 60, 65);
        put("Workers", 2, 10);
        put("Workers", 4, 70);

        List<MetricDataResult> results = query(
                stat("backlog", "Backlog", false),
                stat("workers", "Workers", false),
                expression("perWorker", "backlog / workers", "Backlog per worker"),
                expression("all", "SUM(METRICS())", null));

        assertThat(results).extracting(MetricDataResult::id).containsExactly("perWorker", "all");
        assertThat(results.get(0).label()).isEqualTo("Backlog per worker");
        assertThat(results.get(0).values()).containsExactly(50.0, 15.0);
        assertThat(results.get(0).timestamps()).containsExactly(START, START.plusSeconds(60));
        assertThat(results.get(1).values()).containsExactly(102.0, 64.0);
    }

    @Test
    void expressionErrorsAreValidationErrorsNamingTheQuery() {
        assertThatThrownBy(() -> query(stat("m1", "x", true), expression("e1", "m1 +", null)))
                .satisfies(
                        e -> assertThat(((AwsException) e).code().queryCode()).isEqualTo("ValidationError"))
                .hasMessageStartingWith("Error in expression e1: ");
        assertThatThrownBy(() -> query(stat("m1", "x", true), expression("e1", "m2 * 2", null)))
                .hasMessageContaining("Unrecognized metric m2");
        assertThatThrownBy(() -> query(expression("e1", "e2 + 1", null), expression("e2", "e1 + 1", null)))
                .hasMessageContaining("refers to itself");
        put("x", 1, 5);
        assertThatThrownBy(() -> query(stat("m1", "x", false), expression("e1", "MAX(m1)", null)))
                .hasMessageContaining("not a scalar");
    }

    @Test
    void anAlarmOnMetricMathWatchesTheBacklogPerWorker() {
        engine.putMetricAlarm(
                CloudWatchMetricsTest.CONTEXT,
                new PutMetricAlarmRequest(
                        "per-worker",
                        null,
                        true,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        1,
                        null,
                        20.0,
                        "GreaterThanThreshold",
                        null,
                        null,
                        List.of(
                                stat("backlog", "Backlog", false),
                                stat("workers", "Workers", false),
                                expression("perWorker", "backlog / FILL(workers, 1)", null)),
                        null,
                        null,
                        null,
                        null,
                        null));
        clock.set(START.plusSeconds(30));
        put("Backlog", 100, 30);
        put("Workers", 2, 30);
        clock.set(START.plusSeconds(61));
        engine.evaluateAlarms();

        assertThat(Objects.requireNonNull(engine.describeAlarms(
                                        CloudWatchMetricsTest.CONTEXT,
                                        new DescribeAlarmsRequest(
                                                List.of("per-worker"), null, null, null, null, null, null, null, null))
                                .metricAlarms())
                        .getFirst()
                        .stateValue())
                .isEqualTo("ALARM");
    }
}
