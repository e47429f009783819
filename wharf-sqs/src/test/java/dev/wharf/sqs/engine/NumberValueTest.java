package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class NumberValueTest {

    private static NumberValue number(String text) {
        return Objects.requireNonNull(NumberValue.parse(text), text);
    }

    @Test
    void readsDecimalNumbersInEveryFormAwsAccepts() {
        assertThat(NumberValue.parse("12.5")).isEqualTo(new NumberValue(3, 1, false));
        assertThat(NumberValue.parse("-00012.500")).isEqualTo(new NumberValue(3, 1, false));
        assertThat(NumberValue.parse("+.001")).isEqualTo(new NumberValue(1, -3, true));
        assertThat(NumberValue.parse("7.")).isEqualTo(new NumberValue(1, 0, false));
        assertThat(NumberValue.parse("1E126")).isEqualTo(new NumberValue(1, 126, true));
        assertThat(NumberValue.parse("25e-3")).isEqualTo(new NumberValue(2, -2, false));
        assertThat(NumberValue.parse("0")).isEqualTo(new NumberValue(0, 0, false));
        assertThat(NumberValue.parse("-0.000e999999999999999999")).isEqualTo(new NumberValue(0, 0, false));
    }

    @Test
    void refusesTextThatIsNoNumber() {
        for (String text :
                List.of("", "+", "-", ".", "1e", "1e+", "e5", "1.2.3", "0x10", "NaN", "Infinity", "1 2", "١")) {
            assertThat(NumberValue.parse(text)).as(text).isNull();
        }
    }

    @Test
    void countsOnlySignificantDigitsTowardsThePrecision() {
        assertThat(number("1".repeat(38)).tooPrecise()).isFalse();
        assertThat(number("1".repeat(39)).tooPrecise()).isTrue();
        assertThat(number("0".repeat(500) + "1" + "0".repeat(100)).tooPrecise()).isFalse();
        assertThat(number("0." + "0".repeat(100) + "1".repeat(38)).tooPrecise()).isFalse();
        assertThat(number("1." + "0".repeat(36) + "1").tooPrecise()).isFalse();
        assertThat(number("1." + "0".repeat(37) + "1").tooPrecise()).isTrue();
    }

    @Test
    void acceptsMagnitudesFromTenToTheMinus128ToTenToThe126() {
        for (String inside :
                List.of("1e-128", "-1e-128", "9.99e125", "1e126", "-1E+126", "0e400", "10e125", "0.1e-127")) {
            assertThat(number(inside).inRange()).as(inside).isTrue();
        }
        for (String outside : List.of("1e400", "-1e400", "1.1e126", "2e126", "1e127", "9e-129", "0.1e-128", "1e-400")) {
            assertThat(number(outside).inRange()).as(outside).isFalse();
        }
        assertThat(number("1" + "0".repeat(126)).inRange()).isTrue();
        assertThat(number("1" + "0".repeat(127)).inRange()).isFalse();
        assertThat(number("1e99999999999999999999999").inRange()).isFalse();
        assertThat(number("1e-99999999999999999999999").inRange()).isFalse();
    }

    @Test
    void readsAMegabyteOfDigitsInOnePass() {
        String digits = "1".repeat(1_048_576);
        long started = System.nanoTime();

        assertThat(NumberValue.parse(digits + "x")).isNull();
        assertThat(number(digits).tooPrecise()).isTrue();

        // A regular expression with nested repetition took seconds for 40,000 digits; one pass takes milliseconds.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
