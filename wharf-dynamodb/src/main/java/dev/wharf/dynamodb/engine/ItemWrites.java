package dev.wharf.dynamodb.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.DeleteItemResponse;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.PutItemResponse;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.storage.TableBatch;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PutItem and DeleteItem (UpdateItem is {@link ItemUpdates}): each reads its item, checks its condition, and commits
 * the item with its index entries in one batch, all under the item's lock, so that conditional writes to one item are
 * linearizable; it answers once the batch is durable.
 */
final class ItemWrites {

    static final String ALL_OLD = "ALL_OLD";
    static final String ALL_NEW = "ALL_NEW";
    static final String UPDATED_OLD = "UPDATED_OLD";
    static final String UPDATED_NEW = "UPDATED_NEW";
    static final String NONE = "NONE";
    static final List<String> RETURN_VALUES = List.of(ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW);
    static final String CONDITION_FAILED = "The conditional request failed";

    private final Tables tables;
    private final Items items;
    private final Metering metering;

    ItemWrites(Tables tables, Items items, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.metering = metering;
    }

    PutItemResponse put(DynamoDbContext context, PutItemRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        String returnValues = returnValues(request.returnValues(), List.of(NONE, ALL_OLD));
        boolean oldOnFailure = returnOnFailure(request.returnValuesOnConditionCheckFailure());
        MemberConstraints.check().notNull("item", request.item()).validate(DynamoDbError.Validation);
        Item item = AttributeValues.itemFromApi(java.util.Objects.requireNonNull(request.item()));
        item.checkSize();
        PrimaryKey key = Keys.ofItem(table.schema.keys(), item);
        Condition condition = Expressions.writeCondition(
                request.conditionExpression(),
                request.expected(),
                request.conditionalOperator(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues());
        Capacity.Tally tally = new Capacity.Tally(table);
        Item before;
        try (ItemLocks.Held held = items.locks().lock(table.id, key)) {
            Schema schema = table.schema;
            Keys.checkIndexKeys(schema, item);
            before = items.read(schema, key);
            check(condition, before, oldOnFailure, tally);
            commit(new Items.Change(table, schema, key, before, item), tally);
        }
        PutItemResponse response = new PutItemResponse(
                returnValues.equals(ALL_OLD) && before != null ? AttributeValues.itemToApi(before) : null,
                tally.consumed(capacity),
                null);
        metering.succeeded(ItemOperation.PutItem, tally, started);
        return response;
    }

    DeleteItemResponse delete(DynamoDbContext context, DeleteItemRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        String returnValues = returnValues(request.returnValues(), List.of(NONE, ALL_OLD));
        boolean oldOnFailure = returnOnFailure(request.returnValuesOnConditionCheckFailure());
        PrimaryKey key = Keys.fromKey(table.schema.keys(), request.key());
        Condition condition = Expressions.writeCondition(
                request.conditionExpression(),
                request.expected(),
                request.conditionalOperator(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues());
        Capacity.Tally tally = new Capacity.Tally(table);
        Item before;
        try (ItemLocks.Held held = items.locks().lock(table.id, key)) {
            Schema schema = table.schema;
            before = items.read(schema, key);
            check(condition, before, oldOnFailure, tally);
            commit(new Items.Change(table, schema, key, before, null), tally);
        }
        DeleteItemResponse response = new DeleteItemResponse(
                returnValues.equals(ALL_OLD) && before != null ? AttributeValues.itemToApi(before) : null,
                tally.consumed(capacity),
                null);
        metering.succeeded(ItemOperation.DeleteItem, tally, started);
        return response;
    }

    /** Item's lock must be held: commits one change and counts it once durable. */
    void commit(Items.Change change, Capacity.Tally tally) {
        TableBatch batch = new TableBatch();
        items.stage(batch, change, tally);
        items.store().commit(batch);
        items.applied(change);
    }

    /**
     * Checks a write's condition against its item.
     *
     * @throws AwsException ConditionalCheckFailedException, with the item when the call asked for it; it still counts
     *     the write's units, as AWS charges a failed conditional write, and counts them and the failure into the
     *     table's CloudWatch figures
     */
    void check(Condition condition, @Nullable Item before, boolean oldOnFailure, Capacity.Tally tally) {
        if (!Expressions.passes(condition, before)) {
            tally.write += Capacity.writeUnits(Items.size(before));
            metering.conditionFailed(tally);
            throw conditionFailed(before, oldOnFailure);
        }
    }

    static AwsException conditionFailed(@Nullable Item before, boolean oldOnFailure) {
        if (oldOnFailure && before != null) {
            return new AwsException(
                    DynamoDbError.ConditionalCheckFailed,
                    CONDITION_FAILED,
                    new ErrorDetails.ConditionalCheckFailed(AttributeValues.itemToApi(before)));
        }
        return DynamoDbError.ConditionalCheckFailed.with(CONDITION_FAILED);
    }

    /**
     * A ReturnValues value, absent being NONE.
     *
     * @throws AwsException ValidationException for a value DynamoDB has not, or one the operation does not take
     */
    static String returnValues(@Nullable String returnValues, List<String> allowed) {
        MemberConstraints.check()
                .oneOf("returnValues", returnValues, RETURN_VALUES)
                .validate(DynamoDbError.Validation);
        String value = returnValues == null ? NONE : returnValues;
        if (!allowed.contains(value)) {
            throw DynamoDbError.Validation.with("Return values set to invalid value");
        }
        return value;
    }

    /** Whether a ReturnValuesOnConditionCheckFailure asks for the item. */
    static boolean returnOnFailure(@Nullable String value) {
        MemberConstraints.check()
                .oneOf("returnValuesOnConditionCheckFailure", value, List.of(ALL_OLD, NONE))
                .validate(DynamoDbError.Validation);
        return ALL_OLD.equals(value);
    }

    /** The attributes of an item for an answer, or null when there is none. */
    static @Nullable Map<String, AttributeValue> toApi(@Nullable Item item) {
        return item == null ? null : AttributeValues.itemToApi(item);
    }
}
