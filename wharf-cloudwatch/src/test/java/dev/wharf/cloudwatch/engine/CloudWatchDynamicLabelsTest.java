package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.GetMetricDataRequest;
import dev.wharf.cloudwatch.api.GetMetricDataResponse;
import dev.wharf.cloudwatch.api.LabelOptions;
import dev.wharf.cloudwatch.api.Metric;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import dev.wharf.cloudwatch.api.MetricDataResult;
import dev.wharf.cloudwatch.api.MetricDatum;
import dev.wharf.cloudwatch.api.MetricStat;
import dev.wharf.cloudwatch.api.PutMetricDataRequest;
import dev.wharf.common.AwsException;
import dev.wharf.common.TestClock;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetMetricData's default labels, dynamic labels and LabelOptions. */
class CloudWatchDynamicLabelsTest {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final List<Dimension> ORDERS = List.of(new Dimension("QueueName", "orders"), new Dimension("Tier", "gold"));

    final TestClock clock = new TestClock(START.plus(Duration.ofMinutes(10)));
    final CloudWatchEngine engine =
            new CloudWatchEngine(clock, CloudWatchLimits.DEFAULT, new MemoryStorageEngine().metrics());

    /** Depth of orders: 4 at 10:00, 10 at 10:01, 1 at 10:02, 7 at 10:03. */
    @BeforeEach
    void putDepth() {
        double[] depths = {4, 10, 1, 7};
        List<MetricDatum> data = new ArrayList<>();
        for (int minute = 0; minute < depths.length; minute++) {
            data.add(new MetricDatum(
                    "Depth",
                    ORDERS,
                    START.plusSeconds(60L * minute + 5),
                    depths[minute],
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        engine.putMetricData(CloudWatchMetricsTest.CONTEXT, new PutMetricDataRequest("Shop", data, null, null));
    }

    static MetricDataQuery depth(String id, @Nullable String label) {
        return stat(id, "Depth", "Sum", 60, label);
    }

    static MetricDataQuery stat(String id, String name, String stat, int period, @Nullable String label) {
        return new MetricDataQuery(
                id,
                new MetricStat(new Metric("Shop", name, ORDERS), period, stat, null),
                null,
                label,
                null,
                null,
                null);
    }

    static MetricDataQuery expression(String id, String expression, @Nullable String label) {
        return new MetricDataQuery(id, null, expression, label, null, null, null);
    }

    List<MetricDataResult> query(@Nullable String timezone, MetricDataQuery... queries) {
        return results(query(timezone, null, queries));
    }

    static List<MetricDataResult> results(GetMetricDataResponse response) {
        return Objects.requireNonNull(response.metricDataResults());
    }

    GetMetricDataResponse query(
            @Nullable String timezone, @Nullable Integer maxDatapoints, MetricDataQuery... queries) {
        return query(timezone, maxDatapoints, null, queries);
    }

    GetMetricDataResponse query(
            @Nullable String timezone,
            @Nullable Integer maxDatapoints,
            @Nullable String token,
            MetricDataQuery... queries) {
        GetMetricDataResponse response = engine.getMetricData(
                CloudWatchMetricsTest.CONTEXT,
                new GetMetricDataRequest(
                        List.of(queries),
                        START,
                        START.plusSeconds(240),
                        token,
                        "TimestampAscending",
                        maxDatapoints,
                        timezone == null ? null : new LabelOptions(timezone)));
        return response;
    }

    String label(MetricDataQuery query) {
        return Objects.requireNonNull(query(null, query).getFirst().label());
    }

    @Test
    void statisticalValuesAreComputedOverTheResultsDatapoints() {
        assertThat(label(depth("a", "n=${DATAPOINT_COUNT} sum=${SUM} avg=${AVG} min=${MIN} max=${MAX}")))
                .isEqualTo("n=4 sum=22 avg=5.5 min=1 max=10");
        assertThat(label(depth("b", "${FIRST} to ${LAST}: ${FIRST_LAST_RANGE}, spread ${MIN_MAX_RANGE}")))
                .isEqualTo("4 to 7: 3, spread 9");
    }

    @Test
    void timesAreTheDatapointsTimestampsAndRelativeTimesAreFromNow() {
        assertThat(label(depth("a", "${FIRST_TIME} ${LAST_TIME} ${MIN_TIME} ${MAX_TIME}")))
                .isEqualTo("2026-12-01T10:00:00Z 2026-12-01T10:03:00Z 2026-12-01T10:02:00Z 2026-12-01T10:01:00Z");
        assertThat(label(depth(
                        "b", "${FIRST_TIME_RELATIVE}|${LAST_TIME_RELATIVE}|${MIN_TIME_RELATIVE}|${MAX_TIME_RELATIVE}")))
                .isEqualTo("10m|7m|8m|9m");
        assertThat(label(depth("c", "${FIRST_LAST_TIME_RANGE} ${MIN_MAX_TIME_RANGE}")))
                .isEqualTo("3m 1m");
        clock.advance(Duration.ofSeconds(3_725));
        assertThat(label(depth("d", "${LAST_TIME_RELATIVE}"))).isEqualTo("1h 9m 5s");
    }

    @Test
    void timesAreWrittenInTheLabelOptionsTimezone() {
        MetricDataQuery first = depth("a", "from ${FIRST_TIME} to ${LAST_TIME}");
        assertThat(query("+0130", first).getFirst().label())
                .isEqualTo("from 2026-12-01T11:30:00+01:30 to 2026-12-01T11:33:00+01:30");
        assertThat(query("-0500", first).getFirst().label())
                .isEqualTo("from 2026-12-01T05:00:00-05:00 to 2026-12-01T05:03:00-05:00");
        assertThat(query("+0000", first).getFirst().label())
                .isEqualTo("from 2026-12-01T10:00:00Z to 2026-12-01T10:03:00Z");
        assertThat(query("+1400", depth("b", "${MIN_TIME_RELATIVE} ago, ${MAX}"))
                        .getFirst()
                        .label())
                .as("the time zone moves times, not spans or values")
                .isEqualTo("8m ago, 10");
    }

    @Test
    void aBadTimezoneIsAnInvalidParameterValue() {
        for (String timezone : List.of("0130", "+130", "+01:30", "+0160", "+1900", "UTC", "", "+01300")) {
            assertThatThrownBy(() -> query(timezone, depth("a", null)))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.code().queryCode()).isEqualTo("InvalidParameterValue");
                        assertThat(e.code().httpStatus()).isEqualTo(400);
                    })
                    .hasMessage("The value " + timezone + " for parameter LabelOptions.Timezone is invalid.");
        }
        assertThat(query("-1800", depth("a", null))).hasSize(1);
    }

    @Test
    void propertiesNameTheMetricAndTheCaller() {
        assertThat(label(depth("a", "${PROP('Namespace')}/${PROP('MetricName')} ${PROP('Stat')} ${PROP('Period')}s")))
                .isEqualTo("Shop/Depth Sum 60s");
        assertThat(label(depth("b", "${PROP('Dim.QueueName')} (${PROP('Dim.Tier')}) in ${PROP('Region')}")))
                .isEqualTo("orders (gold) in us-east-1");
        assertThat(label(depth("c", "${PROP('AccountId')}"))).isEqualTo("000000000000");
    }

    @Test
    void unknownTokensAndMissingPropertiesStayAsWritten() {
        assertThat(label(depth("a", "${MEDIAN} ${max} ${PROP('Dim.queuename')} ${PROP('AccountLabel')} ${MAX}")))
                .isEqualTo("${MEDIAN} ${max} ${PROP('Dim.queuename')} ${PROP('AccountLabel')} 10");
        assertThat(label(depth("b", "$MAX ${ MAX} ${MAX"))).isEqualTo("$MAX ${ MAX} ${MAX");
        assertThat(label(depth("c", "${PROP(\"Stat\")} ${PROP('Dim.a}b')}")))
                .isEqualTo("${PROP(\"Stat\")} ${PROP('Dim.a}b')}");
    }

    @Test
    void aLabelShowsAtMostFiveDynamicValuesAndLabelOnce() {
        assertThat(label(depth("a", "${MIN} ${MAX} ${SUM} ${AVG} ${FIRST} ${LAST}")))
                .isEqualTo("1 10 22 5.5 4 ${LAST}");
        assertThat(label(depth("b", "${LABEL} ${LABEL} ${MAX}"))).isEqualTo("Depth ${LABEL} 10");
        assertThat(label(depth("c", "${UNKNOWN} ${MIN} ${MAX} ${SUM} ${AVG} ${FIRST}")))
                .as("tokens left as written do not count")
                .isEqualTo("${UNKNOWN} 1 10 22 5.5 4");
    }

    @Test
    void defaultLabelsAreTheMetricNameWithTheStatAndPeriodThatTellQueriesApart() {
        assertThat(query(null, stat("a", "Depth", "Sum", 60, null), stat("b", "Depth", "Minimum", 60, null)))
                .extracting(MetricDataResult::label)
                .containsExactly("Depth Sum", "Depth Minimum");
        assertThat(query(null, stat("a", "Depth", "Sum", 60, null), stat("b", "Depth", "Sum", 120, null)))
                .extracting(MetricDataResult::label)
                .containsExactly("Depth 60", "Depth 120");
        assertThat(query(null, stat("a", "Depth", "Sum", 60, null), stat("b", "Depth", "Minimum", 120, null)))
                .extracting(MetricDataResult::label)
                .containsExactly("Depth Sum 60", "Depth Minimum 120");
        assertThat(query(
                        null,
                        stat("a", "Depth", "Sum", 60, null),
                        stat("b", "Depth", "Sum", 60, "${LABEL}!"),
                        stat("c", "Other", "Maximum", 300, null)))
                .extracting(MetricDataResult::label)
                .containsExactly("Depth", "Depth!", "Other");
    }

    @Test
    void anExpressionsLabelIsRenderedOverItsOwnSeries() {
        List<MetricDataResult> results = query(
                null,
                depth("m1", null),
                expression("doubled", "m1 * 2", "x2: max ${MAX} of ${LABEL} every ${PROP('Period')}s"),
                expression("total", "m1 + m1", "${LABEL} ${PROP('MetricName')}"),
                expression("plain", "m1 + m1", null));

        assertThat(results)
                .extracting(MetricDataResult::label)
                .containsExactly("Depth", "x2: max 20 of Depth every 60s", "total ${PROP('MetricName')}", "plain");
    }

    @Test
    void anArraysLabelIsRenderedForEachSeries() {
        List<MetricDataResult> results = query(
                null,
                stat("sum", "Depth", "Sum", 60, "sum"),
                stat("max", "Depth", "Maximum", 120, null),
                expression("each", "METRICS()", "${LABEL}: ${DATAPOINT_COUNT} points, last ${LAST}"),
                expression("same", "METRICS() * 1", "static"),
                expression("own", "METRICS()", null));

        assertThat(results)
                .extracting(MetricDataResult::label)
                .containsExactly(
                        "sum",
                        "Depth Maximum 120",
                        "sum: 4 points, last 7",
                        "Depth Maximum 120: 2 points, last 7",
                        "static",
                        "static",
                        "sum",
                        "Depth Maximum 120");
    }

    @Test
    void valuesCoverTheWholeResultOnEveryPage() {
        MetricDataQuery labelled = depth("a", "${DATAPOINT_COUNT} up to ${MAX}");
        GetMetricDataResponse first = query(null, 3, labelled);
        assertThat(results(first).getFirst().values()).hasSize(3);
        assertThat(results(first).getFirst().label()).isEqualTo("4 up to 10");

        GetMetricDataResponse second = query(null, 3, first.nextToken(), labelled);
        assertThat(results(second).getFirst().values()).containsExactly(7.0);
        assertThat(results(second).getFirst().label()).isEqualTo("4 up to 10");
    }

    @Test
    void aResultWithoutDatapointsCountsZeroAndShowsNoValues() {
        MetricDataQuery none = new MetricDataQuery(
                "none",
                new MetricStat(new Metric("Shop", "Nothing", null), 60, "Sum", null),
                null,
                "${DATAPOINT_COUNT} [${MAX}] [${LAST_TIME}] [${MIN_MAX_TIME_RANGE}] ${LABEL}",
                null,
                null,
                null);
        assertThat(label(none)).isEqualTo("0 [] [] [] Nothing");
    }
}
