package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds on series, arrays and evaluations, and the errors an evaluation gives. */
class BoundsTest {

    @Test
    void aSeriesMadeFromTheRangeHasAtMostTheDatapointsOfOneGetMetricDataCall() {
        TestContext longest = new TestContext().range(0, 100_800L * 60, 60);
        assertThat(longest.series("TIME_SERIES(1)").size()).isEqualTo(100_800);
        TestContext longer = new TestContext().range(0, 100_800L * 60 + 1, 60);
        assertThat(longer.error("TIME_SERIES(1)"))
                .isEqualTo("The expression would make 100801 datapoints for one series, more than 100800");
    }

    @Test
    void anArrayHoldsAtMostFiveHundredSeries() {
        TestContext context = new TestContext();
        for (int i = 0; i < 250; i++) {
            context.metric("m" + i, 0, i);
        }
        assertThat(context.array("[METRICS(), METRICS()]")).hasSize(500);
        assertThat(context.error("[METRICS(), METRICS(), m1]"))
                .isEqualTo("An array may hold at most 500 time series, not 501");
    }

    @Test
    void anEvaluationMakesAtMostTenMillionDatapoints() {
        TestContext context = new TestContext().range(0, 100_800L * 60, 60).metric("m1");
        String hundred = "FILL(m1, 0)" + " + FILL(m1, 0)".repeat(49);
        assertThat(context.series(hundred).size()).isEqualTo(100_800);
        assertThat(context.error(hundred + " + FILL(m1, 0)"))
                .isEqualTo("The expression makes more than 10080000 datapoints");
    }

    @Test
    void aScalarIsNoResult() {
        TestContext context = new TestContext().metric("m1", 0, 1);
        assertThat(context.error("AVG(m1)"))
                .isEqualTo(
                        "The result of an expression must be a time series or an array of time series, not a scalar");
        assertThat(context.error("1 + 1"))
                .isEqualTo(
                        "The result of an expression must be a time series or an array of time series, not a scalar");
        assertThatThrownBy(() -> new Evaluation(new MathValue.Scalar(1), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdThatTheContextLacksIsAnError() {
        assertThat(new TestContext().metric("m1", 0, 1).error("m1 + m2")).isEqualTo("Unknown Id: m2");
    }

    @Test
    void aTimeSeriesHoldsAscendingTimestampsAndFiniteValues() {
        assertThatThrownBy(() -> new TimeSeries("x", new long[] {1, 2}, new double[] {1}))
                .hasMessage("2 timestamps but 1 values");
        assertThatThrownBy(() -> new TimeSeries("x", new long[] {2, 2}, new double[] {1, 1}))
                .hasMessage("timestamps are not strictly ascending at index 1");
        assertThatThrownBy(() -> new TimeSeries("x", new long[] {1}, new double[] {Double.NaN}))
                .hasMessage("value NaN at index 0 is not finite");
        assertThatThrownBy(() -> new TimeSeries("x", new long[] {1}, new double[] {Double.NEGATIVE_INFINITY}))
                .hasMessage("value -Infinity at index 0 is not finite");
    }

    @Test
    void aTimeSeriesComparesByContent() {
        TimeSeries one = series("a", 0, 1, 60, 2);
        assertThat(one).isEqualTo(series("a", 0, 1, 60, 2)).hasSameHashCodeAs(series("a", 0, 1, 60, 2));
        assertThat(one).isNotEqualTo(series("b", 0, 1, 60, 2)).isNotEqualTo(series("a", 0, 1, 60, 3));
        assertThat(one).isNotEqualTo(series("a", 0, 1, 120, 2)).isNotEqualTo("a");
        assertThat(one).hasToString("TimeSeries[a, [0, 60], [1.0, 2.0]]");
        assertThat(one.withLabel("b")).isEqualTo(series("b", 0, 1, 60, 2));
        assertThat(one.size()).isEqualTo(2);
    }

    @Test
    void anArrayValueIsACopy() {
        List<TimeSeries> list = new java.util.ArrayList<>(List.of(series("a")));
        MathValue.SeriesArray array = new MathValue.SeriesArray(list);
        list.clear();
        assertThat(array.series()).hasSize(1);
    }

    @Test
    void aSeriesBeingMadeGrowsPastItsFirstCapacity() {
        EvaluationScope scope = new EvaluationScope(new TestContext());
        SeriesBuilder builder = new SeriesBuilder(scope, 0);
        for (int i = 0; i < 10; i++) {
            builder.add(i, i);
        }
        assertThat(builder.build("x").values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void theArithmeticErrorIsWordedAsAwsWordsIt() {
        assertThat(Evaluation.ARITHMETIC_ERROR_CODE).isEqualTo("ArithmeticError");
        assertThat(Evaluation.ARITHMETIC_ERROR_MESSAGE)
                .isEqualTo(
                        "One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)");
    }
}
