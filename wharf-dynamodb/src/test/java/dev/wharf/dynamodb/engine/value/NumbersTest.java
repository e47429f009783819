package dev.wharf.dynamodb.engine.value;

import static dev.wharf.dynamodb.engine.value.ValueAssertions.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DynamoDB's numbers: their canonical text, their range and precision, and their size. */
class NumbersTest {

    @ParameterizedTest
    @CsvSource({
        "01.50, 1.5",
        "00042, 42",
        "1.0, 1",
        "3.1400, 3.14",
        "1.5E2, 150",
        "1E+2, 100",
        "1e2, 100",
        "-0, 0",
        "0.000, 0",
        "-0.0E5, 0",
        "-12.340, -12.34",
        ".5, 0.5",
        "5., 5",
        "+7, 7",
        "1E-5, 0.00001",
        "123456789012345678901234567890123456780000, 123456789012345678901234567890123456780000"
    })
    void numbersReadBackAsDynamoDbReturnsThem(String sent, String returned) {
        assertThat(Value.N.of(sent).text()).isEqualTo(returned);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125",
                "1E-130",
                "-1E-130",
                "99999999999999999999999999999999999999",
                "0.00000000000000000000000000000000000001"
            })
    void theEdgesOfTheRangeAreAccepted(String number) {
        assertThat(Numbers.parse(number).compareTo(new BigDecimal(number))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+126", "-1E+126", "10E125", "1E999999999"})
    void aMagnitudeOverTheRangeOverflows(String number) {
        assertValidation(
                () -> Numbers.parse(number),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E-131", "-1E-131", "0.1E-130"})
    void aMagnitudeUnderTheRangeUnderflows(String number) {
        assertValidation(
                () -> Numbers.parse(number),
                "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "1.00000000000000000000000000000000000001"})
    void moreThanThirtyEightSignificantDigitsAreRefused(String number) {
        assertValidation(
                () -> Numbers.parse(number), "Attempting to store more than 38 significant digits in a Number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "1..2", "1e", "NaN", "Infinity", " 1", "0x10", "1,5"})
    void textThatIsNoNumberIsRefusedWithTheText(String text) {
        assertValidation(() -> Numbers.parse(text), "The parameter cannot be converted to a numeric value: " + text);
    }

    @org.junit.jupiter.api.Test
    void anEmptyNumberIsRefusedWithoutText() {
        assertValidation(() -> Numbers.parse(""), "The parameter cannot be converted to a numeric value");
    }

    @org.junit.jupiter.api.Test
    void resultsOfArithmeticAreCheckedToo() {
        assertThat(Numbers.checked(new BigDecimal("2.50"))).isEqualTo(new BigDecimal("2.5"));
        assertThat(Numbers.checked(new BigDecimal("-0.00"))).isSameAs(BigDecimal.ZERO);
        assertValidation(
                () -> Numbers.checked(
                        new BigDecimal("9.9999999999999999999999999999999999999E+125").add(BigDecimal.TEN.pow(125))),
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1",
        "1, 2",
        "10, 2",
        "0.1, 2",
        "99, 2",
        "100, 2",
        "123, 3",
        "1234, 3",
        "12345, 4",
        "-1, 3",
        "-123, 4",
        "1.5, 3",
        "99999999999999999999999999999999999999, 20",
        "9.9999999999999999999999999999999999999E+125, 20"
    })
    void aNumbersSizeIsOneByteOfExponentAndItsBaseHundredDigits(String number, int size) {
        assertThat(Value.N.of(number).sizeBytes()).isEqualTo(size);
    }

    @org.junit.jupiter.api.Test
    void equalNumbersAreEqualValuesWhateverTheirText() {
        assertThat(Value.N.of("100")).isEqualTo(Value.N.of("1E2")).isEqualTo(new Value.N(new BigDecimal("100.000")));
        assertThat(Value.N.of("0")).isEqualTo(Value.N.of("-0.0"));
        assertThat(Value.N.of(7).text()).isEqualTo("7");
    }
}
