package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.api.DynamoDbError;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request's expression and legacy parameters, and DynamoDB's rules for them: never both kinds in one request,
 * ExpressionAttributeNames only with an expression, ExpressionAttributeValues only with one that reads values.
 *
 * <p>A request lists its operation's parameters in DynamoDB's order, which its messages keep: GetItem
 * ProjectionExpression / AttributesToGet; PutItem and DeleteItem ConditionExpression / Expected; UpdateItem
 * UpdateExpression, ConditionExpression / AttributeUpdates, Expected; Query ProjectionExpression, FilterExpression,
 * KeyConditionExpression / AttributesToGet, QueryFilter, KeyConditions; Scan ProjectionExpression, FilterExpression /
 * AttributesToGet, ScanFilter. For example:
 *
 * <pre>
 * ExpressionParameters.of()
 *         .expression("UpdateExpression", request.updateExpression())
 *         .expression("ConditionExpression", request.conditionExpression())
 *         .nonExpression("AttributeUpdates", request.attributeUpdates())
 *         .nonExpression("Expected", request.expected())
 *         .check(request.expressionAttributeNames(), request.expressionAttributeValues());
 * </pre>
 */
public final class ExpressionParameters {

    private record Parameter(String name, boolean sent) {}

    private final List<Parameter> expressions = new ArrayList<>();
    private final List<Parameter> nonExpressions = new ArrayList<>();

    private ExpressionParameters() {}

    public static ExpressionParameters of() {
        return new ExpressionParameters();
    }

    /** An expression parameter of the operation, and what the request sent for it (null: nothing). */
    public ExpressionParameters expression(String name, @Nullable Object sent) {
        expressions.add(new Parameter(name, sent != null));
        return this;
    }

    /** A legacy parameter of the operation, and what the request sent for it (null: nothing). */
    public ExpressionParameters nonExpression(String name, @Nullable Object sent) {
        nonExpressions.add(new Parameter(name, sent != null));
        return this;
    }

    /** Throws DynamoDB's ValidationException when the request breaks one of the rules. */
    public void check(@Nullable Object expressionAttributeNames, @Nullable Object expressionAttributeValues) {
        List<String> sentExpressions = sent(expressions);
        if (!sentExpressions.isEmpty()) {
            // DynamoDB lets a Query pair legacy KeyConditions with a FilterExpression, not with a
            // KeyConditionExpression.
            boolean keyExpression = sentExpressions.contains("KeyConditionExpression");
            List<String> sentLegacy = new ArrayList<>();
            for (String name : sent(nonExpressions)) {
                if (keyExpression || !name.equals("KeyConditions")) {
                    sentLegacy.add(name);
                }
            }
            if (!sentLegacy.isEmpty()) {
                throw DynamoDbError.Validation.with("Can not use both expression and non-expression parameters in the "
                        + "same request: Non-expression parameters: {" + String.join(", ", sentLegacy)
                        + "} Expression parameters: {" + String.join(", ", sentExpressions) + "}");
            }
        }
        if (expressionAttributeNames != null && sentExpressions.isEmpty()) {
            throw DynamoDbError.Validation.with(
                    "ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueReaders = new ArrayList<>();
        boolean valueReaderSent = false;
        for (Parameter parameter : expressions) {
            if (!parameter.name().equals("ProjectionExpression")) {
                valueReaders.add(parameter.name());
                valueReaderSent |= parameter.sent();
            }
        }
        if (expressionAttributeValues != null && !valueReaders.isEmpty() && !valueReaderSent) {
            throw DynamoDbError.Validation.with("ExpressionAttributeValues can only be specified when using "
                    + "expressions: " + String.join(" and ", valueReaders) + " "
                    + (valueReaders.size() > 1 ? "are" : "is") + " null");
        }
    }

    private static List<String> sent(List<Parameter> parameters) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (parameter.sent()) {
                names.add(parameter.name());
            }
        }
        return names;
    }
}
