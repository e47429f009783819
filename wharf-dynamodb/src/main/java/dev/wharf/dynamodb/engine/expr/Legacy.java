package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.AttributeValueUpdate;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ExpectedAttributeValue;
import dev.wharf.dynamodb.engine.expr.Predicate.Comparator;
import dev.wharf.dynamodb.engine.expr.SortKeyCondition.Operator;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import dev.wharf.dynamodb.engine.value.Values;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * DynamoDB's legacy parameters, checked with DynamoDB's messages and translated onto the expression evaluators:
 * Expected and ConditionalOperator to a {@link Condition}, QueryFilter and ScanFilter likewise, AttributeUpdates to
 * an {@link Update}, AttributesToGet to a {@link Projection} and KeyConditions to a {@link KeyCondition}.
 */
public final class Legacy {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private static final Set<Type> SCALARS = EnumSet.of(Type.S, Type.N, Type.B);
    private static final Set<Type> SCALARS_AND_SETS = EnumSet.of(Type.S, Type.N, Type.B, Type.SS, Type.NS, Type.BS);

    private Legacy() {}

    /** The ComparisonOperators, with the number of values each takes (-1: one or more) and the types it accepts. */
    private enum ComparisonOperator {
        EQ(1, SCALARS_AND_SETS),
        NE(1, SCALARS_AND_SETS),
        LE(1, SCALARS),
        LT(1, SCALARS),
        GE(1, SCALARS),
        GT(1, SCALARS),
        NOT_NULL(0, Set.of()),
        NULL(0, Set.of()),
        CONTAINS(1, SCALARS),
        NOT_CONTAINS(1, SCALARS),
        BEGINS_WITH(1, EnumSet.of(Type.S, Type.B)),
        IN(-1, SCALARS),
        BETWEEN(2, SCALARS);

        private final int values;
        private final Set<Type> types;

        ComparisonOperator(int values, Set<Type> types) {
            this.values = values;
            this.types = types;
        }

        boolean takes(int count) {
            return values < 0 ? count > 0 : count == values;
        }
    }

    /**
     * The condition of an Expected map and its ConditionalOperator (AND when null); throws DynamoDB's
     * ValidationException for an entry that DynamoDB refuses.
     */
    public static Condition expected(
            Map<String, ExpectedAttributeValue> expected, @Nullable String conditionalOperator) {
        List<Predicate> predicates = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttributeValue> entry : expected.entrySet()) {
            predicates.add(expected(entry.getKey(), entry.getValue()));
        }
        return new Condition(combine(predicates, conditionalOperator));
    }

    private static Predicate expected(String attribute, ExpectedAttributeValue expected) {
        AttributeValue value = expected.value();
        List<AttributeValue> list = expected.attributeValueList();
        String operator = expected.comparisonOperator();
        if (list != null && value != null) {
            throw invalid("Value and AttributeValueList cannot be used together for Attribute: " + attribute);
        }
        if (operator != null) {
            if (expected.exists() != null) {
                throw invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + attribute);
            }
            if (!operator.equals("NULL") && !operator.equals("NOT_NULL") && list == null && value == null) {
                throw invalid("Value or AttributeValueList must be used with ComparisonOperator: " + operator
                        + " for Attribute: " + attribute);
            }
            List<AttributeValue> values = list != null ? list : value != null ? List.of(value) : List.of();
            return comparison(attribute, operator, values);
        }
        if (list != null) {
            throw invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attribute);
        }
        Boolean exists = expected.exists();
        boolean mustExist = exists == null || exists;
        if (mustExist && value == null) {
            throw invalid("Value must be provided when Exists is " + (exists == null ? "null" : "true")
                    + " for Attribute: " + attribute);
        }
        if (!mustExist && value != null) {
            throw invalid("Value cannot be used when Exists is false for Attribute: " + attribute);
        }
        DocumentPath path = DocumentPath.of(attribute);
        if (value == null) {
            return new Predicate.Exists(path, false);
        }
        return new Predicate.Comparison(
                Comparator.EQUAL, new Operand.Path(path), literal(AttributeValues.fromApi(value)));
    }

    /**
     * The condition of a QueryFilter or ScanFilter and its ConditionalOperator (AND when null); throws DynamoDB's
     * ValidationException for an entry that DynamoDB refuses.
     */
    public static Condition filter(
            Map<String, dev.wharf.dynamodb.api.Condition> filter, @Nullable String conditionalOperator) {
        List<Predicate> predicates = new ArrayList<>();
        for (Map.Entry<String, dev.wharf.dynamodb.api.Condition> entry : filter.entrySet()) {
            dev.wharf.dynamodb.api.Condition condition = entry.getValue();
            List<AttributeValue> values = condition.attributeValueList();
            predicates.add(
                    comparison(entry.getKey(), condition.comparisonOperator(), values == null ? List.of() : values));
        }
        return new Condition(combine(predicates, conditionalOperator));
    }

    private static Predicate combine(List<Predicate> predicates, @Nullable String conditionalOperator) {
        boolean or = "OR".equals(conditionalOperator);
        Predicate combined = null;
        for (Predicate predicate : predicates) {
            combined = combined == null
                    ? predicate
                    : or ? new Predicate.Or(combined, predicate) : new Predicate.And(combined, predicate);
        }
        return combined == null ? new Predicate.True() : combined;
    }

    /** One attribute's ComparisonOperator and AttributeValueList, checked, as a predicate. */
    private static Predicate comparison(String attribute, @Nullable String operatorName, List<AttributeValue> list) {
        List<Value> values = checkedValues(operatorName, list);
        ComparisonOperator operator = operator(operatorName);
        Operand.Path path = new Operand.Path(DocumentPath.of(attribute));
        return switch (operator) {
            case EQ -> compare(Comparator.EQUAL, path, values);
            case NE -> compare(Comparator.NOT_EQUAL, path, values);
            case LE -> compare(Comparator.LESS_OR_EQUAL, path, values);
            case LT -> compare(Comparator.LESS, path, values);
            case GE -> compare(Comparator.GREATER_OR_EQUAL, path, values);
            case GT -> compare(Comparator.GREATER, path, values);
            case NOT_NULL -> new Predicate.Exists(path.path(), true);
            case NULL -> new Predicate.Exists(path.path(), false);
            case CONTAINS -> new Predicate.Contains(path, literal(values.getFirst()));
            case NOT_CONTAINS -> new Predicate.Not(new Predicate.Contains(path, literal(values.getFirst())));
            case BEGINS_WITH -> new Predicate.BeginsWith(path, literal(values.getFirst()));
            case IN -> {
                List<Operand> candidates = new ArrayList<>();
                values.forEach(value -> candidates.add(literal(value)));
                yield new Predicate.In(path, candidates);
            }
            case BETWEEN -> new Predicate.Between(path, literal(values.get(0)), literal(values.get(1)));
        };
    }

    /**
     * The values of a ComparisonOperator, checked as DynamoDB checks a Condition: each value valid, as many as the
     * operator takes, of one type, of a type the operator accepts, and BETWEEN's bounds in order.
     */
    private static List<Value> checkedValues(@Nullable String operatorName, List<AttributeValue> list) {
        List<Value> values = new ArrayList<>(list.size());
        for (AttributeValue value : list) {
            values.add(AttributeValues.fromApi(value));
        }
        ComparisonOperator operator = operator(operatorName);
        if (!operator.takes(values.size())) {
            throw invalid("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
        for (Value value : values) {
            if (value.type() != values.getFirst().type()) {
                throw invalid("AttributeValues inside AttributeValueList must be of same type");
            }
        }
        for (Value value : values) {
            if (!operator.types.contains(value.type())) {
                throw invalid("ComparisonOperator " + operator + " is not valid for " + value.type()
                        + " AttributeValue type");
            }
        }
        if (operator == ComparisonOperator.BETWEEN && Values.compare(values.get(0), values.get(1)) > 0) {
            throw DynamoDbError.Validation.with(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
        return values;
    }

    private static ComparisonOperator operator(@Nullable String name) {
        if (name == null) {
            return ComparisonOperator.EQ;
        }
        try {
            return ComparisonOperator.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw DynamoDbError.Validation.with("1 validation error detected: Value '" + name + "' at "
                    + "'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        }
    }

    private static Predicate compare(Comparator comparator, Operand.Path path, List<Value> values) {
        return new Predicate.Comparison(comparator, path, literal(values.getFirst()));
    }

    private static Operand literal(Value value) {
        return new Operand.Literal(value, "");
    }

    /**
     * The key condition of a KeyConditions map; throws DynamoDB's ValidationException for an entry that DynamoDB
     * refuses. Operators that no key supports are kept, for {@link KeyCondition#resolve} to refuse.
     */
    public static KeyCondition keyConditions(Map<String, dev.wharf.dynamodb.api.Condition> keyConditions) {
        SequencedMap<String, KeyCondition.Part> parts = new LinkedHashMap<>();
        for (Map.Entry<String, dev.wharf.dynamodb.api.Condition> entry : keyConditions.entrySet()) {
            dev.wharf.dynamodb.api.Condition condition = entry.getValue();
            List<AttributeValue> list = condition.attributeValueList();
            String name = condition.comparisonOperator();
            List<Value> values = checkedValues(name, list == null ? List.of() : list);
            Operator operator =
                    switch (operator(name)) {
                        case EQ -> Operator.EQ;
                        case LT -> Operator.LT;
                        case LE -> Operator.LE;
                        case GT -> Operator.GT;
                        case GE -> Operator.GE;
                        case BETWEEN -> Operator.BETWEEN;
                        case BEGINS_WITH -> Operator.BEGINS_WITH;
                        default -> null;
                    };
            parts.put(entry.getKey(), new KeyCondition.Part(operator, values));
        }
        return KeyCondition.checked(parts);
    }

    /**
     * The update of an AttributeUpdates map: PUT (the default) sets, ADD adds to a number or set or appends to a
     * list, DELETE with a set takes its elements out and without a value removes the attribute. Throws DynamoDB's
     * ValidationException for an entry that DynamoDB refuses.
     */
    public static Update attributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<Action> actions = new ArrayList<>();
        for (Map.Entry<String, AttributeValueUpdate> entry : updates.entrySet()) {
            DocumentPath path = DocumentPath.of(entry.getKey());
            AttributeValueUpdate update = entry.getValue();
            Value value = update.value() == null ? null : AttributeValues.fromApi(update.value());
            String action = update.action() == null ? "PUT" : update.action();
            if (value == null) {
                if (!action.equals("DELETE")) {
                    throw invalid("Only DELETE action is allowed when no attribute value is specified");
                }
                actions.add(new Action.Remove(path));
                continue;
            }
            switch (action) {
                case "DELETE" -> {
                    if (!value.type().isSet()) {
                        throw invalid("DELETE action with value is not supported for the type " + value.type());
                    }
                    actions.add(new Action.Delete(path, value, true));
                }
                case "ADD" -> {
                    if (value.type() != Type.N
                            && value.type() != Type.L
                            && !value.type().isSet()) {
                        throw invalid("ADD action is not supported for the type " + value.type());
                    }
                    actions.add(new Action.Add(path, value, true));
                }
                default -> actions.add(new Action.Set(path, literal(value)));
            }
        }
        return new Update(actions);
    }

    /**
     * The projection of an AttributesToGet list; throws DynamoDB's ValidationException for a name given twice.
     */
    public static Projection attributesToGet(List<String> attributes) {
        Set<String> seen = new HashSet<>();
        List<DocumentPath> paths = new ArrayList<>();
        for (String attribute : attributes) {
            if (!seen.add(attribute)) {
                throw invalid("Duplicate value in attribute name: " + attribute);
            }
            paths.add(DocumentPath.of(attribute));
        }
        return Projection.of(paths);
    }

    private static RuntimeException invalid(String message) {
        return DynamoDbError.Validation.with(INVALID + message);
    }
}
