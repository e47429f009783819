package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.minutes;
import static dev.wharf.cloudwatch.engine.math.TestContext.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The functions of AWS's table over series and arrays, with exact values and missing datapoints. */
class FunctionsTest {

    private static final double NONE = Double.NaN;

    private final TestContext context = new TestContext()
            .minuteMetric("m1", 1, NONE, 3, 8)
            .minuteMetric("m2", 5, 2, NONE, NONE)
            .minuteMetric("m3", NONE, NONE, NONE, NONE)
            .minuteMetric("neg", -1.5, 2.5, -0.2, 0);

    @Test
    void statisticsOfOneSeriesAreScalarsOverItsDatapoints() {
        assertThat(context.perMinute("m1 - AVG(m1)", 4)).containsExactly(-3, NONE, -1, 4);
        assertThat(context.perMinute("m1 - SUM(m1)", 4)).containsExactly(-11, NONE, -9, -4);
        assertThat(context.perMinute("m1 - MIN(m1)", 4)).containsExactly(0, NONE, 2, 7);
        assertThat(context.perMinute("MAX(m1)/m1", 4)).containsExactly(8, NONE, 8 / 3.0, 1);
        assertThat(context.perMinute("m1 * 0 + DATAPOINT_COUNT(m1)", 4)).containsExactly(3, NONE, 3, 3);
        // The population deviation of 1, 3 and 8 is the square root of 26/3.
        assertThat(context.series("m1 * 0 + STDDEV(m1)").values()[0]).isCloseTo(Math.sqrt(26.0 / 3), within(1e-12));
        assertThat(context.perMinute("SUM(m1) / DATAPOINT_COUNT(m1) + 0 * m1", 4))
                .containsExactly(4, NONE, 4, 4);
    }

    @Test
    void statisticsOfAnEmptySeriesDropEverythingMadeFromThemButSumAndCount() {
        assertThat(context.perMinute("m1 + AVG(m3)", 4)).containsExactly(NONE, NONE, NONE, NONE);
        assertThat(context.evaluate("m1 + MAX(m3)").datapointsDropped()).isTrue();
        assertThat(context.perMinute("m1 + SUM(m3) + DATAPOINT_COUNT(m3)", 4)).containsExactly(1, NONE, 3, 8);
        assertThat(context.perMinute("m1 + STDDEV(m3)", 4)).containsExactly(NONE, NONE, NONE, NONE);
        assertThat(context.perMinute("m1 + MIN(m3)", 4)).containsExactly(NONE, NONE, NONE, NONE);
    }

    @Test
    void statisticsOfAnArrayAreSeriesWithAValueAtEveryTimestampOfAnyOfItsSeries() {
        assertThat(context.perMinute("SUM([m1, m2])", 4)).containsExactly(6, 2, 3, 8);
        assertThat(context.perMinute("MIN([m1, m2])", 4)).containsExactly(1, 2, 3, 8);
        assertThat(context.perMinute("MAX([m1, m2])", 4)).containsExactly(5, 2, 3, 8);
        assertThat(context.perMinute("DATAPOINT_COUNT([m1, m2, m3])", 4)).containsExactly(2, 1, 1, 1);
        assertThat(context.perMinute("STDDEV([m1, m2])", 4)).containsExactly(2, 0, 0, 0);
    }

    @Test
    void averageOfAnArrayTreatsAMissingValueAsZero() {
        assertThat(context.perMinute("AVG([m1, m2])", 4)).containsExactly(3, 1, 1.5, 4);
        assertThat(context.perMinute("AVG([m1, m2, m3])", 4)).containsExactly(2, 2 / 3.0, 1, 8 / 3.0);
        assertThat(context.perMinute("SUM([m1, m2, m3]) / DATAPOINT_COUNT([m1, m2, m3])", 4))
                .containsExactly(3, 2, 3, 8);
    }

    @Test
    void statisticsOfAllMetricsAndOfAnEmptyArray() {
        assertThat(context.perMinute("SUM(METRICS())", 4)).containsExactly(4.5, 4.5, 2.8, 8);
        assertThat(context.series("SUM(METRICS('nothing'))")).isEqualTo(TimeSeries.empty(""));
        assertThat(context.perMinute("m1 / METRIC_COUNT(METRICS())", 4)).containsExactly(0.25, NONE, 0.75, 2);
        assertThat(context.error("METRIC_COUNT(m1) + m1"))
                .isEqualTo("Argument 1 of METRIC_COUNT must be an array of time series, not a time series");
    }

    @Test
    void aStatisticOfAScalarIsRefused() {
        assertThat(context.error("m1 + AVG(5)"))
                .isEqualTo("Argument 1 of AVG must be a time series or an array of time series, not a scalar");
    }

    @Test
    void perDatapointFunctionsMapEachValueAndKeepTheLabel() {
        assertThat(context.perMinute("ABS(neg)", 4)).containsExactly(1.5, 2.5, 0.2, 0);
        assertThat(context.perMinute("CEIL(neg)", 4)).containsExactly(-1, 3, 0, 0);
        assertThat(context.series("CEIL(neg)").values()[2]).isEqualTo(0.0);
        assertThat(context.perMinute("FLOOR(neg)", 4)).containsExactly(-2, 2, -1, 0);
        assertThat(context.series("ABS(neg)").label()).isEqualTo("neg");
        assertThat(context.perMinute("LOG10(m1 * 100)", 4)).containsExactly(2, NONE, Math.log10(300), Math.log10(800));
        assertThat(context.perMinute("LOG(m1)", 4)).containsExactly(0, NONE, Math.log(3), Math.log(8));
        assertThat(context.perMinute("m1 + ABS(-2)", 4)).containsExactly(3, NONE, 5, 10);
        assertThat(context.array("ABS(-METRICS('m'))"))
                .containsExactly(minutes("m1", 1, NONE, 3, 8), minutes("m2", 5, 2), minutes("m3"));
    }

    @Test
    void theLogarithmOfZeroOrLessIsDropped() {
        Evaluation evaluation = context.evaluate("LOG(neg)");
        assertThat(((MathValue.Series) evaluation.value()).series()).isEqualTo(series("neg", 60, Math.log(2.5)));
        assertThat(evaluation.datapointsDropped()).isTrue();
        assertThat(context.perMinute("LOG10(neg)", 4)).containsExactly(NONE, Math.log10(2.5), NONE, NONE);
    }

    @Test
    void diffAndRateSpanGapsFromThePrecedingDatapoint() {
        assertThat(context.perMinute("DIFF(m1)", 4)).containsExactly(NONE, NONE, 2, 5);
        assertThat(context.perMinute("DIFF_TIME(m1)", 4)).containsExactly(NONE, NONE, 120, 60);
        assertThat(context.perMinute("RATE(m1)", 4)).containsExactly(NONE, NONE, 2 / 120.0, 5 / 60.0);
        assertThat(context.perMinute("RUNNING_SUM(m1)", 4)).containsExactly(1, NONE, 4, 12);
        assertThat(context.series("DIFF(m1)").label()).isEqualTo("m1");
        assertThat(context.series("RATE(m3)")).isEqualTo(TimeSeries.empty("m3"));
        assertThat(context.series("DIFF(m2 * 0 + 7)")).isEqualTo(series("m2", 60, 0));
    }

    @Test
    void transformsOfAnArrayApplyToEachSeries() {
        assertThat(context.array("RUNNING_SUM([m1, m2])"))
                .containsExactly(minutes("m1", 1, NONE, 4, 12), minutes("m2", 5, 7));
        assertThat(context.array("DIFF_TIME(METRICS('m'))"))
                .containsExactly(series("m1", 120, 120, 180, 60), series("m2", 60, 60), minutes("m3"));
        assertThat(context.error("DIFF(5) + m1"))
                .isEqualTo("Argument 1 of DIFF must be a time series or an array of time series, not a scalar");
    }

    @Test
    void timeSeriesMakesAValueAtEveryPeriodOfTheRange() {
        TestContext range = new TestContext()
                .range(120, 420, 60)
                .minuteMetric("m1", 1, NONE, 3, 8)
                .minuteMetric("m3");
        assertThat(range.series("TIME_SERIES(10)")).isEqualTo(series("", 120, 10, 180, 10, 240, 10, 300, 10, 360, 10));
        assertThat(range.series("TIME_SERIES(MAX(m1))").values()).containsExactly(8, 8, 8, 8, 8);
        assertThat(range.series("TIME_SERIES(5*AVG(m1))").values()).containsOnly(20);
        assertThat(new TestContext().range(0, 90, 60).series("TIME_SERIES(1)")).isEqualTo(series("", 0, 1, 60, 1));
        assertThat(new TestContext().range(60, 60, 60).series("TIME_SERIES(1)")).isEqualTo(TimeSeries.empty(""));
        Evaluation undefined = range.evaluate("TIME_SERIES(AVG(m3))");
        assertThat(((MathValue.Series) undefined.value()).series()).isEqualTo(TimeSeries.empty(""));
        assertThat(undefined.datapointsDropped()).isTrue();
        assertThat(range.error("TIME_SERIES(m1)"))
                .isEqualTo("Argument 1 of TIME_SERIES must be a scalar, not a time series");
    }

    @Test
    void calendarFunctionsGiveTheUtcPartsOfEveryPeriodOfTheRange() {
        // Sunday 2021-06-27 23:58 UTC, every minute for four minutes, into Monday 2021-06-28.
        long start = Instant.parse("2021-06-27T23:58:00Z").getEpochSecond();
        double t0 = start;
        TestContext june = new TestContext().range(start, start + 240, 60).metric("m1", t0 + 60, 1);
        assertThat(june.series("MINUTE(m1)").values()).containsExactly(58, 59, 0, 1);
        assertThat(june.series("HOUR(m1)").values()).containsExactly(23, 23, 0, 0);
        assertThat(june.series("DAY(m1)").values()).containsExactly(7, 7, 1, 1);
        assertThat(june.series("DATE(m1)").values()).containsExactly(27, 27, 28, 28);
        assertThat(june.series("MONTH(m1)").values()).containsExactly(6, 6, 6, 6);
        assertThat(june.series("YEAR(m1)").values()).containsExactly(2021, 2021, 2021, 2021);
        assertThat(june.series("EPOCH(m1)").values()).containsExactly(t0, t0 + 60, t0 + 120, t0 + 180);
        assertThat(june.series("MINUTE(m1)").timestampsSeconds())
                .containsExactly(start, start + 60, start + 120, start + 180);
    }

    @Test
    void calendarFunctionsFilterByTimeAsTheGuideShows() {
        long mondayAtEight = Instant.parse("2021-06-28T08:00:00Z").getEpochSecond();
        double t0 = mondayAtEight;
        TestContext hours = new TestContext().range(mondayAtEight, mondayAtEight + 3 * 3600, 3600);
        hours.metric("m1", t0, 10, t0 + 3600, 20, t0 + 7200, 30);
        assertThat(hours.series("IF((DAY(m1)<6 AND (HOUR(m1)>=9 AND HOUR(m1)<17)),m1)"))
                .isEqualTo(series("", t0 + 3600, 20, t0 + 7200, 30));
        assertThat(hours.series("IF(MONTH(m1) == 4, m1)")).isEqualTo(TimeSeries.empty(""));
        assertThat(hours.error("HOUR(METRICS())"))
                .isEqualTo("Argument 1 of HOUR must be a time series, not an array of time series");
    }

    @Test
    void periodIsTheMetricsPeriodInSeconds() {
        TestContext fiveMinutes = new TestContext().range(0, 900, 300).metric("m1", 0, 600, 300, 900);
        fiveMinutes.expression("e1", new MathValue.Series(series("e1", 0, 1)));
        assertThat(fiveMinutes.series("m1/PERIOD(m1)").values()).containsExactly(2, 3);
        assertThat(fiveMinutes.series("PERIOD(m1)/60 + 0 * m1").values()).containsExactly(5, 5);
        assertThat(fiveMinutes.error("e1 * PERIOD(e1)"))
                .isEqualTo("PERIOD's argument must be the Id of a metric, not of an expression: e1");
        assertThat(fiveMinutes.error("m1 * PERIOD(m9)")).isEqualTo("Unknown Id: m9");
    }
}
