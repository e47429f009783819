package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import dev.wharf.dynamodb.api.UpdateItemResponse;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.expr.ExpressionContext;
import dev.wharf.dynamodb.engine.expr.ExpressionParameters;
import dev.wharf.dynamodb.engine.expr.Legacy;
import dev.wharf.dynamodb.engine.expr.Update;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * UpdateItem: under the item's lock, reads the item, checks the condition, applies the update (to the item, or to an
 * item of the key alone when there is none, which the update then creates) and commits it with its index entries.
 */
final class ItemUpdates {

    /** A parsed UpdateItem: its update (null for none: the item is created with its key, or kept) and condition. */
    record Parsed(@Nullable Update update, Condition condition) {}

    private final Tables tables;
    private final Items items;
    private final ItemWrites writes;
    private final Metering metering;

    ItemUpdates(Tables tables, Items items, ItemWrites writes, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.writes = writes;
        this.metering = metering;
    }

    UpdateItemResponse update(DynamoDbContext context, UpdateItemRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        String returnValues = ItemWrites.returnValues(request.returnValues(), ItemWrites.RETURN_VALUES);
        boolean oldOnFailure = ItemWrites.returnOnFailure(request.returnValuesOnConditionCheckFailure());
        KeySchema keys = table.schema.keys();
        PrimaryKey key = Keys.fromKey(keys, request.key());
        Parsed parsed = parse(request, keys);
        Capacity.Tally tally = new Capacity.Tally(table);
        Item before;
        Update.Result result;
        try (ItemLocks.Held held = items.locks().lock(table.id, key)) {
            Schema schema = table.schema;
            before = items.read(schema, key);
            writes.check(parsed.condition(), before, oldOnFailure, tally);
            result = apply(parsed.update(), before, key);
            Keys.checkIndexKeys(schema, result.item());
            writes.commit(new Items.Change(table, schema, key, before, result.item()), tally);
        }
        UpdateItemResponse response =
                new UpdateItemResponse(attributes(returnValues, before, result), tally.consumed(capacity), null);
        metering.succeeded(ItemOperation.UpdateItem, tally, started);
        return response;
    }

    /** Parses an UpdateItem's update and condition in DynamoDB's order, and checks that the update spares the keys. */
    static Parsed parse(UpdateItemRequest request, KeySchema keys) {
        ExpressionParameters.of()
                .expression("UpdateExpression", request.updateExpression())
                .expression("ConditionExpression", request.conditionExpression())
                .nonExpression("AttributeUpdates", request.attributeUpdates())
                .nonExpression("Expected", request.expected())
                .check(request.expressionAttributeNames(), request.expressionAttributeValues());
        ExpressionContext context =
                ExpressionContext.of(request.expressionAttributeNames(), request.expressionAttributeValues());
        Update update = request.updateExpression() != null
                ? Update.parse(context, request.updateExpression())
                : request.attributeUpdates() != null ? Legacy.attributeUpdates(request.attributeUpdates()) : null;
        Condition condition = Expressions.condition(
                context, request.conditionExpression(), request.expected(), request.conditionalOperator());
        context.checkAllUsed();
        if (update != null) {
            update.checkKeys(keyNames(keys));
        }
        return new Parsed(update, condition);
    }

    static List<String> keyNames(KeySchema keys) {
        List<String> names = new ArrayList<>();
        keys.attributes().forEach(attribute -> names.add(attribute.name()));
        return names;
    }

    /** The update applied to the item, or to one of the key alone when there is none. */
    static Update.Result apply(@Nullable Update update, @Nullable Item before, PrimaryKey key) {
        Item base = before == null ? key.attributes() : before;
        if (update == null) {
            return new Update.Result(base, base, List.of());
        }
        return update.apply(base);
    }

    private static @Nullable Map<String, AttributeValue> attributes(
            String returnValues, @Nullable Item before, Update.Result result) {
        Item returned =
                switch (returnValues) {
                    case ItemWrites.ALL_OLD -> before;
                    case ItemWrites.ALL_NEW -> result.item();
                    case ItemWrites.UPDATED_OLD -> before == null ? null : result.updatedOld();
                    case ItemWrites.UPDATED_NEW -> result.updatedNew();
                    default -> null;
                };
        return returned == null || returned.isEmpty() ? null : AttributeValues.itemToApi(returned);
    }
}
