package dev.wharf.cloudwatch.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.cloudwatch.api.MetricDataQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The notification that an alarm's SNS action publishes, as CloudWatch writes it: the subject {@code ALARM: "name" in
 * US East (N. Virginia)} and the JSON message with the alarm, its old and new state and its trigger.
 */
final class AlarmNotifications {

    private static final ObjectMapper JSON = AlarmEvaluation.JSON;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The names that CloudWatch's notifications give regions. */
    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("us-east-1", "US East (N. Virginia)"),
            Map.entry("us-east-2", "US East (Ohio)"),
            Map.entry("us-west-1", "US West (N. California)"),
            Map.entry("us-west-2", "US West (Oregon)"),
            Map.entry("ca-central-1", "Canada (Central)"),
            Map.entry("eu-west-1", "EU (Ireland)"),
            Map.entry("eu-west-2", "EU (London)"),
            Map.entry("eu-west-3", "EU (Paris)"),
            Map.entry("eu-central-1", "EU (Frankfurt)"),
            Map.entry("eu-north-1", "EU (Stockholm)"),
            Map.entry("eu-south-1", "EU (Milan)"),
            Map.entry("ap-northeast-1", "Asia Pacific (Tokyo)"),
            Map.entry("ap-northeast-2", "Asia Pacific (Seoul)"),
            Map.entry("ap-southeast-1", "Asia Pacific (Singapore)"),
            Map.entry("ap-southeast-2", "Asia Pacific (Sydney)"),
            Map.entry("ap-south-1", "Asia Pacific (Mumbai)"),
            Map.entry("sa-east-1", "South America (Sao Paulo)"));

    private AlarmNotifications() {}

    static String regionName(String region) {
        return REGION_NAMES.getOrDefault(region, region);
    }

    static String subject(Alarm alarm, String region) {
        String subject = alarm.stateValue() + ": \"" + alarm.name() + "\" in " + regionName(region);
        // SNS subjects are at most 100 characters.
        return subject.length() <= 100 ? subject : subject.substring(0, 100);
    }

    static String message(Alarm alarm, String oldState, String region) {
        ObjectNode message = JSON.createObjectNode();
        message.put("AlarmName", alarm.name());
        message.put("AlarmDescription", alarm.description());
        message.put("AWSAccountId", alarm.accountId());
        message.put(
                "AlarmConfigurationUpdatedTimestamp",
                TIME.format(Instant.ofEpochMilli(alarm.configurationUpdatedMillis())));
        message.put("NewStateValue", alarm.stateValue());
        message.put("NewStateReason", alarm.stateReason());
        message.put("StateChangeTime", TIME.format(Instant.ofEpochMilli(alarm.stateUpdatedMillis())));
        message.put("Region", regionName(region));
        message.put("AlarmArn", alarm.arn());
        message.put("OldStateValue", oldState);
        strings(message.putArray("OKActions"), alarm.okActions());
        strings(message.putArray("AlarmActions"), alarm.alarmActions());
        strings(message.putArray("InsufficientDataActions"), alarm.insufficientDataActions());
        if (alarm.composite()) {
            message.put("AlarmRule", alarm.alarmRule());
        } else {
            trigger(message.putObject("Trigger"), alarm);
        }
        return message.toString();
    }

    private static void trigger(ObjectNode trigger, Alarm alarm) {
        if (alarm.metrics().isEmpty()) {
            trigger.put("MetricName", alarm.metricName());
            trigger.put("Namespace", alarm.namespace());
            trigger.put("StatisticType", alarm.statistic() != null ? "Statistic" : "ExtendedStatistic");
            trigger.put(
                    "Statistic",
                    alarm.statistic() != null ? alarm.statistic().toUpperCase(Locale.ROOT) : alarm.extendedStatistic());
            trigger.put("Unit", alarm.unit());
            dimensions(trigger.putArray("Dimensions"), alarm.dimensions());
            trigger.put("Period", alarm.period());
        } else {
            ArrayNode metrics = trigger.putArray("Metrics");
            for (MetricDataQuery query : alarm.metrics()) {
                ObjectNode node = metrics.addObject();
                node.put("Id", query.id());
                if (query.expression() != null) {
                    node.put("Expression", query.expression());
                }
                if (query.label() != null) {
                    node.put("Label", query.label());
                }
                node.put("ReturnData", !Boolean.FALSE.equals(query.returnData()));
                if (query.metricStat() != null && query.metricStat().metric() != null) {
                    ObjectNode stat = node.putObject("MetricStat");
                    ObjectNode metric = stat.putObject("Metric");
                    metric.put("Namespace", query.metricStat().metric().namespace());
                    metric.put("MetricName", query.metricStat().metric().metricName());
                    List<Dimension> dimensions = query.metricStat().metric().dimensions();
                    dimensions(metric.putArray("Dimensions"), dimensions == null ? List.of() : dimensions);
                    stat.put("Period", query.metricStat().period());
                    stat.put("Stat", query.metricStat().stat());
                }
            }
        }
        trigger.put("EvaluationPeriods", alarm.evaluationPeriods());
        trigger.put("DatapointsToAlarm", alarm.datapointsNeeded());
        trigger.put("ComparisonOperator", alarm.comparisonOperator());
        trigger.put("Threshold", alarm.threshold());
        trigger.put("TreatMissingData", alarm.treatMissingData() == null ? "" : alarm.treatMissingData());
        trigger.put(
                "EvaluateLowSampleCountPercentile",
                alarm.evaluateLowSampleCountPercentile() == null ? "" : alarm.evaluateLowSampleCountPercentile());
    }

    private static void dimensions(ArrayNode into, List<Dimension> dimensions) {
        for (Dimension dimension : dimensions) {
            // AWS writes these two in lower case, unlike the rest of the message.
            into.addObject().put("value", dimension.value()).put("name", dimension.name());
        }
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
