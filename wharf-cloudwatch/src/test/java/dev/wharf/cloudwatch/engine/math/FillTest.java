package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.minutes;
import static dev.wharf.cloudwatch.engine.math.TestContext.series;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FILL with a constant, a series, REPEAT and LINEAR, over the request's periods, for series and arrays. */
class FillTest {

    private static final double NONE = Double.NaN;

    /** Six periods of a minute; m1 has gaps at the start, inside and at the end. */
    private final TestContext context = new TestContext()
            .range(0, 360, 60)
            .minuteMetric("m1", NONE, 2, NONE, NONE, 8, NONE)
            .minuteMetric("m2", 1, 1, 7, NONE, 9, 4)
            .minuteMetric("empty");

    @Test
    void aConstantFillsEveryPeriodWithoutADatapoint() {
        assertThat(context.perMinute("FILL(m1, 0)", 6)).containsExactly(0, 2, 0, 0, 8, 0);
        assertThat(context.perMinute("FILL(m1, 10)", 6)).containsExactly(10, 2, 10, 10, 8, 10);
        assertThat(context.perMinute("FILL(m1, MIN(m2))", 6)).containsExactly(1, 2, 1, 1, 8, 1);
        assertThat(context.series("FILL(m1, 0)").label()).isEqualTo("m1");
    }

    @Test
    void aSeriesWithoutDatapointsIsFilledWholly() {
        assertThat(context.perMinute("FILL(empty, 0)", 6)).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(context.series("FILL(empty, REPEAT)")).isEqualTo(TimeSeries.empty("empty"));
        assertThat(context.series("FILL(empty, LINEAR)")).isEqualTo(TimeSeries.empty("empty"));
    }

    @Test
    void aSeriesFillsFromTheOtherSeriesAtTheSameTimestamp() {
        assertThat(context.perMinute("FILL(m1, m2)", 6)).containsExactly(1, 2, 7, NONE, 8, 4);
        assertThat(context.perMinute("FILL(m1, m2 * 10)", 6)).containsExactly(10, 2, 70, NONE, 8, 40);
    }

    @Test
    void repeatFillsWithTheMostRecentDatapointBeforeTheGap() {
        assertThat(context.perMinute("FILL(m1, REPEAT)", 6)).containsExactly(NONE, 2, 2, 2, 8, 8);
    }

    @Test
    void linearFillsOnTheLineBetweenTheDatapointsAroundTheGap() {
        assertThat(context.perMinute("FILL(m1, LINEAR)", 6)).containsExactly(NONE, 2, 4, 6, 8, NONE);
    }

    @Test
    void datapointsOffThePeriodsAreKeptAndFillAround() {
        TestContext offset = new TestContext().range(0, 240, 60).metric("m1", 30, 1, 150, 5);
        assertThat(offset.series("FILL(m1, 0)")).isEqualTo(series("m1", 0, 0, 30, 1, 60, 0, 120, 0, 150, 5, 180, 0));
        assertThat(offset.series("FILL(m1, LINEAR)")).isEqualTo(series("m1", 30, 1, 60, 2, 120, 4, 150, 5));
        assertThat(offset.series("FILL(m1, REPEAT)")).isEqualTo(series("m1", 30, 1, 60, 1, 120, 1, 150, 5, 180, 5));
    }

    @Test
    void anArrayIsFilledSeriesBySeries() {
        assertThat(context.array("FILL(METRICS(), 0)"))
                .containsExactly(
                        minutes("m1", 0, 2, 0, 0, 8, 0),
                        minutes("m2", 1, 1, 7, 0, 9, 4),
                        minutes("empty", 0, 0, 0, 0, 0, 0));
        assertThat(context.array("FILL([m1, empty], m2)"))
                .containsExactly(minutes("m1", 1, 2, 7, NONE, 8, 4), minutes("empty", 1, 1, 7, NONE, 9, 4));
        assertThat(context.array("FILL(METRICS('m'), LINEAR)"))
                .containsExactly(minutes("m1", NONE, 2, 4, 6, 8), minutes("m2", 1, 1, 7, 8, 9, 4), minutes("empty"));
    }

    @Test
    void aNonFiniteConstantFillsNothingAndSaysSo() {
        Evaluation evaluation = context.evaluate("FILL(m1, 1/0)");
        assertThat(((MathValue.Series) evaluation.value()).series()).isEqualTo(minutes("m1", NONE, 2, NONE, NONE, 8));
        assertThat(evaluation.datapointsDropped()).isTrue();
    }

    @Test
    void fillRefusesAScalarToFillAndAnArrayAsFiller() {
        assertThat(context.error("FILL(5, 0)"))
                .isEqualTo("Argument 1 of FILL must be a time series or an array of time series, not a scalar");
        assertThat(context.error("FILL(m1, METRICS())"))
                .isEqualTo(
                        "Argument 2 of FILL must be a scalar, a time series, REPEAT or LINEAR, not an array of time series");
    }
}
