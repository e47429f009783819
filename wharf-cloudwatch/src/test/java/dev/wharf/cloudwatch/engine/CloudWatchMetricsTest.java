package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wharf.cloudwatch.api.CloudWatchContext;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Datapoint;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.GetMetricStatisticsRequest;
import dev.wharf.cloudwatch.api.GetMetricStatisticsResponse;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.cloudwatch.api.StatisticSet;
import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.storage.MemoryStorageEngine;
import dev.wharf.storage.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CloudWatchMetricsTest {

    static final CloudWatchContext CONTEXT = new CloudWatchContext("000000000000", "us-east-1");
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    final TestClock clock = new TestClock(START.plus(Duration.ofHours(1)));
    final MetricStore store = new MemoryStorageEngine().metrics();
    CloudWatchEngine engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store);

    static MetricDatum value(String name, double value, Instant at, Dimension... dimensions) {
        return new MetricDatum(name, List.of(dimensions), at, value, null, null, null, null, null);
    }

    static MetricDatum values(String name, Instant at, List<Double> values, @Nullable List<Double> counts) {
        return new MetricDatum(name, null, at, null, null, values, counts, null, null);
    }

    void put(MetricDatum... data) {
        engine.putMetricData(CONTEXT, new PutMetricDataRequest("App", List.of(data), null, null));
    }

    List<Datapoint> statistics(
            String name, int period, @Nullable List<String> statistics, @Nullable List<String> extended) {
        return points(engine.getMetricStatistics(
                CONTEXT,
                new GetMetricStatisticsRequest(
                        "App",
                        name,
                        null,
                        START,
                        START.plus(Duration.ofHours(1)),
                        period,
                        statistics,
                        extended,
                        null)));
    }

    static List<Datapoint> points(GetMetricStatisticsResponse response) {
        return java.util.Objects.requireNonNull(response.datapoints());
    }

    static java.util.Map<String, Double> extended(Datapoint point) {
        return java.util.Objects.requireNonNull(point.extendedStatistics());
    }

    static String code(Throwable e) {
        return ((AwsException) e).code().queryCode();
    }

    @Test
    void basicStatisticsArePerPeriodAndExact() {
        put(value("Latency", 10, START.plusSeconds(5)), value("Latency", 20, START.plusSeconds(50)));
        put(value("Latency", 30, START.plusSeconds(61)), value("Latency", 2.5, START.plusSeconds(119)));

        List<Datapoint> points =
                statistics("Latency", 60, List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum"), null);

        assertThat(points).hasSize(2);
        Datapoint first = points.get(0);
        assertThat(first.timestamp()).isEqualTo(START);
        assertThat(first.sampleCount()).isEqualTo(2.0);
        assertThat(first.sum()).isEqualTo(30.0);
        assertThat(first.average()).isEqualTo(15.0);
        assertThat(first.minimum()).isEqualTo(10.0);
        assertThat(first.maximum()).isEqualTo(20.0);
        assertThat(first.unit()).isEqualTo("None");
        assertThat(points.get(1).timestamp()).isEqualTo(START.plusSeconds(60));
        assertThat(points.get(1).sum()).isEqualTo(32.5);

        Datapoint hour = statistics("Latency", 3600, List.of("Sum"), null).get(0);
        assertThat(hour.sum()).isEqualTo(62.5);
        assertThat(hour.sampleCount()).as("only the statistics asked for").isNull();
    }

    @Test
    void percentilesAreNearestRankOverValuesAndCounts() {
        put(values("Size", START.plusSeconds(1), List.of(1.0, 2.0, 3.0, 4.0), List.of(1.0, 1.0, 1.0, 7.0)));

        Datapoint point = statistics("Size", 60, null, List.of("p10", "p20", "p30", "p31", "p99.9", "p100"))
                .get(0);

        assertThat(extended(point))
                .containsEntry("p10", 1.0)
                .containsEntry("p20", 2.0)
                .containsEntry("p30", 3.0)
                .containsEntry("p31", 4.0)
                .containsEntry("p99.9", 4.0)
                .containsEntry("p100", 4.0);
    }

    @Test
    void trimmedStatisticsKeepTheirRange() {
        put(values("Size", START.plusSeconds(1), List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), null));

        Datapoint point = statistics(
                        "Size",
                        60,
                        null,
                        List.of(
                                "tm90",
                                "TM(10%:90%)",
                                "TC(10%:90%)",
                                "TS(10%:90%)",
                                "TM(2:5)",
                                "PR(:3)",
                                "IQM",
                                "WM(10%:90%)"))
                .get(0);

        assertThat(extended(point))
                .containsEntry("tm90", 5.0)
                .containsEntry("TM(10%:90%)", 5.5)
                .containsEntry("TC(10%:90%)", 8.0)
                .containsEntry("TS(10%:90%)", 44.0)
                .containsEntry("TM(2:5)", 4.0)
                .containsEntry("PR(:3)", 30.0);
        assertThat(extended(point).get("IQM")).isCloseTo(5.5, within(1e-9));
        assertThat(extended(point).get("WM(10%:90%)")).isCloseTo(5.5, within(1e-9));
    }

    @Test
    void statisticSetsGiveNoPercentiles() {
        put(new MetricDatum(
                "Set",
                null,
                START.plusSeconds(1),
                null,
                new StatisticSet(4.0, 10.0, 1.0, 4.0),
                null,
                null,
                null,
                null));

        Datapoint point = statistics("Set", 60, null, List.of("p50")).get(0);
        assertThat(point.extendedStatistics()).isNull();
        assertThat(statistics("Set", 60, List.of("Average"), null).get(0).average())
                .isEqualTo(2.5);
    }

    @Test
    void eachUnitIsItsOwnDatapointAndTheUnitFilterKeepsOne() {
        put(
                new MetricDatum("Mixed", null, START.plusSeconds(1), 1.0, null, null, null, "Bytes", null),
                new MetricDatum("Mixed", null, START.plusSeconds(2), 5.0, null, null, null, "Count", null));

        assertThat(statistics("Mixed", 60, List.of("Sum"), null))
                .extracting(Datapoint::unit, Datapoint::sum)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bytes", 1.0),
                        org.assertj.core.groups.Tuple.tuple("Count", 5.0));
        GetMetricStatisticsResponse count = engine.getMetricStatistics(
                CONTEXT,
                new GetMetricStatisticsRequest(
                        "App", "Mixed", null, START, START.plusSeconds(3600), 60, List.of("Sum"), null, "Count"));
        assertThat(points(count)).singleElement().extracting(Datapoint::sum).isEqualTo(5.0);
    }

    @Test
    void dimensionsAreASetWhoseOrderDoesNotMatter() {
        put(value("Hits", 1, START.plusSeconds(1), new Dimension("b", "2"), new Dimension("a", "1")));
        put(value("Hits", 2, START.plusSeconds(2), new Dimension("a", "1"), new Dimension("b", "2")));

        GetMetricStatisticsResponse response = engine.getMetricStatistics(
                CONTEXT,
                new GetMetricStatisticsRequest(
                        "App",
                        "Hits",
                        List.of(new Dimension("a", "1"), new Dimension("b", "2")),
                        START,
                        START.plusSeconds(3600),
                        60,
                        List.of("Sum"),
                        null,
                        null));
        assertThat(points(response)).singleElement().extracting(Datapoint::sum).isEqualTo(3.0);
        assertThat(statistics("Hits", 60, List.of("Sum"), null))
                .as("a metric without dimensions is another series")
                .isEmpty();
        assertThat(engine.seriesCount()).isEqualTo(1);
    }

    @Test
    void highResolutionDataIsReadAtShortPeriodsAndStandardDataAtItsMinute() {
        clock.set(START.plusSeconds(600));
        put(
                new MetricDatum("Fast", null, START.plusSeconds(12), 1.0, null, null, null, null, 1),
                new MetricDatum("Fast", null, START.plusSeconds(25), 2.0, null, null, null, null, 1),
                new MetricDatum("Slow", null, START.plusSeconds(25), 7.0, null, null, null, null, null));

        assertThat(statistics("Fast", 10, List.of("Sum"), null))
                .extracting(Datapoint::timestamp, Datapoint::sum)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(START.plusSeconds(10), 1.0),
                        org.assertj.core.groups.Tuple.tuple(START.plusSeconds(20), 2.0));
        assertThat(statistics("Slow", 10, List.of("Sum"), null))
                .extracting(Datapoint::timestamp)
                .containsExactly(START);
    }

    @Test
    void putMetricDataRefusesWhatAwsRefuses() {
        assertThatThrownBy(() -> engine.putMetricData(
                        CONTEXT, new PutMetricDataRequest("AWS/SQS", List.of(value("x", 1, START)), null, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessage("The value AWS/SQS for parameter Namespace is invalid.");
        assertThatThrownBy(() -> engine.putMetricData(CONTEXT, new PutMetricDataRequest(null, List.of(), null, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"))
                .hasMessage("The parameter Namespace is required.");
        assertThatThrownBy(() -> put(new MetricDatum(
                        "x", null, START, 1.0, new StatisticSet(1.0, 1.0, 1.0, 1.0), null, null, null, null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"))
                .hasMessage("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are"
                        + " mutually exclusive and you have specified both.");
        assertThatThrownBy(() -> put(value("x", 1, START), values("x", START, List.of(1.0, 2.0), List.of(1.0))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
                .hasMessage("The parameters MetricData.member.2.Values and MetricData.member.2.Counts must be of the"
                        + " same size.");
        assertThatThrownBy(() -> put(value("x", Double.NaN, START)))
                .hasMessage("The value NaN for parameter MetricData.member.1.Value is invalid.");
        assertThatThrownBy(() -> put(value("x", 1, clock.instant().minus(Duration.ofDays(15)))))
                .hasMessage("The parameter MetricData.member.1.Timestamp must specify a time no more than two weeks"
                        + " in the past.");
        assertThatThrownBy(() -> put(value("x", 1, clock.instant().plus(Duration.ofHours(3)))))
                .hasMessage("The parameter MetricData.member.1.Timestamp must specify a time no more than two hours"
                        + " in the future.");
        assertThatThrownBy(() -> put(new MetricDatum("x", null, START, 1.0, null, null, null, null, 5)))
                .hasMessage("The value 5 for parameter MetricData.member.1.StorageResolution is invalid.");
        assertThatThrownBy(() -> put(new MetricDatum("x", null, START, 1.0, null, null, null, "Furlongs", null)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ValidationError"))
                .hasMessageStartingWith("1 validation error detected: Value 'Furlongs' at 'MetricData.member.1.Unit'");
        assertThatThrownBy(() -> put(new MetricDatum(null, null, START, 1.0, null, null, null, null, null)))
                .hasMessage("The parameter MetricData.member.1.MetricName is required.");
        assertThat(engine.seriesCount()).as("a refused call stores nothing").isZero();
    }

    @Test
    void getMetricStatisticsRefusesWhatAwsRefuses() {
        assertThatThrownBy(() -> statistics("x", 45, List.of("Sum"), null))
                .hasMessage("The value 45 for parameter Period is invalid.");
        assertThatThrownBy(() -> statistics("x", 60, null, null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> statistics("x", 60, List.of("Sum"), List.of("p90")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"));
        assertThatThrownBy(() -> statistics("x", 60, null, List.of("p101")))
                .hasMessage("The value p101 for parameter ExtendedStatistics is not supported.");
        assertThatThrownBy(() -> statistics("x", 1, List.of("Sum"), null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterCombination"))
                .hasMessageStartingWith("You have requested up to 3600 datapoints, which exceeds the limit of 1440.");
        assertThatThrownBy(() -> engine.getMetricStatistics(
                        CONTEXT,
                        new GetMetricStatisticsRequest("App", "x", null, START, START, 60, List.of("Sum"), null, null)))
                .hasMessage("The parameter StartTime must be less than the parameter EndTime.");
    }

    @Test
    void theSeriesLimitRefusesANewSeriesWhole() {
        engine = new CloudWatchEngine(clock, new CloudWatchLimits(2, 10), store);
        put(value("a", 1, START));
        assertThatThrownBy(() -> put(value("a", 1, START), value("b", 1, START), value("c", 1, START)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("LimitExceeded"));
        assertThat(engine.seriesCount()).isEqualTo(1);
        put(value("b", 1, START));
        assertThat(engine.seriesCount()).isEqualTo(2);
    }

    @Test
    void aRestartedEngineKeepsItsSeriesAndData() {
        put(value("Kept", 4, START.plusSeconds(1)));

        engine = new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store);
        put(value("Kept", 6, START.plusSeconds(2)));

        assertThat(engine.seriesCount()).isEqualTo(1);
        assertThat(statistics("Kept", 60, List.of("Sum"), null).get(0).sum()).isEqualTo(10.0);
    }

    @Test
    void retentionRollsDataUpAsAwsKeepsIt() {
        put(value("Old", 3, START.plusSeconds(5)), value("Old", 5, START.plusSeconds(65)));

        clock.set(START.plus(Duration.ofDays(20)));
        engine.runRetention();
        List<Datapoint> minutes = statistics("Old", 60, List.of("Sum"), null);
        List<Datapoint> fiveMinutes = statistics("Old", 300, List.of("Sum"), null);
        assertThat(minutes).as("one-minute data is gone after 15 days").isEmpty();
        assertThat(fiveMinutes).singleElement().extracting(Datapoint::sum).isEqualTo(8.0);

        clock.set(START.plus(Duration.ofDays(70)));
        engine.runRetention();
        assertThat(statistics("Old", 300, List.of("Sum"), null)).isEmpty();
        assertThat(statistics("Old", 3600, List.of("Sum"), null))
                .singleElement()
                .extracting(Datapoint::sum)
                .isEqualTo(8.0);

        clock.set(START.plus(Duration.ofDays(456)));
        engine.runRetention();
        assertThat(engine.seriesCount())
                .as("a metric without data for 455 days is forgotten")
                .isZero();
        assertThat(new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, store).seriesCount())
                .isZero();
    }
}
