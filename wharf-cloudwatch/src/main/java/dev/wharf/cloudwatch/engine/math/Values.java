package dev.wharf.cloudwatch.engine.math;

import java.util.Arrays;
import java.util.List;

/** Type checks of evaluated arguments, with the errors that name what was expected and what was given. */
final class Values {

    private Values() {}

    static String describe(MathValue value) {
        return switch (value) {
            case MathValue.Scalar scalar -> "a scalar";
            case MathValue.Series series -> "a time series";
            case MathValue.SeriesArray array -> "an array of time series";
        };
    }

    static TimeSeries series(MathValue value, Function function, int position) {
        if (value instanceof MathValue.Series series) {
            return series.series();
        }
        throw wrongType(function, position, "a time series", value);
    }

    static List<TimeSeries> array(MathValue value, Function function, int position) {
        if (value instanceof MathValue.SeriesArray array) {
            return array.series();
        }
        throw wrongType(function, position, "an array of time series", value);
    }

    static double scalar(MathValue value, Function function, int position) {
        if (value instanceof MathValue.Scalar scalar) {
            return scalar.value();
        }
        throw wrongType(function, position, "a scalar", value);
    }

    /** A scalar that must be a whole number at least {@code minimum}, as SLICE's bounds and SORT's limit are. */
    static int count(MathValue value, Function function, int position, int minimum) {
        double number = scalar(value, function, position);
        if (number != Math.rint(number) || number < minimum) {
            throw new MathException("Argument " + position + " of " + function + " must be a whole number of at least "
                    + minimum + ", not " + number);
        }
        return number > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) number;
    }

    static MathException wrongType(Function function, int position, String expected, MathValue actual) {
        return new MathException(
                "Argument " + position + " of " + function + " must be " + expected + ", not " + describe(actual));
    }

    /** An array that holds at most {@link MathLimits#SERIES_ARRAY_MAX} series. */
    static MathValue.SeriesArray bounded(List<TimeSeries> series) {
        if (series.size() > MathLimits.SERIES_ARRAY_MAX) {
            throw new MathException(
                    "An array may hold at most " + MathLimits.SERIES_ARRAY_MAX + " time series, not " + series.size());
        }
        return new MathValue.SeriesArray(series);
    }

    /** The value at {@code timestamp} in a series, if the series has one: its index, else a negative number. */
    static int indexOf(TimeSeries series, long timestamp) {
        return Arrays.binarySearch(series.timestampsSeconds(), timestamp);
    }

    /** The sorted union of two sorted timestamp arrays. */
    static long[] union(long[] left, long[] right) {
        long[] merged = new long[left.length + right.length];
        int i = 0;
        int j = 0;
        int size = 0;
        while (i < left.length || j < right.length) {
            long next;
            if (j >= right.length || (i < left.length && left[i] < right[j])) {
                next = left[i++];
            } else if (i >= left.length || right[j] < left[i]) {
                next = right[j++];
            } else {
                next = left[i++];
                j++;
            }
            merged[size++] = next;
        }
        return Arrays.copyOf(merged, size);
    }
}
