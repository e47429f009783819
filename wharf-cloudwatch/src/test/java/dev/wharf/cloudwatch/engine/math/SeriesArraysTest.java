package dev.wharf.cloudwatch.engine.math;

import static dev.wharf.cloudwatch.engine.math.TestContext.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** METRICS and its filter, SORT, SLICE, FIRST, LAST and REMOVE_EMPTY. */
class SeriesArraysTest {

    private static final double NONE = Double.NaN;

    private final TestContext context = new TestContext()
            .minuteMetric("errors4xx", 1, 1, 1) // SUM 3, AVG 1, MIN 1, MAX 1
            .minuteMetric("requests", 10, 20) // SUM 30, AVG 15, MIN 10, MAX 20
            .minuteMetric("errors5xx", 0, 9) // SUM 9, AVG 4.5, MIN 0, MAX 9
            .minuteMetric("idle") // no datapoints
            .minuteMetric("latency", 2, NONE, 4) // SUM 6, AVG 3, MIN 2, MAX 4
            .expression("e1", new MathValue.Series(minutes("e1", 100)));

    private static List<String> labels(List<TimeSeries> array) {
        return array.stream().map(TimeSeries::label).toList();
    }

    @Test
    void metricsReturnsEveryMetricStatQueryInRequestOrderAndNoExpression() {
        assertThat(labels(context.array("METRICS()")))
                .containsExactly("errors4xx", "requests", "errors5xx", "idle", "latency");
    }

    @Test
    void metricsWithAStringReturnsThoseWhoseIdContainsIt() {
        assertThat(labels(context.array("METRICS(\"errors\")"))).containsExactly("errors4xx", "errors5xx");
        assertThat(labels(context.array("METRICS('5xx')"))).containsExactly("errors5xx");
        assertThat(labels(context.array("METRICS('ERRORS')"))).isEmpty();
        assertThat(labels(context.array("[METRICS(\"4xx\"), METRICS(\"5xx\")]")))
                .containsExactly("errors4xx", "errors5xx");
        assertThat(context.perMinute("SUM(METRICS(\"errors\"))/SUM(METRICS(\"requests\"))*100", 3))
                .containsExactly(10, 50, NONE);
    }

    @Test
    void sortOrdersByTheStatisticAndPutsSeriesWithoutDatapointsLast() {
        assertThat(labels(context.array("SORT(METRICS(), SUM, DESC)")))
                .containsExactly("requests", "errors5xx", "latency", "errors4xx", "idle");
        // A series without datapoints sums to 0, so SUM sorts it as 0.
        assertThat(labels(context.array("SORT(METRICS(), SUM, ASC)")))
                .containsExactly("idle", "errors4xx", "latency", "errors5xx", "requests");
        assertThat(labels(context.array("SORT(METRICS(), AVG, ASC)")))
                .containsExactly("errors4xx", "latency", "errors5xx", "requests", "idle");
        assertThat(labels(context.array("SORT(METRICS(), MIN, DESC)")))
                .containsExactly("requests", "latency", "errors4xx", "errors5xx", "idle");
        assertThat(labels(context.array("SORT(METRICS(), MAX, ASC)")))
                .containsExactly("errors4xx", "latency", "errors5xx", "requests", "idle");
    }

    @Test
    void sortKeepsTheArraysOrderForTies() {
        TestContext ties =
                new TestContext().minuteMetric("b", 1).minuteMetric("a", 1).minuteMetric("c", 2);
        assertThat(labels(ties.array("SORT(METRICS(), AVG, DESC)"))).containsExactly("c", "b", "a");
        assertThat(labels(ties.array("SORT(METRICS(), AVG, ASC)"))).containsExactly("b", "a", "c");
    }

    @Test
    void sortsLimitKeepsTheFirstSeries() {
        assertThat(labels(context.array("SORT(METRICS(), AVG, DESC, 2)"))).containsExactly("requests", "errors5xx");
        assertThat(labels(context.array("SORT(METRICS(), AVG, DESC, 50)"))).hasSize(5);
        assertThat(context.error("SORT(METRICS(), AVG, DESC, 0)"))
                .isEqualTo("Argument 4 of SORT must be a whole number of at least 1, not 0.0");
        assertThat(context.error("SORT(METRICS(), AVG, DESC, 1.5)"))
                .isEqualTo("Argument 4 of SORT must be a whole number of at least 1, not 1.5");
        assertThat(context.error("SORT(requests, AVG, DESC)"))
                .isEqualTo("Argument 1 of SORT must be an array of time series, not a time series");
        assertThat(context.error("SORT(METRICS(), AVG, DESC, requests)"))
                .isEqualTo("Argument 4 of SORT must be a scalar, not a time series");
    }

    @Test
    void sortKeepsTheSeriesAsTheyAre() {
        assertThat(context.array("SORT(METRICS(), MAX, DESC, 1)")).containsExactly(minutes("requests", 10, 20));
    }

    @Test
    void sliceReturnsFromStartInclusiveToEndExclusive() {
        assertThat(labels(context.array("SLICE(SORT(METRICS(), SUM, DESC), 0, 2)")))
                .containsExactly("requests", "errors5xx");
        assertThat(labels(context.array("SLICE(SORT(METRICS(), AVG, ASC), 3)"))).containsExactly("requests", "idle");
        assertThat(labels(context.array("SLICE(METRICS(), 4, 99)"))).containsExactly("latency");
        assertThat(labels(context.array("SLICE(METRICS(), 9)"))).isEmpty();
        assertThat(labels(context.array("SLICE(METRICS(), 3, 1)"))).isEmpty();
        assertThat(context.error("SLICE(METRICS(), -1)"))
                .isEqualTo("Argument 2 of SLICE must be a whole number of at least 0, not -1.0");
        assertThat(context.error("SLICE(METRICS(), 0, 0.5)"))
                .isEqualTo("Argument 3 of SLICE must be a whole number of at least 0, not 0.5");
    }

    @Test
    void firstAndLastPickOneSeriesOfTheArray() {
        assertThat(context.series("FIRST(SORT(METRICS(), AVG, DESC))")).isEqualTo(minutes("requests", 10, 20));
        assertThat(context.series("LAST(METRICS())")).isEqualTo(minutes("latency", 2, NONE, 4));
        assertThat(context.perMinute("IF(FIRST(SORT(METRICS(), AVG, DESC))>15, 1, 0)", 3))
                .containsExactly(0, 1, NONE);
        assertThat(context.series("FIRST(METRICS('none'))")).isEqualTo(TimeSeries.empty(""));
        assertThat(context.error("LAST(requests)"))
                .isEqualTo("Argument 1 of LAST must be an array of time series, not a time series");
    }

    @Test
    void removeEmptyDropsTheSeriesWithoutDatapoints() {
        assertThat(labels(context.array("REMOVE_EMPTY(METRICS())")))
                .containsExactly("errors4xx", "requests", "errors5xx", "latency");
        assertThat(labels(context.array("REMOVE_EMPTY(IF(requests > 15, requests) + [idle, errors4xx])")))
                .containsExactly("idle", "errors4xx");
    }

    @Test
    void anEarlierExpressionsArrayCanBeReferenced() {
        context.expression("e2", new MathValue.SeriesArray(List.of(minutes("x", 1, 2), minutes("y", 3))));
        assertThat(context.perMinute("SUM(e2)", 2)).containsExactly(4, 2);
        assertThat(context.perMinute("e1 + 1", 1)).containsExactly(101);
    }
}
