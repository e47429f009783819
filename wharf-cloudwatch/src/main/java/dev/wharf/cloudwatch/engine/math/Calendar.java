package dev.wharf.cloudwatch.engine.math;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * TIME_SERIES and the calendar functions MINUTE, HOUR, DAY, DATE, MONTH, YEAR and EPOCH: each makes a non-sparse
 * series, with a datapoint at every period of the request's range, whatever datapoints its argument has.
 *
 * <p>The calendar is UTC: DAY is the day of the week, 1 for Monday to 7 for Sunday; DATE the day of the month; EPOCH
 * the timestamp itself in seconds.
 */
final class Calendar {

    private Calendar() {}

    /** TIME_SERIES: the scalar at every period; all dropped if it is not finite. */
    static MathValue constant(double value, EvaluationScope scope) {
        long[] grid = scope.grid();
        SeriesBuilder out = new SeriesBuilder(scope, grid.length);
        for (long timestamp : grid) {
            out.add(timestamp, value);
        }
        return new MathValue.Series(out.build(""));
    }

    static MathValue of(Function function, MathValue argument, EvaluationScope scope) {
        Values.series(argument, function, 1);
        long[] grid = scope.grid();
        SeriesBuilder out = new SeriesBuilder(scope, grid.length);
        for (long timestamp : grid) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(timestamp, 0, ZoneOffset.UTC);
            double value =
                    switch (function) {
                        case MINUTE -> time.getMinute();
                        case HOUR -> time.getHour();
                        case DAY -> time.getDayOfWeek().getValue();
                        case DATE -> time.getDayOfMonth();
                        case MONTH -> time.getMonthValue();
                        case YEAR -> time.getYear();
                        case EPOCH -> (double) timestamp;
                        default -> throw new IllegalArgumentException(function + " is no calendar function");
                    };
            out.add(timestamp, value);
        }
        return new MathValue.Series(out.build(""));
    }
}
