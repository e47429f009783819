package dev.wharf.cloudwatch.engine.math;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cloudwatch.engine.math.Node.Binary;
import dev.wharf.cloudwatch.engine.math.Node.Call;
import dev.wharf.cloudwatch.engine.math.Node.Constant;
import dev.wharf.cloudwatch.engine.math.Node.Keyword;
import dev.wharf.cloudwatch.engine.math.Node.Negate;
import dev.wharf.cloudwatch.engine.math.Node.Not;
import dev.wharf.cloudwatch.engine.math.Node.Reference;
import dev.wharf.cloudwatch.engine.math.Node.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The syntax of metric math: precedence, grouping, literals, calls and their arguments, and the syntax errors. */
class MetricMathParseTest {

    private static String parseError(String expression) {
        try {
            MetricMath.parse(expression);
        } catch (MathException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(expression + " parsed");
    }

    private static Node tree(String text) {
        return Parser.parse(text).root();
    }

    private static Node c(double value) {
        return new Constant(value);
    }

    private static Node ref(String id) {
        return new Reference(id);
    }

    private static Node bin(Operator operator, Node left, Node right) {
        return new Binary(operator, left, right);
    }

    @Test
    void multiplicationBindsTighterThanAdditionAndBothGroupToTheLeft() {
        assertThat(tree("1 + 2 * 3")).isEqualTo(bin(Operator.ADD, c(1), bin(Operator.MULTIPLY, c(2), c(3))));
        assertThat(tree("1 - 2 - 3")).isEqualTo(bin(Operator.SUBTRACT, bin(Operator.SUBTRACT, c(1), c(2)), c(3)));
        assertThat(tree("8 / 4 / 2")).isEqualTo(bin(Operator.DIVIDE, bin(Operator.DIVIDE, c(8), c(4)), c(2)));
        assertThat(tree("(1 + 2) * 3")).isEqualTo(bin(Operator.MULTIPLY, bin(Operator.ADD, c(1), c(2)), c(3)));
    }

    @Test
    void powerBindsTightestAndGroupsToTheRight() {
        assertThat(tree("2 ^ 3 ^ 2")).isEqualTo(bin(Operator.POWER, c(2), bin(Operator.POWER, c(3), c(2))));
        assertThat(tree("2 * 3 ^ 2")).isEqualTo(bin(Operator.MULTIPLY, c(2), bin(Operator.POWER, c(3), c(2))));
        assertThat(tree("-2 ^ 2")).isEqualTo(new Negate(bin(Operator.POWER, c(2), c(2))));
        assertThat(tree("2 ^ -1")).isEqualTo(bin(Operator.POWER, c(2), new Negate(c(1))));
    }

    @Test
    void unaryMinusBindsTighterThanMultiplication() {
        assertThat(tree("-5*m1")).isEqualTo(bin(Operator.MULTIPLY, new Negate(c(5)), ref("m1")));
        assertThat(tree("--m1")).isEqualTo(new Negate(new Negate(ref("m1"))));
        assertThat(tree("m1 - -m2")).isEqualTo(bin(Operator.SUBTRACT, ref("m1"), new Negate(ref("m2"))));
    }

    @Test
    void comparisonsBindLooserThanArithmeticAndLogicLooserStill() {
        assertThat(tree("m1 + 1 > m2 * 2"))
                .isEqualTo(bin(
                        Operator.GREATER, bin(Operator.ADD, ref("m1"), c(1)), bin(Operator.MULTIPLY, ref("m2"), c(2))));
        assertThat(tree("m1 > 15 AND m2 > 15 OR m3 == 0"))
                .isEqualTo(bin(
                        Operator.OR,
                        bin(
                                Operator.AND,
                                bin(Operator.GREATER, ref("m1"), c(15)),
                                bin(Operator.GREATER, ref("m2"), c(15))),
                        bin(Operator.EQUAL, ref("m3"), c(0))));
        assertThat(tree("a || b && c")).isEqualTo(bin(Operator.OR, ref("a"), bin(Operator.AND, ref("b"), ref("c"))));
    }

    @Test
    void everyComparisonOperatorIsRead() {
        assertThat(tree("a < b")).isEqualTo(bin(Operator.LESS, ref("a"), ref("b")));
        assertThat(tree("a <= b")).isEqualTo(bin(Operator.LESS_OR_EQUAL, ref("a"), ref("b")));
        assertThat(tree("a > b")).isEqualTo(bin(Operator.GREATER, ref("a"), ref("b")));
        assertThat(tree("a >= b")).isEqualTo(bin(Operator.GREATER_OR_EQUAL, ref("a"), ref("b")));
        assertThat(tree("a == b")).isEqualTo(bin(Operator.EQUAL, ref("a"), ref("b")));
        assertThat(tree("a != b")).isEqualTo(bin(Operator.NOT_EQUAL, ref("a"), ref("b")));
    }

    @Test
    void notBindsLooserThanAComparisonAndTighterThanAnd() {
        assertThat(tree("NOT m1 > 5 AND m2"))
                .isEqualTo(bin(Operator.AND, new Not(bin(Operator.GREATER, ref("m1"), c(5))), ref("m2")));
        assertThat(tree("NOT NOT m1")).isEqualTo(new Not(new Not(ref("m1"))));
    }

    @Test
    void numbersMayHaveFractionsAndExponents() {
        assertThat(tree("0.5")).isEqualTo(c(0.5));
        assertThat(tree(".25")).isEqualTo(c(0.25));
        assertThat(tree("5.")).isEqualTo(c(5));
        assertThat(tree("1e3")).isEqualTo(c(1000));
        assertThat(tree("2.5E-1")).isEqualTo(c(0.25));
    }

    @Test
    void idsStartWithALowerCaseLetterAndHoldLettersDigitsAndUnderscores() {
        assertThat(tree("errors_4xx/requestCount"))
                .isEqualTo(bin(Operator.DIVIDE, ref("errors_4xx"), ref("requestCount")));
    }

    @Test
    void callsArraysKeywordsAndStringsAreRead() {
        assertThat(tree("SUM([m1, m2])"))
                .isEqualTo(new Call(Function.SUM, List.of(new Node.Array(List.of(ref("m1"), ref("m2"))))));
        assertThat(tree("METRICS()")).isEqualTo(new Call(Function.METRICS, List.of()));
        assertThat(tree("METRICS(\"errors\")")).isEqualTo(new Call(Function.METRICS, List.of(new Text("errors"))));
        assertThat(tree("METRICS('5xx')")).isEqualTo(new Call(Function.METRICS, List.of(new Text("5xx"))));
        assertThat(tree("FILL(m1, REPEAT)"))
                .isEqualTo(new Call(Function.FILL, List.of(ref("m1"), new Keyword("REPEAT"))));
        assertThat(tree("SORT(METRICS(), AVG, DESC, 10)"))
                .isEqualTo(new Call(
                        Function.SORT,
                        List.of(
                                new Call(Function.METRICS, List.of()),
                                new Keyword("AVG"),
                                new Keyword("DESC"),
                                c(10))));
    }

    @Test
    void whitespaceOfAnyKindIsIgnored() {
        assertThat(tree(" \tm1\n+\r\nm2 ")).isEqualTo(bin(Operator.ADD, ref("m1"), ref("m2")));
    }

    @Test
    void referencesListEachIdOnceInOrderOfFirstAppearance() {
        Expression expression = MetricMath.parse("IF(e2 > 0, m1 / e2, FILL(m3, m1)) + PERIOD(m4) + m1");
        assertThat(expression.references()).containsExactly("e2", "m1", "m3", "m4");
        assertThat(MetricMath.parse("SUM(METRICS(\"errors\"))").references()).isEmpty();
        assertThat(MetricMath.parse("SORT(METRICS(), AVG, DESC)").references()).isEmpty();
        assertThat(expression.text()).isEqualTo("IF(e2 > 0, m1 / e2, FILL(m3, m1)) + PERIOD(m4) + m1");
        assertThat(expression).hasToString(expression.text());
    }

    @Test
    void syntaxErrorsNameThePositionAndWhatWasFound() {
        assertThat(parseError("m1 +")).isEqualTo("Syntax error: the expression ends too early");
        assertThat(parseError("m1 m2")).isEqualTo("Syntax error at position 4: unexpected \"m2\"");
        assertThat(parseError("(m1 + m2")).isEqualTo("Syntax error: the expression ends too early");
        assertThat(parseError("m1 + m2)")).isEqualTo("Syntax error at position 8: unexpected \")\"");
        assertThat(parseError("m1 % m2")).isEqualTo("Syntax error at position 4: unexpected \"%\"");
        assertThat(parseError("m1 = m2")).isEqualTo("Syntax error at position 4: unexpected \"=\"");
        assertThat(parseError("m1 & m2")).isEqualTo("Syntax error at position 4: unexpected \"&\"");
        assertThat(parseError("!m1")).isEqualTo("Syntax error at position 1: unexpected \"!\"");
        assertThat(parseError("[]")).isEqualTo("Syntax error at position 2: unexpected \"]\"");
        assertThat(parseError("SUM(m1,)")).isEqualTo("Syntax error at position 8: unexpected \")\"");
        assertThat(parseError("2e")).isEqualTo("Syntax error at position 2: unexpected \"e\"");
        assertThat(parseError("+m1")).isEqualTo("Syntax error at position 1: unexpected \"+\"");
        assertThat(parseError("_m1")).isEqualTo("Syntax error at position 1: unexpected \"_m1\"");
        assertThat(parseError("METRICS(\"errors)")).isEqualTo("Syntax error at position 9: the string is not closed");
    }

    @Test
    void aBareKeywordOrStringOutsideItsPlaceIsUnexpected() {
        assertThat(parseError("REPEAT + 1")).isEqualTo("Syntax error at position 1: unexpected \"REPEAT\"");
        assertThat(parseError("AVG")).isEqualTo("Syntax error at position 1: unexpected \"AVG\"");
        assertThat(parseError("m1 + \"x\"")).isEqualTo("Syntax error at position 6: unexpected string \"x\"");
        assertThat(parseError("ABS(REPEAT)")).isEqualTo("Syntax error at position 5: unexpected \"REPEAT\"");
        assertThat(parseError("ABS('x')")).isEqualTo("Syntax error at position 5: unexpected string \"x\"");
        assertThat(parseError("FILL(REPEAT, 0)")).isEqualTo("Syntax error at position 6: unexpected \"REPEAT\"");
        assertThat(parseError("SORT(METRICS(), AVG, ASC, LINEAR)"))
                .isEqualTo("Syntax error at position 27: unexpected \"LINEAR\"");
    }

    @Test
    void functionsAreKnownByTheirUpperCaseNamesOnly() {
        assertThat(parseError("SQRT(m1)")).isEqualTo("Unknown function: SQRT");
        assertThat(parseError("avg(m1)")).isEqualTo("Unknown function: avg (function names are written in upper case)");
        assertThat(parseError("Avg(m1)")).isEqualTo("Unknown function: Avg");
    }

    @Test
    void functionsThatNeedWhatWharfDoesNotKeepAreRefusedByName() {
        assertThat(parseError("SEARCH('{AWS/EC2,InstanceId} MetricName=\"CPUUtilization\"', 'Average', 300)"))
                .isEqualTo("Wharf does not support the function SEARCH");
        assertThat(parseError("ANOMALY_DETECTION_BAND(m1, 2)"))
                .isEqualTo("Wharf does not support the function ANOMALY_DETECTION_BAND");
        assertThat(parseError("INSIGHT_RULE_METRIC('rule', 'UniqueContributors')"))
                .isEqualTo("Wharf does not support the function INSIGHT_RULE_METRIC");
        assertThat(parseError("SERVICE_QUOTA(m1)")).isEqualTo("Wharf does not support the function SERVICE_QUOTA");
        assertThat(parseError("LAMBDA('fn', 'x')")).isEqualTo("Wharf does not support the function LAMBDA");
        assertThat(parseError("DB_PERF_INSIGHTS('RDS', 'db-1', 'os.cpuUtilization.user.avg')"))
                .isEqualTo("Wharf does not support the function DB_PERF_INSIGHTS");
        assertThat(parseError("SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId)"))
                .isEqualTo("Wharf does not support Metrics Insights queries");
        assertThat(parseError("select\nMAX(x) FROM y")).isEqualTo("Wharf does not support Metrics Insights queries");
    }

    @Test
    void aWrongNumberOfArgumentsIsRefusedWithTheArity() {
        assertThat(parseError("ABS(m1, m2)")).isEqualTo("The function ABS takes 1 argument, not 2");
        assertThat(parseError("ABS()")).isEqualTo("The function ABS takes 1 argument, not 0");
        assertThat(parseError("FILL(m1)")).isEqualTo("The function FILL takes 2 arguments, not 1");
        assertThat(parseError("IF(m1)")).isEqualTo("The function IF takes 2 or 3 arguments, not 1");
        assertThat(parseError("IF(m1, 1, 2, 3)")).isEqualTo("The function IF takes 2 or 3 arguments, not 4");
        assertThat(parseError("SORT(METRICS(), AVG)")).isEqualTo("The function SORT takes 3 or 4 arguments, not 2");
        assertThat(parseError("METRICS('a', 'b')")).isEqualTo("The function METRICS takes at most 1 argument, not 2");
    }

    @Test
    void keywordAndStringArgumentsAreChecked() {
        assertThat(parseError("FILL(m1, NEAREST)"))
                .isEqualTo("FILL's second argument must be a value, REPEAT or LINEAR");
        assertThat(parseError("SORT(METRICS(), STDDEV, ASC)"))
                .isEqualTo("SORT's second argument must be AVG, MIN, MAX or SUM");
        assertThat(parseError("SORT(METRICS(), m1, ASC)"))
                .isEqualTo("SORT's second argument must be AVG, MIN, MAX or SUM");
        assertThat(parseError("SORT(METRICS(), SUM, UP)")).isEqualTo("SORT's third argument must be ASC or DESC");
        assertThat(parseError("METRICS(m1)"))
                .isEqualTo("METRICS' argument must be a string, such as METRICS(\"errors\")");
        assertThat(parseError("PERIOD(m1 + 1)"))
                .isEqualTo("PERIOD's argument must be the Id of a metric, such as PERIOD(m1)");
    }

    @Test
    void emptyAndOverlongExpressionsAreRefused() {
        assertThat(parseError("")).isEqualTo("The expression is empty");
        assertThat(parseError("  \n")).isEqualTo("The expression is empty");
        String longest = "m1" + " ".repeat(MetricMath.EXPRESSION_LENGTH_MAX - 2);
        assertThat(MetricMath.parse(longest).references()).containsExactly("m1");
        assertThat(parseError(longest + " ")).isEqualTo("The expression has 2049 characters, more than 2048");
    }

    @Test
    void nestingIsBoundedAtAHundredLevels() {
        String deepest = "(".repeat(99) + "m1" + ")".repeat(99);
        assertThat(tree(deepest)).isEqualTo(ref("m1"));
        assertThat(parseError("(" + deepest + ")")).isEqualTo("The expression nests more than 100 levels deep");
        assertThat(parseError("-".repeat(100) + "m1")).isEqualTo("The expression nests more than 100 levels deep");
        assertThat(parseError("ABS(".repeat(100) + "m1" + ")".repeat(100)))
                .isEqualTo("The expression nests more than 100 levels deep");
    }
}
