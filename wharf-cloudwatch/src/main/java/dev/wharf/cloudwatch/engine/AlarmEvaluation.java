package dev.wharf.cloudwatch.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides a metric alarm's state from the datapoints of its last {@code EvaluationPeriods} periods, as AWS documents
 * it: "M out of N" breaching datapoints (DatapointsToAlarm of EvaluationPeriods) put it in ALARM; missing datapoints
 * count as {@code TreatMissingData} says (breaching, not breaching, ignored: the state stays, or missing: with no
 * datapoint at all the alarm has INSUFFICIENT_DATA); otherwise it is OK. The reason texts and their JSON data follow
 * AWS's.
 */
final class AlarmEvaluation {

    /** The outcome: a state, its reason and the reason's JSON; null state: keep the current one. */
    record Outcome(@Nullable String state, String reason, String reasonData) {}

    /** The one mapper of the alarms' JSON (reason data, history data, notifications). */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlarmEvaluation() {}

    /**
     * @param periodStarts the start of each evaluated period, oldest first
     * @param values each period's value, NaN where the period has no datapoint
     */
    static Outcome evaluate(Alarm alarm, long[] periodStarts, double[] values, Instant now) {
        double threshold = alarm.threshold() == null ? 0 : alarm.threshold();
        String operator = String.valueOf(alarm.comparisonOperator());
        int breaching = 0;
        int good = 0;
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                switch (alarm.missingData()) {
                    case "breaching" -> breaching++;
                    case "notBreaching" -> good++;
                    default -> {}
                }
            } else {
                present.add(i);
                if (breaches(operator, values[i], threshold)) {
                    breaching++;
                } else {
                    good++;
                }
            }
        }
        int needed = alarm.datapointsNeeded();
        String data = reasonData(alarm, periodStarts, values, present, threshold, now);
        if (breaching >= needed) {
            return new Outcome(
                    Alarm.ALARM, thresholdCrossed(alarm, periodStarts, values, present, breaching, true), data);
        }
        if (breaching + good == 0) {
            if (alarm.missingData().equals("ignore")) {
                return new Outcome(null, "", data);
            }
            return new Outcome(
                    Alarm.INSUFFICIENT_DATA,
                    "Insufficient Data: " + values.length + (values.length == 1 ? " datapoint was" : " datapoints were")
                            + " unknown.",
                    data);
        }
        return new Outcome(Alarm.OK, thresholdCrossed(alarm, periodStarts, values, present, breaching, false), data);
    }

    static boolean breaches(String operator, double value, double threshold) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> false;
        };
    }

    private static String words(String operator) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "GreaterThanThreshold" -> "greater than";
            case "LessThanThreshold" -> "less than";
            default -> "less than or equal to";
        };
    }

    private static String thresholdCrossed(
            Alarm alarm, long[] starts, double[] values, List<Integer> present, int breaching, boolean alarmed) {
        StringBuilder points = new StringBuilder("[");
        // AWS lists the datapoints newest first.
        for (int j = present.size() - 1; j >= 0; j--) {
            int i = present.get(j);
            if (points.length() > 1) {
                points.append(", ");
            }
            points.append(number(values[i]))
                    .append(" (")
                    .append(REASON_TIME.format(Instant.ofEpochSecond(starts[i])))
                    .append(')');
        }
        points.append(']');
        String threshold = number(alarm.threshold() == null ? 0 : alarm.threshold());
        if (alarmed) {
            return "Threshold Crossed: " + breaching + " out of the last " + values.length + " datapoints " + points
                    + " was " + words(String.valueOf(alarm.comparisonOperator())) + " the threshold (" + threshold
                    + ") (minimum " + alarm.datapointsNeeded() + " datapoint"
                    + (alarm.datapointsNeeded() == 1 ? "" : "s") + " for OK -> ALARM transition).";
        }
        return "Threshold Crossed: " + present.size() + " datapoint" + (present.size() == 1 ? " " : "s ") + points
                + (present.size() == 1 ? " was not " : " were not ") + words(String.valueOf(alarm.comparisonOperator()))
                + " the threshold (" + threshold + ").";
    }

    private static String reasonData(
            Alarm alarm, long[] starts, double[] values, List<Integer> present, double threshold, Instant now) {
        ObjectNode data = JSON.createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", DATA_TIME.format(now));
        if (starts.length > 0) {
            data.put("startDate", DATA_TIME.format(Instant.ofEpochSecond(starts[0])));
        }
        if (alarm.statistic() != null) {
            data.put("statistic", alarm.statistic());
        } else if (alarm.extendedStatistic() != null) {
            data.put("statistic", alarm.extendedStatistic());
        }
        if (alarm.period() != null) {
            data.put("period", alarm.period());
        }
        ArrayNode recent = data.putArray("recentDatapoints");
        for (int i : present) {
            recent.add(values[i]);
        }
        data.put("threshold", threshold);
        ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        for (int j = present.size() - 1; j >= 0; j--) {
            int i = present.get(j);
            evaluated
                    .addObject()
                    .put("timestamp", DATA_TIME.format(Instant.ofEpochSecond(starts[i])))
                    .put("value", values[i]);
        }
        return data.toString();
    }

    /** A number as AWS's reasons write one: a decimal point always, no exponent for ordinary magnitudes. */
    static String number(double value) {
        return Double.toString(value);
    }
}
