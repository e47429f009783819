package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.item;
import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.expr.Fixtures.values;
import static dev.wharf.dynamodb.engine.value.ApiValues.b;
import static dev.wharf.dynamodb.engine.value.ApiValues.bs;
import static dev.wharf.dynamodb.engine.value.ApiValues.l;
import static dev.wharf.dynamodb.engine.value.ApiValues.m;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.ns;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static dev.wharf.dynamodb.engine.value.ApiValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.engine.value.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Update expressions: SET, REMOVE, ADD and DELETE over items, and their errors at parse and at update. */
class UpdateTest {

    static final Map<String, AttributeValue> VALUES = values(
            ":one", n("1"),
            ":two", n("2"),
            ":big", n("9.9999999999999999999999999999999999999E+125"),
            ":s", s("text"),
            ":list", l(s("z")),
            ":ss", ss("b", "c"),
            ":ns", ns("3"),
            ":bs", bs("x"),
            ":b", b("b"),
            ":map", m(Map.of("k", s("v"))));

    static final Item OLD = item(
            "pk", s("key"),
            "count", n("10"),
            "name", s("old"),
            "tags", ss("a", "b"),
            "nums", ns("1", "2"),
            "bins", bs("x", "y"),
            "list", l(s("a"), s("b"), s("c"), s("d")),
            "doc", m(Map.of("inside", m(Map.of("x", n("1"))), "arr", l(n("1")))));

    static Update parse(String expression) {
        return Update.parse(ExpressionContext.of(names("#c", "count", "#n", "name", "#l", "list"), VALUES), expression);
    }

    static Item apply(String expression) {
        return parse(expression).apply(OLD).item();
    }

    static String error(String expression) {
        return validation(() -> parse(expression));
    }

    static String applyError(String expression) {
        return validation(() -> apply(expression));
    }

    @Test
    void setAssignsValuesPathsAndArithmetic() {
        Item item = apply("SET a = :s, b = #n, #c = #c + :one, d = :two - #c, e = (:one + :two)");
        assertThat(item.get("a")).isEqualTo(s2("text"));
        assertThat(item.get("b")).isEqualTo(s2("old"));
        assertThat(item.get("count")).isEqualTo(n2("11"));
        assertThat(item.get("d")).isEqualTo(n2("-8"));
        assertThat(item.get("e")).isEqualTo(n2("3"));
    }

    @Test
    void operandsAreReadFromTheItemBeforeTheUpdate() {
        Item item = apply("SET #c = :one, dup = #c");
        assertThat(item.get("count")).isEqualTo(n2("1"));
        assertThat(item.get("dup")).isEqualTo(n2("10"));
    }

    @Test
    void ifNotExistsAndListAppendCompose() {
        Item item = apply("SET a = if_not_exists(a, :one), #c = if_not_exists(#c, :two), "
                + "#l = list_append(#l, :list), front = list_append(:list, if_not_exists(nothing, :list))");
        assertThat(item.get("a")).isEqualTo(n2("1"));
        assertThat(item.get("count")).isEqualTo(n2("10"));
        assertThat(attribute(item, "list")).isEqualTo(v(l(s("a"), s("b"), s("c"), s("d"), s("z"))));
        assertThat(attribute(item, "front")).isEqualTo(v(l(s("z"), s("z"))));
        assertThat(attribute(apply("SET x = if_not_exists(#c, :one) + :one"), "x"))
                .isEqualTo(v(n("11")));
    }

    @Test
    void setReachesIntoMapsAndLists() {
        Item item = apply("SET doc.inside.y = :one, doc.arr[0] = :two, doc.arr[7] = :s, #l[1] = :s");
        assertThat(attribute(item, "doc"))
                .isEqualTo(v(m(Map.of("inside", m(Map.of("x", n("1"), "y", n("1"))), "arr", l(n("2"), s("text"))))));
        assertThat(attribute(item, "list")).isEqualTo(v(l(s("a"), s("text"), s("c"), s("d"))));
    }

    @Test
    void removeTakesOutAttributesAndElementsByTheirOriginalIndexes() {
        Item item = apply("REMOVE #n, #l[0], #l[2], doc.inside.x, nothing, doc.inside.absent, #l[9]");
        assertThat(item.has("name")).isFalse();
        assertThat(attribute(item, "list")).isEqualTo(v(l(s("b"), s("d"))));
        assertThat(attribute(item, "doc")).isEqualTo(v(m(Map.of("inside", m(Map.of()), "arr", l(n("1"))))));
        assertThat(attribute(apply("REMOVE #l[3], #l[1] SET #n = :s"), "list")).isEqualTo(v(l(s("a"), s("c"))));
    }

    @Test
    void addAddsToNumbersAndSets() {
        Item item = apply("ADD #c :two, fresh :one, tags :ss, nums :ns, bins :bs, newset :ss");
        assertThat(item.get("count")).isEqualTo(n2("12"));
        assertThat(item.get("fresh")).isEqualTo(n2("1"));
        assertThat(attribute(item, "tags")).isEqualTo(v(ss("a", "b", "c")));
        assertThat(attribute(item, "nums")).isEqualTo(v(ns("1", "2", "3")));
        assertThat(attribute(item, "bins")).isEqualTo(v(bs("x", "y")));
        assertThat(attribute(item, "newset")).isEqualTo(v(ss("b", "c")));
        assertThat(attribute(apply("ADD doc.inside.x :one"), "doc"))
                .isEqualTo(v(m(Map.of("inside", m(Map.of("x", n("2"))), "arr", l(n("1"))))));
    }

    @Test
    void deleteTakesElementsOutOfSetsAndAnEmptiedSetGoes() {
        Item item = apply("DELETE tags :ss, bins :bs, nothing :ss");
        assertThat(attribute(item, "tags")).isEqualTo(v(ss("a")));
        assertThat(attribute(item, "bins")).isEqualTo(v(bs("y")));
        assertThat(item.has("nothing")).isFalse();
        assertThat(apply("DELETE nums :ns").get("nums")).isEqualTo(OLD.get("nums"));
        Update emptying = Update.parse(
                ExpressionContext.of(null, values(":all", ns("1", "2"), ":a", ss("a", "b"))),
                "DELETE nums :all, tags :a");
        Item emptied = emptying.apply(OLD).item();
        assertThat(emptied.has("nums")).isFalse();
        assertThat(emptied.has("tags")).isFalse();
    }

    @Test
    void clausesComeInAnyOrderAndCase() {
        Item item = apply("remove #n add #c :one set a = :s delete tags :ss");
        assertThat(item.has("name")).isFalse();
        assertThat(item.get("count")).isEqualTo(n2("11"));
        assertThat(item.get("a")).isEqualTo(s2("text"));
        assertThat(attribute(item, "tags")).isEqualTo(v(ss("a")));
    }

    @Test
    void returnValuesShowTheUpdatedPaths() {
        Update.Result result =
                parse("SET doc.inside.x = :two, a = :s REMOVE #n").apply(OLD);
        assertThat(result.updatedOld())
                .isEqualTo(item("doc", m(Map.of("inside", m(Map.of("x", n("1"))))), "name", s("old")));
        assertThat(result.updatedNew())
                .isEqualTo(item("doc", m(Map.of("inside", m(Map.of("x", n("2"))))), "a", s("text")));
        assertThat(result.old()).isSameAs(OLD);
        assertThat(parse("SET a = :s REMOVE b").paths())
                .extracting(DocumentPath::toString)
                .containsExactly("[a]", "[b]");
    }

    @Test
    void keysCannotBeUpdated() {
        assertThat(validation(() -> parse("SET pk = :s").checkKeys(List.of("pk", "sk"))))
                .isEqualTo("One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
                        + "part of the key");
        assertThat(validation(() -> parse("ADD sk.x :one").checkKeys(List.of("pk", "sk"))))
                .isEqualTo("One or more parameter values were invalid: Cannot update attribute sk. This attribute is "
                        + "part of the key");
        parse("SET a = pk").checkKeys(List.of("pk"));
    }

    @Test
    void operandsMustExistAndHaveTheirTypes() {
        String missing = "The provided expression refers to an attribute that does not exist in the item";
        assertThat(applyError("SET a = nothing")).isEqualTo(missing);
        assertThat(applyError("SET a = list_append(nothing, :list)")).isEqualTo(missing);
        String type = "An operand in the update expression has an incorrect data type";
        assertThat(applyError("SET a = #n + :one")).isEqualTo(type);
        assertThat(applyError("SET a = :one - #n")).isEqualTo(type);
        assertThat(applyError("SET a = list_append(#n, :list)")).isEqualTo(type);
        assertThat(applyError("ADD #n :one")).isEqualTo(type);
        assertThat(applyError("ADD tags :ns")).isEqualTo(type);
        assertThat(applyError("ADD #c :ss")).isEqualTo(type);
        assertThat(applyError("DELETE tags :ns")).isEqualTo(type);
        assertThat(applyError("DELETE #c :ns")).isEqualTo(type);
        assertThat(applyError("SET a = :big + :big"))
                .isEqualTo("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThat(applyError("ADD #c :big"))
                .isEqualTo("Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void pathsMustLeadThroughWhatTheItemHolds() {
        String invalid = "The document path provided in the update expression is invalid for update";
        assertThat(applyError("SET nothing.a = :one")).isEqualTo(invalid);
        assertThat(applyError("SET #n.a = :one")).isEqualTo(invalid);
        assertThat(applyError("SET #n[0] = :one")).isEqualTo(invalid);
        assertThat(applyError("SET doc.absent.a = :one")).isEqualTo(invalid);
        assertThat(applyError("SET doc.arr[5].a = :one")).isEqualTo(invalid);
        assertThat(applyError("REMOVE doc[0]")).isEqualTo(invalid);
        assertThat(applyError("REMOVE #l.a")).isEqualTo(invalid);
        assertThat(applyError("REMOVE nothing.a")).isEqualTo(invalid);
        assertThat(applyError("ADD nothing.a :one")).isEqualTo(invalid);
        assertThat(applyError("DELETE nothing[0] :ss")).isEqualTo(invalid);
        assertThat(validation(() -> parse("SET a.b = :one").apply(Item.EMPTY))).isEqualTo(invalid);
    }

    @Test
    void anUpdatedItemOverFourHundredKilobytesIsRefused() {
        Update update =
                Update.parse(ExpressionContext.of(null, values(":big", s("x".repeat(409_600)))), "SET a = :big");
        assertThat(validation(() -> update.apply(Item.EMPTY)))
                .isEqualTo("Item size to update has exceeded the maximum allowed size");
    }

    @Test
    void syntaxErrorsAreDynamoDbs() {
        assertThat(error("INVALID SYNTAX HERE"))
                .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        assertThat(error("ADD hits : incr"))
                .isEqualTo("Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
        assertThat(error("SET a")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
        assertThat(error("SET")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        for (String bad : List.of(
                "set a = b + c + d",
                "set a = b * c",
                "set a[1] = 1",
                "remove a = b",
                "add a = :one",
                "delete a b",
                "set :one = a",
                "set a = (b.c).d",
                "set (a = :one)",
                "set a = :one,",
                "SET if_not_exists(a, :one) = a",
                "set a = :one remove")) {
            assertThat(error(bad)).as(bad).startsWith("Invalid UpdateExpression: Syntax error; token: ");
        }
        assertThat(error("")).isEqualTo("Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void mistakesAfterParsingAreDynamoDbs() {
        assertThat(error("set a = :one set b = :two"))
                .isEqualTo("Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
                        + "expression;");
        assertThat(error("remove a add c :one REMOVE b"))
                .isEqualTo("Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update "
                        + "expression;");
        assertThat(error("set a = if_not_exist(a, :one)"))
                .isEqualTo("Invalid UpdateExpression: Invalid function name; function: if_not_exist");
        assertThat(error("set a = :one remove Absolute"))
                .isEqualTo(
                        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute");
        assertThat(error("set #missing = :one"))
                .isEqualTo("Invalid UpdateExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #missing");
        assertThat(error("set a = :missing"))
                .isEqualTo("Invalid UpdateExpression: An expression attribute value used in expression is not "
                        + "defined; attribute value: :missing");
        assertThat(error("add a :missing"))
                .isEqualTo("Invalid UpdateExpression: An expression attribute value used in expression is not "
                        + "defined; attribute value: :missing");
        assertThat(error("set a = :one, a.b = :two"))
                .isEqualTo("Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                        + "rewrite one of these paths; path one: [a], path two: [a, b]");
        assertThat(error("set x[1].a = :one remove x[1]"))
                .isEqualTo("Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                        + "rewrite one of these paths; path one: [x, [1], a], path two: [x, [1]]");
        assertThat(error("remove a.c set a[1] = :one"))
                .isEqualTo("Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
                        + "rewrite one of these paths; path one: [a, c], path two: [a, [1]]");
    }

    @Test
    void operandsAreTypedAtParse() {
        String type = "Invalid UpdateExpression: Incorrect operand type for operator or function; ";
        assertThat(error("add a :s")).isEqualTo(type + "operator: ADD, operand type: STRING");
        assertThat(error("add a :list")).isEqualTo(type + "operator: ADD, operand type: LIST");
        assertThat(error("add a :map")).isEqualTo(type + "operator: ADD, operand type: MAP");
        assertThat(error("add a :b")).isEqualTo(type + "operator: ADD, operand type: BINARY");
        assertThat(error("delete a :one")).isEqualTo(type + "operator: DELETE, operand type: NUMBER");
        assertThat(error("set a = list_append(:s, a)"))
                .isEqualTo(type + "operator or function: list_append, operand type: S");
        assertThat(error("set a = a + :s")).isEqualTo(type + "operator or function: +, operand type: S");
        assertThat(error("set a = :ss - a")).isEqualTo(type + "operator or function: -, operand type: SS");
        assertThat(error("set a = if_not_exists(a)"))
                .isEqualTo("Invalid UpdateExpression: Incorrect number of operands for operator or function; operator "
                        + "or function: if_not_exists, number of operands: 1");
        assertThat(error("set a = list_append(a, b, c)"))
                .isEqualTo("Invalid UpdateExpression: Incorrect number of operands for operator or function; operator "
                        + "or function: list_append, number of operands: 3");
        assertThat(error("set a = if_not_exists(:one, a)"))
                .isEqualTo("Invalid UpdateExpression: Operator or function requires a document path; operator or "
                        + "function: if_not_exists");
    }

    private static dev.wharf.dynamodb.engine.value.Value attribute(Item item, String name) {
        return java.util.Objects.requireNonNull(item.get(name));
    }

    private static dev.wharf.dynamodb.engine.value.Value v(AttributeValue value) {
        return dev.wharf.dynamodb.engine.value.AttributeValues.fromApi(value);
    }

    private static dev.wharf.dynamodb.engine.value.Value s2(String text) {
        return new dev.wharf.dynamodb.engine.value.Value.S(text);
    }

    private static dev.wharf.dynamodb.engine.value.Value n2(String text) {
        return dev.wharf.dynamodb.engine.value.Value.N.of(text);
    }
}
