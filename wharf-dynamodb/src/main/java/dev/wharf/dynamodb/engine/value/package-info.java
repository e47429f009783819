/**
 * DynamoDB's values as the engine holds them: {@link dev.wharf.dynamodb.engine.value.Value} and its ten types, items
 * with their sizes, the conversion from and to the api's {@code AttributeValue} with DynamoDB's validation, a compact
 * stored form of an item, and the byte encoding of key values that keeps DynamoDB's order.
 */
@NullMarked
package dev.wharf.dynamodb.engine.value;

import org.jspecify.annotations.NullMarked;
