package dev.wharf.dynamodb.engine.expr;

import static dev.wharf.dynamodb.engine.expr.Fixtures.item;
import static dev.wharf.dynamodb.engine.expr.Fixtures.names;
import static dev.wharf.dynamodb.engine.expr.Fixtures.validation;
import static dev.wharf.dynamodb.engine.value.ApiValues.l;
import static dev.wharf.dynamodb.engine.value.ApiValues.m;
import static dev.wharf.dynamodb.engine.value.ApiValues.n;
import static dev.wharf.dynamodb.engine.value.ApiValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.engine.value.Item;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projection expressions: the parts of an item a read returns, and their errors. */
class ProjectionTest {

    static final Item ITEM = item(
            "a", s("1"),
            "b", m(Map.of("c", n("2"), "d", l(s("x"), m(Map.of("e", s("y"), "f", s("z"))), s("w")))),
            "status", s("on"));

    static Projection parse(String expression) {
        return Projection.parse(ExpressionContext.of(names("#s", "status", "#c", "c"), null), expression);
    }

    @Test
    void topLevelAndNestedPathsAreProjected() {
        assertThat(parse("a, #s").project(ITEM)).isEqualTo(item("a", s("1"), "status", s("on")));
        assertThat(parse("b.#c").project(ITEM)).isEqualTo(item("b", m(Map.of("c", n("2")))));
        assertThat(parse("b.d[2], b.d[0]").project(ITEM)).isEqualTo(item("b", m(Map.of("d", l(s("x"), s("w"))))));
        assertThat(parse("b.d[1].f").project(ITEM)).isEqualTo(item("b", m(Map.of("d", l(m(Map.of("f", s("z"))))))));
        assertThat(parse("nothing, b.nothing, b.d[9], a.x").project(ITEM)).isEqualTo(Item.EMPTY);
        assertThat(parse(" a ,b . #c ").paths())
                .extracting(DocumentPath::toString)
                .containsExactly("[a]", "[b, c]");
        assertThat(parse("a, b.c").attributes()).containsExactly("a", "b");
    }

    @Test
    void pathsMayNotOverlapNorConflict() {
        assertThat(validation(() -> parse("a, a.b")))
                .isEqualTo("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                        + "rewrite one of these paths; path one: [a], path two: [a, b]");
        assertThat(validation(() -> parse("a, a")))
                .isEqualTo("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                        + "rewrite one of these paths; path one: [a], path two: [a]");
        assertThat(validation(() -> parse("a.b, a[0]")))
                .isEqualTo("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or "
                        + "rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
    }

    @Test
    void errorsAreDynamoDbs() {
        assertThat(validation(() -> parse("!!")))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertThat(validation(() -> parse("a,")))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertThat(validation(() -> parse("a b")))
                .isEqualTo("Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertThat(validation(() -> parse("status")))
                .isEqualTo("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
                        + "status");
        assertThat(validation(() -> parse("#a")))
                .isEqualTo("Invalid ProjectionExpression: An expression attribute name used in the document path is "
                        + "not defined; attribute name: #a");
        assertThat(validation(() -> parse("")))
                .isEqualTo("Invalid ProjectionExpression: The expression can not be empty;");
    }
}
