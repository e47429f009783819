package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.series;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** IF with a series or a scalar as condition, by the tables of AWS's guide, "Using IF expressions". */
class IfTest {

    private static final double NONE = Double.NaN;

    /** The guide's series: metric1 [1, 1, 0, 0, -], metric2 [30, -, 0, 0, 30], metric3 [0, 0, 20, -, 20]. */
    private final TestContext aws = new TestContext()
            .minuteMetric("metric1", 1, 1, 0, 0, NONE)
            .minuteMetric("metric2", 30, NONE, 0, 0, 30)
            .minuteMetric("metric3", 0, 0, 20, NONE, 20);

    @Test
    void threeSeriesGiveAwsTable() {
        assertThat(aws.perMinute("IF(metric1, metric2, metric3)", 5)).containsExactly(30, 0, 20, NONE, NONE);
    }

    @Test
    void aScalarTrueValueGivesAwsTable() {
        assertThat(aws.perMinute("IF(metric1, 5, metric3)", 5)).containsExactly(5, 5, 20, NONE, NONE);
    }

    @Test
    void aScalarFalseValueGivesAwsTable() {
        assertThat(aws.perMinute("IF(metric1, metric2, 5)", 5)).containsExactly(30, 0, 5, 5, NONE);
    }

    @Test
    void withoutAFalseValueTheFalseDatapointsAreDropped() {
        assertThat(aws.perMinute("IF(metric1, metric2)", 5)).containsExactly(30, 0, NONE, NONE, NONE);
        assertThat(aws.perMinute("IF(metric3 > 10, metric3)", 5)).containsExactly(NONE, NONE, 20, NONE, 20);
        assertThat(aws.evaluate("IF(metric1, metric2)").datapointsDropped()).isFalse();
    }

    @Test
    void twoScalarsMapTheConditionToTwoValues() {
        assertThat(aws.perMinute("IF(metric2 < 10, 10, 2)", 5)).containsExactly(2, NONE, 10, 10, 2);
        assertThat(aws.perMinute("IF(metric2 > 10, 1, 0)", 5)).containsExactly(1, NONE, 0, 0, 1);
    }

    @Test
    void aScalarConditionChoosesAWholeValue() {
        assertThat(aws.series("IF(1, metric2, metric3)")).isEqualTo(aws.series("metric2"));
        assertThat(aws.series("IF(AVG(metric1) > 0.5, metric2, metric3)")).isEqualTo(aws.series("metric3"));
        assertThat(aws.series("IF(0, metric2)")).isEqualTo(TimeSeries.empty(""));
        assertThat(aws.perMinute("metric1 + IF(1, 2, 3)", 5)).containsExactly(3, 3, 2, 2, NONE);
    }

    @Test
    void aNonFiniteScalarValueIsDroppedAndSaysSo() {
        Evaluation evaluation = aws.evaluate("IF(metric1, 1/0, 7)");
        assertThat(((MathValue.Series) evaluation.value()).series()).isEqualTo(series("", 120, 7, 180, 7));
        assertThat(evaluation.datapointsDropped()).isTrue();
    }

    @Test
    void arraysAreRefused() {
        assertThat(aws.error("IF(METRICS() > 1, 1, 0)"))
                .isEqualTo("Argument 1 of IF must be a scalar or a time series, not an array of time series");
        assertThat(aws.error("IF(metric1, METRICS())"))
                .isEqualTo("Argument 2 of IF must be a scalar or a time series, not an array of time series");
        assertThat(aws.error("IF(metric1, 1, METRICS())"))
                .isEqualTo("Argument 3 of IF must be a scalar or a time series, not an array of time series");
    }
}
