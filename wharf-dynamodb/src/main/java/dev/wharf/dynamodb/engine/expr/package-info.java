/**
 * DynamoDB's expression language: the parsers and evaluators of ConditionExpression and FilterExpression ({@link
 * dev.wharf.dynamodb.engine.expr.Condition}), KeyConditionExpression ({@link
 * dev.wharf.dynamodb.engine.expr.KeyCondition}), UpdateExpression ({@link dev.wharf.dynamodb.engine.expr.Update}) and
 * ProjectionExpression ({@link dev.wharf.dynamodb.engine.expr.Projection}), their placeholders ({@link
 * dev.wharf.dynamodb.engine.expr.ExpressionContext}), and the legacy parameters translated onto the same evaluators
 * ({@link dev.wharf.dynamodb.engine.expr.Legacy}). {@code docs/DYNAMODB-EXPRESSIONS.md} says what is supported, the
 * bounds, and the choices made where AWS is unclear.
 */
@NullMarked
package dev.wharf.dynamodb.engine.expr;

import org.jspecify.annotations.NullMarked;
