package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.expr.Fixtures.values;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.bool;
import static dev.wharf.dynamodb.engine.value.ApiValues.l;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.nul;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error of a condition expression, with DynamoDB's exact message. */
class ConditionErrorsTest {

    static final Map<String, AttributeValue> VALUES = values(
            ":a",
            s("a"),
            ":n",
            n("1"),
            ":b",
            b("b"),
            ":t",
            bool(true),
            ":z",
            nul(true),
            ":l",
            l(),
            ":one",
            s("1"),
            ":s2",
            s("b"));

    static String error(String expression) {
        return validation(
                () -> Condition.parse(ExpressionContext.of(names("#a", "a"), VALUES), "FilterExpression", expression));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a > 4 | 4 | > 4",
                "things are not gonna be ok | are | things are not",
                "attribute_exists(Pictures-RearView) | - | Pictures-RearView",
                "attribute_exists(Pictures..RearView) | . | ..RearView",
                "a in b | b | in b",
                "a in (:a,:n,) | ) | ,)",
                "a > between | between | > between",
                "b[:a] > a | :a | [:a]",
                "ü > a | ü | ü >",
                "size(a).b > :n | . | ).b",
                "a = | <EOF> | = ",
                "a | <EOF> | a",
                "(a = :a) = :n | = | ) = :n",
                "a AND b = :a | AND | a AND b",
                "a BETWEEN :a OR :n | OR | :a OR :n",
                "contains(a = :a, b) | = | a = :a",
                "#a.b[x] = :a | x | [x]",
                "a[99999999999] = :a | 99999999999 | [99999999999]",
                "!! | ! | !!"
            })
    void syntaxErrorsNameTheTokenAndTheTextAroundIt(String expression, String token, String near) {
        assertThat(error(expression))
                .isEqualTo("Invalid FilterExpression: Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a=:a and a > ((views))",
                "(a)between(((b.c)))and(:a)",
                "a=:a AND ((a=:n AND b=:a)) AND c=:a",
                "a=:a OR ((a=:n OR b=:a)) OR c=:a",
                "((a = :a))"
            })
    void doubledParenthesesAreRedundant(String expression) {
        assertThat(error(expression)).isEqualTo("Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void functionsAreCheckedByNameAndUse() {
        assertThat(error("a=:a and whatever((:a)) > a"))
                .isEqualTo("Invalid FilterExpression: Invalid function name; function: whatever");
        assertThat(error("attRIbute_exIsts(a)"))
                .isEqualTo("Invalid FilterExpression: Invalid function name; function: attRIbute_exIsts");
        String misused = "Invalid FilterExpression: The function is not allowed to be used this way in an expression; "
                + "function: ";
        assertThat(error("attribute_exists(a) > b")).isEqualTo(misused + "attribute_exists");
        assertThat(error("size(contains(a, b)) > a")).isEqualTo(misused + "contains");
        assertThat(error("size(a)")).isEqualTo(misused + "size");
        assertThat(error("a between b and attribute_exists(c)")).isEqualTo(misused + "attribute_exists");
        assertThat(error("a in (b, begins_with(c, :a))")).isEqualTo(misused + "begins_with");
    }

    @Test
    void unquotedReservedWordsAreRefused() {
        assertThat(error("attribute_exists(views)"))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: views");
        assertThat(error(":a < abOrT"))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT");
        assertThat(error("a.status = :a"))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: status");
    }

    @Test
    void placeholdersMustBeDefined() {
        assertThat(error("#b > a"))
                .isEqualTo("Invalid FilterExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #b");
        assertThat(error("a > :nothing"))
                .isEqualTo("Invalid FilterExpression: An expression attribute value used in expression is not "
                        + "defined; attribute value: :nothing");
        assertThat(error("# > a")).isEqualTo("Invalid FilterExpression: Syntax error; token: \"#\", near: \"# >\"");
        assertThat(error("a > :")).isEqualTo("Invalid FilterExpression: Syntax error; token: \":\", near: \"> :\"");
    }

    @Test
    void functionsTakeTheirNumberOfOperands() {
        String count = "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or "
                + "function: ";
        assertThat(error("attribute_exists(a, b)")).isEqualTo(count + "attribute_exists, number of operands: 2");
        assertThat(error("attribute_not_exists(a, b)"))
                .isEqualTo(count + "attribute_not_exists, number of operands: 2");
        assertThat(error("attribute_type(a)")).isEqualTo(count + "attribute_type, number of operands: 1");
        assertThat(error("begins_with(a, b, c)")).isEqualTo(count + "begins_with, number of operands: 3");
        assertThat(error("contains(a)")).isEqualTo(count + "contains, number of operands: 1");
        assertThat(error("size(a, b) > :n")).isEqualTo(count + "size, number of operands: 2");
    }

    @Test
    void functionsTakeTheirTypesOfOperands() {
        String type = "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
                + "function: ";
        assertThat(error("attribute_type(a, :n)")).isEqualTo(type + "attribute_type, operand type: N");
        assertThat(error("attribute_type(a, b)"))
                .isEqualTo(type + "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        assertThat(error("begins_with(a, :n)")).isEqualTo(type + "begins_with, operand type: N");
        assertThat(error("begins_with(:l, a)")).isEqualTo(type + "begins_with, operand type: L");
        assertThat(error("begins_with(a, size(b))")).isEqualTo(type + "begins_with, operand type: N");
        assertThat(error("size(:t) > a")).isEqualTo(type + "size, operand type: BOOL");
        assertThat(error("size(size(a)) > :n")).isEqualTo(type + "size, operand type: N");
        assertThat(error("size(:z) > a")).isEqualTo(type + "size, operand type: NULL");
        assertThat(error("attribute_type(a, :one)"))
                .isEqualTo("Invalid FilterExpression: Invalid attribute type name found; type: 1, valid types: "
                        + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        assertThat(error("attribute_exists(:a)"))
                .isEqualTo("Invalid FilterExpression: Operator or function requires a document path; operator or "
                        + "function: attribute_exists");
        assertThat(error("attribute_not_exists(size(a))"))
                .isEqualTo("Invalid FilterExpression: Operator or function requires a document path; operator or "
                        + "function: attribute_not_exists");
    }

    @Test
    void theFirstOperandMustDifferFromTheOthers() {
        String distinct = "Invalid FilterExpression: The first operand must be distinct from the remaining operands "
                + "for this operator or function; operator: ";
        assertThat(error("a = a")).isEqualTo(distinct + "=, first operand: [a]");
        assertThat(error("#a <> a")).isEqualTo(distinct + "<>, first operand: [a]");
        assertThat(error("contains(ab.bc[1].a, ab.bc[1].#a)"))
                .isEqualTo(distinct + "contains, first operand: [ab, bc, " + "[1], a]");
        assertThat(error("begins_with(x, x)")).isEqualTo(distinct + "begins_with, first operand: [x]");
        assertThat(error("attribute_type(x, x)")).isEqualTo(distinct + "attribute_type, first operand: [x]");
    }

    @Test
    void betweenNeedsBoundsOfOneTypeInOrder() {
        assertThat(error("x BETWEEN :n AND :a"))
                .isEqualTo("Invalid FilterExpression: The BETWEEN operator requires same data type for lower and "
                        + "upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
                        + "AttributeValue: {S:a}");
        assertThat(error("x BETWEEN :s2 AND :a"))
                .isEqualTo("Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or "
                        + "equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                        + "AttributeValue: {S:a}");
        assertThat(error("x BETWEEN :b AND :l")).contains("lower bound operand: AttributeValue: {B:Yg==}");
    }

    @Test
    void problemsAreReportedInDynamoDbsOrder() {
        // Redundant parentheses before an unknown function, before a misused one, before a reserved word.
        assertThat(error("status = :a AND whatever(a) AND ((b = :a))")).endsWith("redundant parentheses;");
        assertThat(error("status = :a AND whatever(a)")).endsWith("function: whatever");
        assertThat(error("status = :nothing AND size(a)")).endsWith("function: size");
        assertThat(error("status = :nothing")).endsWith("reserved keyword: status");
        // A syntax error before everything.
        assertThat(error("status = :nothing AND")).startsWith("Invalid FilterExpression: Syntax error;");
    }

    @Test
    void anInListHoldsAtMostAHundredOperands() {
        StringBuilder list = new StringBuilder("a IN (:a");
        for (int i = 1; i < 101; i++) {
            list.append(", :a");
        }
        assertThat(error(list + ")"))
                .isEqualTo("Invalid FilterExpression: The IN operator is provided with too many operands; number of "
                        + "operands: 101");
    }

    @Test
    void expressionsAreBoundedInLengthAndNesting() {
        assertThat(error("")).isEqualTo("Invalid FilterExpression: The expression can not be empty;");
        assertThat(error("  ")).isEqualTo("Invalid FilterExpression: The expression can not be empty;");
        String long4096 = "a = :a" + " ".repeat(4090);
        assertThat(error(long4096 + " "))
                .isEqualTo("Invalid FilterExpression: Expression size has exceeded the "
                        + "maximum allowed size; expression size: 4097");
        assertThat(error("NOT ".repeat(101) + "a = :a"))
                .isEqualTo("Invalid FilterExpression: The expression nests more than 100 levels");
        assertThat(error("a" + ".b".repeat(32) + " = :a"))
                .isEqualTo("Invalid FilterExpression: The document path has too many nesting levels; nesting levels: "
                        + "33");
    }
}
