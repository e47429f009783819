package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.engine.expr.SortKeyCondition.Operator;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.SequencedSet;
import org.jspecify.annotations.Nullable;

/**
 * A parsed KeyConditionExpression (or legacy KeyConditions): at most one condition per attribute, which {@link
 * #resolve} checks against a table's or index's key schema and turns into a partition key and a sort key range.
 * Immutable and thread-safe.
 */
public final class KeyCondition {

    /** One attribute's condition: an operator with its values, or a legacy operator that no key supports. */
    record Part(@Nullable Operator operator, List<Value> values) {}

    private final SequencedMap<String, Part> parts;

    KeyCondition(SequencedMap<String, Part> parts) {
        this.parts = parts;
    }

    /** Parses a KeyConditionExpression; throws DynamoDB's ValidationException for one that DynamoDB refuses. */
    public static KeyCondition parse(ExpressionContext context, String expression) {
        TokenStream in = new TokenStream("KeyConditionExpression", expression, context, ConditionParser.KEYWORDS);
        Predicate predicate = ConditionParser.parse(in);
        SequencedMap<String, Part> parts = new LinkedHashMap<>();
        convert(predicate, parts);
        return checked(parts);
    }

    static KeyCondition checked(SequencedMap<String, Part> parts) {
        if (parts.isEmpty() || parts.size() > 2) {
            throw DynamoDbError.Validation.with("Conditions can be of length 1 or 2 only");
        }
        return new KeyCondition(parts);
    }

    /** The attributes the condition names, in order. */
    public SequencedSet<String> attributes() {
        return parts.sequencedKeySet();
    }

    /**
     * The partition key and sort key range of a table or index whose key schema is given (a null sort key for one
     * without); throws DynamoDB's ValidationException when the condition does not fit the schema.
     */
    public KeyRange resolve(
            String partitionKey, Type partitionType, @Nullable String sortKey, @Nullable Type sortType) {
        for (Part part : parts.values()) {
            if (part.operator() == null) {
                throw DynamoDbError.Validation.with("Attempted conditional constraint is not an indexable operation");
            }
        }
        if (parts.size() > (sortKey == null ? 1 : 2)) {
            throw DynamoDbError.Validation.with("Query key condition not supported");
        }
        Part partition = parts.get(partitionKey);
        if (partition == null) {
            throw DynamoDbError.Validation.with("Query condition missed key schema element: " + partitionKey);
        }
        Part sort = sortKey == null ? null : parts.get(sortKey);
        checkType(partition, partitionType);
        if (sort != null && sortType != null) {
            checkType(sort, sortType);
        }
        if (partition.operator() != Operator.EQ) {
            throw DynamoDbError.Validation.with("Query key condition not supported");
        }
        if (parts.size() == 2 && sort == null) {
            throw DynamoDbError.Validation.with("Query condition missed key schema element: " + sortKey);
        }
        Value hash = partition.values().getFirst();
        if (sort == null) {
            return new KeyRange(hash, null);
        }
        Operator operator = sort.operator();
        if (operator == Operator.BEGINS_WITH && sortType == Type.N) {
            throw DynamoDbError.Validation.with("Query key condition not supported");
        }
        return new KeyRange(
                hash,
                new SortKeyCondition(
                        operator == null ? Operator.EQ : operator,
                        sort.values().get(0),
                        operator == Operator.BETWEEN ? sort.values().get(1) : null));
    }

    private static void checkType(Part part, Type type) {
        for (Value value : part.values()) {
            if (value.type() != type) {
                throw DynamoDbError.Validation.with(
                        "One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
    }

    /** What a Query reads: one partition, and within it the sort keys that a condition, if any, admits. */
    public record KeyRange(Value partitionKey, @Nullable SortKeyCondition sortKey) {}

    private static void convert(Predicate predicate, SequencedMap<String, Part> parts) {
        switch (predicate) {
            case Predicate.And and -> {
                convert(and.left(), parts);
                convert(and.right(), parts);
            }
            case Predicate.Or ignored -> throw invalidOperator("OR");
            case Predicate.Not ignored -> throw invalidOperator("NOT");
            case Predicate.In ignored -> throw invalidOperator("IN");
            case Predicate.Exists exists ->
                throw invalidOperator(exists.exists() ? "attribute_exists" : "attribute_not_exists");
            case Predicate.AttributeType ignored -> throw invalidOperator("attribute_type");
            case Predicate.Contains ignored -> throw invalidOperator("contains");
            case Predicate.Comparison c -> {
                if (c.comparator() == Predicate.Comparator.NOT_EQUAL) {
                    throw invalidOperator("<>");
                }
                boolean keyFirst = c.left() instanceof Operand.Path;
                Predicate.Comparator comparator =
                        keyFirst ? c.comparator() : c.comparator().swapped();
                leaf(List.of(c.left(), c.right()), operator(comparator), parts);
            }
            case Predicate.Between b -> {
                if (!(b.operand() instanceof Operand.Path)) {
                    throw invalidCondition("BETWEEN operator must have the key attribute as its first operand");
                }
                leaf(List.of(b.operand(), b.low(), b.high()), Operator.BETWEEN, parts);
            }
            case Predicate.BeginsWith b -> {
                if (!(b.operand() instanceof Operand.Path)) {
                    throw invalidCondition("begins_with operator must have the key attribute as its first operand");
                }
                leaf(List.of(b.operand(), b.prefix()), Operator.BEGINS_WITH, parts);
            }
            case Predicate.True ignored -> throw new IllegalStateException("a key condition without a predicate");
        }
    }

    private static Operator operator(Predicate.Comparator comparator) {
        return switch (comparator) {
            case EQUAL -> Operator.EQ;
            case LESS -> Operator.LT;
            case LESS_OR_EQUAL -> Operator.LE;
            case GREATER -> Operator.GT;
            case GREATER_OR_EQUAL -> Operator.GE;
            case NOT_EQUAL -> throw new IllegalStateException();
        };
    }

    /** One condition's operands: exactly one top-level key attribute, and values. */
    private static void leaf(List<Operand> operands, Operator operator, SequencedMap<String, Part> parts) {
        String attribute = null;
        List<Value> values = new java.util.ArrayList<>();
        for (Operand operand : operands) {
            switch (operand) {
                case Operand.Path path -> {
                    if (attribute != null) {
                        throw invalidCondition("Multiple attribute names used in one condition");
                    }
                    if (!path.path().isTopLevel()) {
                        throw DynamoDbError.Validation.with(
                                "KeyConditionExpressions cannot have conditions on nested attributes");
                    }
                    attribute = path.path().attribute();
                }
                case Operand.Literal literal -> values.add(literal.get());
                default ->
                    throw DynamoDbError.Validation.with("KeyConditionExpressions cannot contain nested operations");
            }
        }
        if (attribute == null) {
            throw invalidCondition("No key attribute specified");
        }
        if (parts.containsKey(attribute)) {
            throw DynamoDbError.Validation.with("KeyConditionExpressions must only contain one condition per key");
        }
        parts.put(attribute, new Part(operator, values));
    }

    private static RuntimeException invalidOperator(String operator) {
        return DynamoDbError.Validation.with("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static RuntimeException invalidCondition(String message) {
        return DynamoDbError.Validation.with("Invalid condition in KeyConditionExpression: " + message);
    }
}
