package dev.wharf.cloudwatch.engine;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A statistic that CloudWatch computes over an aggregate: the five basic ones, and the extended ones, written as AWS
 * writes them ({@code p99}, {@code p99.9}, {@code tm90}, {@code TM(10%:90%)}, {@code TM(150:1000)}, {@code wm},
 * {@code tc}, {@code ts}, {@code PR(:300)}, {@code IQM}).
 *
 * <p>The extended statistics read the distribution: a percentile is the smallest value at or below which at least that
 * share of the samples lie (nearest rank). A range in percent keeps the samples whose rank lies inside it, counting a
 * value with several samples in part when the range cuts through it; a range of values keeps the values above its lower
 * and at most its upper bound. A statistic that the aggregate cannot give (a percentile of a statistic set) is NaN.
 */
sealed interface Statistic {

    /** SampleCount, Average, Sum, Minimum, Maximum. */
    enum Basic implements Statistic {
        SampleCount,
        Average,
        Sum,
        Minimum,
        Maximum;

        @Override
        public double of(Aggregate aggregate) {
            return switch (this) {
                case SampleCount -> aggregate.sampleCount();
                case Average -> aggregate.average();
                case Sum -> aggregate.sum();
                case Minimum -> aggregate.minimum();
                case Maximum -> aggregate.maximum();
            };
        }
    }

    /** The value of this statistic over an aggregate, or NaN when the aggregate cannot give it. */
    double of(Aggregate aggregate);

    /** {@code pNN.NN}. */
    record Percentile(double percent) implements Statistic {
        @Override
        public double of(Aggregate aggregate) {
            Map<Double, Double> values = distribution(aggregate);
            if (values == null) {
                return Double.NaN;
            }
            double rank = percent / 100 * aggregate.sampleCount();
            double seen = 0;
            for (Map.Entry<Double, Double> entry : values.entrySet()) {
                seen += entry.getValue();
                if (seen >= rank - 1e-9) {
                    return entry.getKey();
                }
            }
            return aggregate.maximum();
        }
    }

    /** What a trimmed statistic answers over the samples its range keeps. */
    enum Trim {
        /** TM: their mean. */
        MEAN,
        /** WM: the mean of all samples, those outside the range counted at its bounds. */
        WINSORIZED_MEAN,
        /** TC: their number. */
        COUNT,
        /** TS: their sum. */
        SUM
    }

    /**
     * TM, WM, TC and TS over a range of ranks in percent ({@code inPercent}) or of values; a missing bound is open.
     */
    record Trimmed(Trim trim, double lower, double upper, boolean inPercent) implements Statistic {
        @Override
        public double of(Aggregate aggregate) {
            Map<Double, Double> values = distribution(aggregate);
            if (values == null) {
                return Double.NaN;
            }
            double total = aggregate.sampleCount();
            double count = 0;
            double sum = 0;
            double below = 0;
            double above = 0;
            double seen = 0;
            double lowestKept = Double.NaN;
            double highestKept = Double.NaN;
            for (Map.Entry<Double, Double> entry : values.entrySet()) {
                double value = entry.getKey();
                double weight = entry.getValue();
                double kept;
                if (inPercent) {
                    double from = Math.max(seen, lower / 100 * total);
                    double to = Math.min(seen + weight, upper / 100 * total);
                    kept = Math.max(0, to - from);
                } else {
                    kept = value > lower && value <= upper ? weight : 0;
                }
                if (kept < weight) {
                    if (inPercent ? seen < lower / 100 * total : value <= lower) {
                        below += weight - kept;
                    } else {
                        above += weight - kept;
                    }
                }
                if (kept > 0) {
                    lowestKept = Double.isNaN(lowestKept) ? value : lowestKept;
                    highestKept = value;
                }
                count += kept;
                sum += kept * value;
                seen += weight;
            }
            return switch (trim) {
                case MEAN -> count == 0 ? Double.NaN : sum / count;
                case COUNT -> count;
                case SUM -> sum;
                // The samples outside the range count as the nearest kept value, as winsorizing does.
                case WINSORIZED_MEAN ->
                    count == 0
                            ? Double.NaN
                            : (sum + below * lowestKept + above * highestKept) / aggregate.sampleCount();
            };
        }
    }

    /** PR(X:Y): the share, in percent, of the samples whose value is above X and at most Y. */
    record PercentileRank(double lower, double upper) implements Statistic {
        @Override
        public double of(Aggregate aggregate) {
            Map<Double, Double> values = distribution(aggregate);
            if (values == null || aggregate.sampleCount() == 0) {
                return Double.NaN;
            }
            double kept = 0;
            for (Map.Entry<Double, Double> entry : values.entrySet()) {
                if (entry.getKey() > lower && entry.getKey() <= upper) {
                    kept += entry.getValue();
                }
            }
            return kept / aggregate.sampleCount() * 100;
        }
    }

    private static @Nullable Map<Double, Double> distribution(Aggregate aggregate) {
        return aggregate.distribution() == Aggregate.Distribution.NONE || aggregate.isEmpty()
                ? null
                : aggregate.values();
    }

    Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,10})?)");
    Pattern SHORT_TRIM = Pattern.compile("(tm|wm|tc|ts)(\\d{1,3}(?:\\.\\d{1,10})?)");
    Pattern RANGE = Pattern.compile("(TM|WM|TC|TS|PR)\\(([^:()]*):([^:()]*)\\)", Pattern.CASE_INSENSITIVE);

    /** A basic statistic by its name, or null. */
    static @Nullable Basic basic(String name) {
        for (Basic basic : Basic.values()) {
            if (basic.name().equals(name)) {
                return basic;
            }
        }
        return null;
    }

    /** An extended statistic as AWS writes one, or null when the text is not one. */
    static @Nullable Statistic extended(String text) {
        Matcher percentile = PERCENTILE.matcher(text);
        if (percentile.matches()) {
            double percent = Double.parseDouble(percentile.group(1));
            return percent > 0 && percent <= 100 ? new Percentile(percent) : null;
        }
        Matcher shortTrim = SHORT_TRIM.matcher(text);
        if (shortTrim.matches()) {
            double percent = Double.parseDouble(shortTrim.group(2));
            return percent > 0 && percent <= 100 ? new Trimmed(trim(shortTrim.group(1)), 0, percent, true) : null;
        }
        if (text.equalsIgnoreCase("IQM")) {
            return new Trimmed(Trim.MEAN, 25, 75, true);
        }
        Matcher range = RANGE.matcher(text);
        return range.matches()
                ? range(range.group(1), range.group(2).trim(), range.group(3).trim())
                : null;
    }

    private static @Nullable Statistic range(String function, String from, String to) {
        boolean fromPercent = from.endsWith("%");
        boolean toPercent = to.endsWith("%");
        boolean inPercent = fromPercent || toPercent;
        if ((!from.isEmpty() && fromPercent != inPercent) || (!to.isEmpty() && toPercent != inPercent)) {
            return null;
        }
        Double lower = bound(from, inPercent ? 0 : Double.NEGATIVE_INFINITY);
        Double upper = bound(to, inPercent ? 100 : Double.POSITIVE_INFINITY);
        if (lower == null || upper == null || lower >= upper || (inPercent && (lower < 0 || upper > 100))) {
            return null;
        }
        if (function.equalsIgnoreCase("PR")) {
            return inPercent ? null : new PercentileRank(lower, upper);
        }
        return new Trimmed(trim(function), lower, upper, inPercent);
    }

    private static @Nullable Double bound(String text, double open) {
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        if (number.isEmpty()) {
            return open;
        }
        try {
            double value = Double.parseDouble(number);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Trim trim(String function) {
        return switch (function.toLowerCase(Locale.ROOT)) {
            case "wm" -> Trim.WINSORIZED_MEAN;
            case "tc" -> Trim.COUNT;
            case "ts" -> Trim.SUM;
            default -> Trim.MEAN;
        };
    }
}
