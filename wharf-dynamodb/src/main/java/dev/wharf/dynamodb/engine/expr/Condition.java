package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Item;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * A parsed ConditionExpression or FilterExpression (or a legacy Expected, QueryFilter or ScanFilter translated to
 * one): a test of an item. Immutable and thread-safe.
 */
public final class Condition {

    /** The condition of a request that sends none: every item passes. */
    public static final Condition ALWAYS = new Condition(new Predicate.True());

    private final Predicate predicate;

    Condition(Predicate predicate) {
        this.predicate = predicate;
    }

    /**
     * Parses an expression sent as the named parameter ("ConditionExpression" or "FilterExpression", which names it
     * in DynamoDB's messages); throws DynamoDB's ValidationException for one that DynamoDB refuses.
     */
    public static Condition parse(ExpressionContext context, String parameter, String expression) {
        TokenStream in = new TokenStream(parameter, expression, context, ConditionParser.KEYWORDS);
        return new Condition(ConditionParser.parse(in));
    }

    /** True when the item satisfies the condition; an absent item is {@link Item#EMPTY}. */
    public boolean test(Item item) {
        return predicate.test(item);
    }

    /**
     * The top-level attributes that the condition reads, in order of appearance; Query uses them to refuse a filter
     * on a key attribute.
     */
    public SequencedSet<String> attributes() {
        SequencedSet<String> attributes = new LinkedHashSet<>();
        collect(predicate, attributes);
        return attributes;
    }

    Predicate predicate() {
        return predicate;
    }

    private static void collect(Predicate predicate, SequencedSet<String> attributes) {
        switch (predicate) {
            case Predicate.Comparison c -> {
                collect(c.left(), attributes);
                collect(c.right(), attributes);
            }
            case Predicate.Between b -> {
                collect(b.operand(), attributes);
                collect(b.low(), attributes);
                collect(b.high(), attributes);
            }
            case Predicate.In in -> {
                collect(in.operand(), attributes);
                in.candidates().forEach(candidate -> collect(candidate, attributes));
            }
            case Predicate.And and -> {
                collect(and.left(), attributes);
                collect(and.right(), attributes);
            }
            case Predicate.Or or -> {
                collect(or.left(), attributes);
                collect(or.right(), attributes);
            }
            case Predicate.Not not -> collect(not.operand(), attributes);
            case Predicate.Exists exists -> attributes.add(exists.path().attribute());
            case Predicate.AttributeType type -> collect(type.operand(), attributes);
            case Predicate.BeginsWith begins -> {
                collect(begins.operand(), attributes);
                collect(begins.prefix(), attributes);
            }
            case Predicate.Contains contains -> {
                collect(contains.operand(), attributes);
                collect(contains.element(), attributes);
            }
            case Predicate.True ignored -> {}
        }
    }

    private static void collect(Operand operand, SequencedSet<String> attributes) {
        if (operand instanceof Operand.Path path) {
            attributes.add(path.path().attribute());
        } else if (operand instanceof Operand.Size size) {
            collect(size.of(), attributes);
        }
    }
}
