package dev.wharf.cloudwatch.engine;

import dev.wharf.cloudwatch.api.CloudWatchError;
import dev.wharf.cloudwatch.api.CloudWatchLimits;
import dev.wharf.cloudwatch.api.Dimension;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks that CloudWatch makes of names, dimensions, units and values, with AWS's errors. Members are named as the
 * Query protocol names them ({@code MetricData.member.1.Value}), which is how CloudWatch's messages name them over
 * every protocol.
 */
final class MetricRules {

    /** CloudWatch's units, as the model's StandardUnit enum lists them. */
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private MetricRules() {}

    static AwsException missing(String member) {
        return CloudWatchError.MissingParameter.with("The parameter " + member + " is required.");
    }

    static AwsException invalid(String member, @Nullable Object value) {
        return CloudWatchError.InvalidParameterValue.with(
                "The value " + LogText.of(String.valueOf(value)) + " for parameter " + member + " is invalid.");
    }

    static AwsException exclusive(String first, String second) {
        return CloudWatchError.InvalidParameterCombination.with(
                "The parameters " + first + " and " + second + " are mutually exclusive and you have specified both.");
    }

    /** The AWS validation message for a member outside its constraint. */
    static AwsException constraint(String member, @Nullable Object value, String constraint) {
        return CloudWatchError.ValidationError.with("1 validation error detected: Value '"
                + LogText.of(String.valueOf(value)) + "' at '" + member + "' failed to satisfy constraint: "
                + constraint);
    }

    /** A namespace, metric name or dimension name or value: 1 to 255 characters. */
    static String name(@Nullable String value, String member) {
        if (value == null) {
            throw missing(member);
        }
        if (value.isEmpty() || value.length() > CloudWatchLimits.MAX_NAME_CHARS) {
            throw constraint(
                    member,
                    value,
                    "Member must have length "
                            + (value.isEmpty() ? "greater than or equal to 1" : "less than or equal to 255"));
        }
        return value;
    }

    /** A namespace for PutMetricData: a name that does not start with {@code AWS/} or a colon. */
    static String customNamespace(@Nullable String namespace) {
        String checked = name(namespace, "Namespace");
        if (checked.startsWith("AWS/") || checked.startsWith(":")) {
            throw invalid("Namespace", checked);
        }
        return checked;
    }

    /** A metric's dimensions: at most 30, each named once, names and values 1 to 255 characters. */
    static List<Map.Entry<String, String>> dimensions(@Nullable List<Dimension> dimensions, String member) {
        if (dimensions == null || dimensions.isEmpty()) {
            return List.of();
        }
        if (dimensions.size() > CloudWatchLimits.MAX_DIMENSIONS) {
            throw constraint(
                    member, dimensions.size() + " dimensions", "Member must have length less than or equal to 30");
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(dimensions.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dimension = dimensions.get(i);
            String at = member + ".member." + (i + 1);
            String name = name(dimension.name(), at + ".Name");
            String value = name(dimension.value(), at + ".Value");
            if (!names.add(name)) {
                throw CloudWatchError.InvalidParameterValue.with(
                        "No metric may have duplicate dimension names: " + LogText.of(name) + ".");
            }
            out.add(Map.entry(name, value));
        }
        return out;
    }

    /** A unit of the model's enum, or {@code None} when absent. */
    static String unit(@Nullable String unit, String member) {
        if (unit == null) {
            return "None";
        }
        if (!UNITS.contains(unit)) {
            throw constraint(
                    member,
                    unit,
                    "Member must satisfy enum value set: "
                            + UNITS.stream().sorted().toList());
        }
        return unit;
    }

    /** A value CloudWatch takes: finite, within -2^360..2^360. */
    static double value(@Nullable Double value, String member) {
        if (value == null) {
            throw missing(member);
        }
        if (!Double.isFinite(value) || Math.abs(value) > CloudWatchLimits.MAX_MAGNITUDE) {
            throw invalid(member, value);
        }
        return value;
    }
}
