package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators between scalars, series and arrays: matching by timestamp, missing values, drops and labels. */
class OperatorsTest {

    private static final double NONE = Double.NaN;

    /** AWS's example: metric1 is [30, 20, 0, 0] and metric2 [20, -, 20, -]. */
    private final TestContext aws =
            new TestContext().minuteMetric("metric1", 30, 20, 0, 0).minuteMetric("metric2", 20, NONE, 20, NONE);

    @Test
    void comparisonsBetweenSeriesTreatAMissingValueAsZeroAsAwsShows() {
        assertThat(aws.perMinute("(metric1 < metric2)", 4)).containsExactly(0, 0, 1, 0);
        assertThat(aws.perMinute("(metric1 >= 30)", 4)).containsExactly(1, 0, 0, 0);
        assertThat(aws.perMinute("(metric1 > 15 AND metric2 > 15)", 4)).containsExactly(1, 0, 0, 0);
        assertThat(aws.perMinute("metric1 > 15 && metric2 > 15", 4)).containsExactly(1, 0, 0, 0);
    }

    @Test
    void everyComparisonAnswersOneOrZero() {
        TestContext context = new TestContext().minuteMetric("m1", 1, 2, 3);
        assertThat(context.perMinute("m1 < 2", 3)).containsExactly(1, 0, 0);
        assertThat(context.perMinute("m1 <= 2", 3)).containsExactly(1, 1, 0);
        assertThat(context.perMinute("m1 > 2", 3)).containsExactly(0, 0, 1);
        assertThat(context.perMinute("m1 >= 2", 3)).containsExactly(0, 1, 1);
        assertThat(context.perMinute("m1 == 2", 3)).containsExactly(0, 1, 0);
        assertThat(context.perMinute("m1 != 2", 3)).containsExactly(1, 0, 1);
    }

    @Test
    void logicTreatsAnyValueButZeroAsTrue() {
        TestContext context = new TestContext().minuteMetric("a", 0, 0, -3, 5).minuteMetric("b", 0, 2, 0, NONE);
        assertThat(context.perMinute("a OR b", 4)).containsExactly(0, 1, 1, 1);
        assertThat(context.perMinute("a || b", 4)).containsExactly(0, 1, 1, 1);
        assertThat(context.perMinute("a AND b", 4)).containsExactly(0, 0, 0, 0);
        assertThat(context.perMinute("NOT a", 4)).containsExactly(1, 1, 0, 0);
        assertThat(context.perMinute("NOT b", 4)).containsExactly(1, 0, 1, NONE);
    }

    @Test
    void arithmeticBetweenSeriesMatchesTimestampsAndTreatsMissingAsZero() {
        assertThat(aws.perMinute("metric1 + metric2", 4)).containsExactly(50, 20, 20, 0);
        assertThat(aws.perMinute("metric1 - metric2", 4)).containsExactly(10, 20, -20, 0);
        assertThat(aws.perMinute("metric1 * metric2", 4)).containsExactly(600, 0, 0, 0);
        TestContext sparse = new TestContext().minuteMetric("a", 4, NONE, NONE).minuteMetric("b", NONE, 3, NONE);
        assertThat(sparse.perMinute("a + b", 3)).containsExactly(4, 3, NONE);
    }

    @Test
    void divisionByZeroDropsTheDatapointAndSaysSo() {
        Evaluation evaluation = aws.evaluate("metric1 / metric2");
        assertThat(((MathValue.Series) evaluation.value()).series()).isEqualTo(series("", 0, 1.5, 120, 0));
        assertThat(evaluation.datapointsDropped()).isTrue();
        assertThat(aws.evaluate("metric1 + metric2").datapointsDropped()).isFalse();
        assertThat(aws.perMinute("metric1 / 0", 4)).containsExactly(NONE, NONE, NONE, NONE);
        assertThat(aws.perMinute("metric1 / (1 - 1) + 1", 4)).containsExactly(NONE, NONE, NONE, NONE);
    }

    @Test
    void aDroppedDatapointIsMissingToTheNextOperation() {
        assertThat(aws.perMinute("metric1 / metric2 + metric1", 4)).containsExactly(31.5, 20, 0, 0);
    }

    @Test
    void aSeriesAndAScalarCombineAtEachDatapointOfTheSeries() {
        assertThat(aws.perMinute("metric2 * 2", 4)).containsExactly(40, NONE, 40, NONE);
        assertThat(aws.perMinute("100 - metric2", 4)).containsExactly(80, NONE, 80, NONE);
        assertThat(aws.perMinute("metric2 ^ 2 / 4", 4)).containsExactly(100, NONE, 100, NONE);
        assertThat(aws.perMinute("2 ^ 3 ^ 2 + 0 * metric1", 4)).containsExactly(512, 512, 512, 512);
        assertThat(aws.perMinute("-2 ^ 2 + 0 * metric1", 4)).containsExactly(-4, -4, -4, -4);
    }

    @Test
    void aPowerWithoutARealResultIsDropped() {
        TestContext context = new TestContext().minuteMetric("m1", -8, 8);
        Evaluation evaluation = context.evaluate("m1 ^ 0.5");
        assertThat(((MathValue.Series) evaluation.value()).series().values()).containsExactly(Math.sqrt(8));
        assertThat(evaluation.datapointsDropped()).isTrue();
    }

    @Test
    void unaryMinusNegatesEachDatapointAndNeverGivesNegativeZero() {
        assertThat(aws.perMinute("-metric1", 4)).containsExactly(-30, -20, 0, 0);
        assertThat(aws.series("-metric1").values()[2]).isEqualTo(0.0);
        assertThat(aws.perMinute("-5*metric1", 4)).containsExactly(-150, -100, 0, 0);
    }

    @Test
    void anOperationOnASeriesKeepsItsLabelAndOneOfTwoSeriesHasNone() {
        assertThat(aws.series("metric1 * 2").label()).isEqualTo("metric1");
        assertThat(aws.series("-metric1").label()).isEqualTo("metric1");
        assertThat(aws.series("metric1 + metric2").label()).isEmpty();
    }

    @Test
    void anArrayAppliesTheOperationToEachSeriesWhichKeepsItsLabel() {
        TestContext context = new TestContext()
                .minuteMetric("m1", 1, 2)
                .minuteMetric("m2", 10, NONE)
                .minuteMetric("m3", 2, 4);
        assertThat(context.array("METRICS()/100"))
                .containsExactly(
                        TestContext.minutes("m1", 0.01, 0.02),
                        TestContext.minutes("m2", 0.1),
                        TestContext.minutes("m3", 0.02, 0.04));
        assertThat(context.array("100/[m1, m2]"))
                .containsExactly(TestContext.minutes("m1", 100, 50), TestContext.minutes("m2", 10));
        assertThat(context.array("[m1, m2]/m3"))
                .containsExactly(TestContext.minutes("m1", 0.5, 0.5), TestContext.minutes("m2", 5, 0));
        assertThat(context.array("m3 - [m1, m2]"))
                .containsExactly(TestContext.minutes("m1", 1, 2), TestContext.minutes("m2", -8, 4));
        assertThat(context.array("-[m1, m2]"))
                .containsExactly(TestContext.minutes("m1", -1, -2), TestContext.minutes("m2", -10));
        assertThat(context.array("[m1, m2] > 1"))
                .containsExactly(TestContext.minutes("m1", 0, 1), TestContext.minutes("m2", 1));
    }

    @Test
    void twoArraysCannotBeCombined() {
        TestContext context = new TestContext().minuteMetric("m1", 1).minuteMetric("m2", 2);
        assertThat(context.error("METRICS() + [m1, m2]"))
                .isEqualTo("The operator + cannot combine two arrays of time series");
        assertThat(context.error("METRICS() AND METRICS()"))
                .isEqualTo("The operator AND cannot combine two arrays of time series");
    }

    @Test
    void scalarsCombineIntoScalarsWithinALargerExpression() {
        TestContext context = new TestContext().minuteMetric("m1", 1, 3);
        assertThat(context.perMinute("m1 * (2 + 3 * 4) / (8 - 2 ^ 2)", 2)).containsExactly(3.5, 10.5);
        assertThat(context.perMinute("m1 + (1 < 2) + (3 == 3 AND 0 OR NOT 0)", 2))
                .containsExactly(3, 5);
    }

    @Test
    void anArrayLiteralFlattensArraysAndRefusesScalars() {
        TestContext context = new TestContext()
                .minuteMetric("m1", 1)
                .minuteMetric("m2", 2)
                .expression("e1", new MathValue.SeriesArray(List.of(series("x", 0, 5))));
        assertThat(context.array("[METRICS(), e1, m1]"))
                .extracting(TimeSeries::label)
                .containsExactly("m1", "m2", "x", "m1");
        assertThat(context.error("[m1, 5]"))
                .isEqualTo("An array may hold only time series and arrays of time series, not a scalar");
    }
}
