package dev.wharf.cloudwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LabelValuesTest {

    @Test
    void numbersHaveFifteenSignificantDigitsAndNoTrailingZeros() {
        assertThat(LabelValues.number(42)).isEqualTo("42");
        assertThat(LabelValues.number(-3.5)).isEqualTo("-3.5");
        assertThat(LabelValues.number(-0.0)).isEqualTo("0");
        assertThat(LabelValues.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(LabelValues.number(1.0 / 3)).isEqualTo("0.333333333333333");
        assertThat(LabelValues.number(123_456_789_012_345_678.0)).isEqualTo("123456789012346000");
    }

    @Test
    void numbersBeyondJavaScriptsPlainRangeUseAnExponent() {
        assertThat(LabelValues.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(LabelValues.number(1e21)).isEqualTo("1e+21");
        assertThat(LabelValues.number(-1.5e100)).isEqualTo("-1.5e+100");
        assertThat(LabelValues.number(1e-7)).isEqualTo("0.0000001");
        assertThat(LabelValues.number(2.5e-8)).isEqualTo("2.5e-8");
        assertThat(LabelValues.number(Math.pow(2, 360))).isEqualTo("2.34854258277383e+108");
    }

    @Test
    void spansAreDaysHoursMinutesAndSecondsWithoutTheZeroOnes() {
        assertThat(LabelValues.span(0)).isEqualTo("0s");
        assertThat(LabelValues.span(45)).isEqualTo("45s");
        assertThat(LabelValues.span(-3_900)).isEqualTo("1h 5m");
        assertThat(LabelValues.span(2 * 86_400 + 3 * 3_600 + 4 * 60 + 5)).isEqualTo("2d 3h 4m 5s");
        assertThat(LabelValues.span(86_400)).isEqualTo("1d");
    }

    @Test
    void theEarliestOfEqualExtremesIsTheirTime() {
        LabelValues values =
                new LabelValues(new long[] {0, 60, 120, 180}, new double[] {5, 1, 5, 1}, ZoneOffset.UTC, 600);
        assertThat(values.value("MAX_TIME")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(values.value("MIN_TIME")).isEqualTo("1970-01-01T00:01:00Z");
        assertThat(values.value("MIN_MAX_TIME_RANGE")).isEqualTo("1m");
        assertThat(values.value("FIRST_LAST_RANGE")).isEqualTo("-4");
        assertThat(values.value("NOT_A_TOKEN")).isNull();
    }
}
