package dev.wharf.cloudwatch.engine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The statistical and time values of one result's datapoints that a dynamic label may show, written as Wharf writes
 * them (AWS documents no format): numbers to 15 significant digits, times as ISO 8601 in the request's time zone,
 * time spans in days, hours, minutes and seconds.
 */
final class LabelValues {

    /** The values of the user guide's table that come from the datapoints. */
    enum Token {
        AVG,
        DATAPOINT_COUNT,
        FIRST,
        FIRST_LAST_RANGE,
        FIRST_LAST_TIME_RANGE,
        FIRST_TIME,
        FIRST_TIME_RELATIVE,
        LAST,
        LAST_TIME,
        LAST_TIME_RELATIVE,
        MAX,
        MAX_TIME,
        MAX_TIME_RELATIVE,
        MIN,
        MIN_MAX_RANGE,
        MIN_MAX_TIME_RANGE,
        MIN_TIME,
        MIN_TIME_RELATIVE,
        SUM
    }

    private static final Map<String, Token> TOKENS = byName();

    /** 15 digits: what a double always holds exactly, so that sums read {@code 0.3}, not {@code 0.30000000000000004}. */
    private static final MathContext DIGITS = new MathContext(15);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final long[] timestampsSeconds;
    private final double[] values;
    private final ZoneOffset zone;
    private final long nowSeconds;
    private boolean summarised;
    private double sum;
    private int min;
    private int max;

    /** Over datapoints in ascending time, as a result holds them; {@code now} for the relative times. */
    LabelValues(long[] timestampsSeconds, double[] values, ZoneOffset zone, long nowSeconds) {
        this.timestampsSeconds = timestampsSeconds;
        this.values = values;
        this.zone = zone;
        this.nowSeconds = nowSeconds;
    }

    /**
     * The text of the token named so, or null if no token has that name. Without datapoints, {@code DATAPOINT_COUNT}
     * is 0 and every other value is empty.
     */
    @Nullable
    String value(String name) {
        Token token = TOKENS.get(name);
        if (token == null) {
            return null;
        }
        if (token == Token.DATAPOINT_COUNT) {
            return Integer.toString(values.length);
        }
        if (values.length == 0) {
            return "";
        }
        int last = values.length - 1;
        summarise();
        return switch (token) {
            case DATAPOINT_COUNT -> Integer.toString(values.length);
            case SUM -> number(sum);
            case AVG -> number(sum / values.length);
            case MIN -> number(values[min]);
            case MAX -> number(values[max]);
            case FIRST -> number(values[0]);
            case LAST -> number(values[last]);
            case FIRST_LAST_RANGE -> number(values[last] - values[0]);
            case MIN_MAX_RANGE -> number(values[max] - values[min]);
            case FIRST_TIME -> time(timestampsSeconds[0]);
            case LAST_TIME -> time(timestampsSeconds[last]);
            case MIN_TIME -> time(timestampsSeconds[min]);
            case MAX_TIME -> time(timestampsSeconds[max]);
            case FIRST_TIME_RELATIVE -> span(nowSeconds - timestampsSeconds[0]);
            case LAST_TIME_RELATIVE -> span(nowSeconds - timestampsSeconds[last]);
            case MIN_TIME_RELATIVE -> span(nowSeconds - timestampsSeconds[min]);
            case MAX_TIME_RELATIVE -> span(nowSeconds - timestampsSeconds[max]);
            case FIRST_LAST_TIME_RANGE -> span(timestampsSeconds[last] - timestampsSeconds[0]);
            case MIN_MAX_TIME_RANGE -> span(timestampsSeconds[max] - timestampsSeconds[min]);
        };
    }

    private static Map<String, Token> byName() {
        Map<String, Token> tokens = new HashMap<>();
        for (Token token : Token.values()) {
            tokens.put(token.name(), token);
        }
        return Map.copyOf(tokens);
    }

    /** The sum and the extremes, the earliest datapoint of a value that several have. */
    private void summarise() {
        if (summarised) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (values[i] < values[min]) {
                min = i;
            }
            if (values[i] > values[max]) {
                max = i;
            }
        }
        summarised = true;
    }

    /**
     * A number to 15 significant digits without trailing zeros, in plain notation from 1e-7 up to 1e21 and in
     * exponent notation ({@code 1.5e+21}, {@code 2e-8}) beyond, as JavaScript writes numbers: {@code 42}, {@code 0.25},
     * {@code -3.5}.
     */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(rounded.doubleValue());
        if (magnitude >= 1e-7 && magnitude < 1e21) {
            return rounded.toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        return (rounded.signum() < 0 ? "-" : "")
                + digits.charAt(0)
                + (digits.length() > 1 ? "." + digits.substring(1) : "")
                + "e"
                + (exponent < 0 ? "-" : "+")
                + Math.abs(exponent);
    }

    /** A timestamp in the label's time zone, such as {@code 2026-12-01T10:00:00Z} or {@code 2026-12-01T11:30:00+01:30}. */
    private String time(long epochSeconds) {
        return TIME.format(Instant.ofEpochSecond(epochSeconds).atOffset(zone));
    }

    /** A time span, its sign dropped, such as {@code 0s}, {@code 45s}, {@code 1h 5m} or {@code 2d 3h 4m 5s}. */
    static String span(long seconds) {
        long left = Math.abs(seconds);
        if (left == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            long count = left / units[i];
            left %= units[i];
            if (count > 0) {
                out.append(out.isEmpty() ? "" : " ").append(count).append(names[i]);
            }
        }
        return out.toString();
    }
}
