package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.GetItemResponse;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;

/**
 * GetItem. Every read is strongly consistent in Wharf (a write answers once it is durable, and reads the store); an
 * eventually consistent read costs half, as on AWS.
 */
final class ItemReads {

    private final Tables tables;
    private final Items items;
    private final Metering metering;

    ItemReads(Tables tables, Items items, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.metering = metering;
    }

    GetItemResponse get(DynamoDbContext context, GetItemRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        Schema schema = table.schema;
        PrimaryKey key = Keys.fromKey(schema.keys(), request.key());
        Projection projection = Expressions.readProjection(
                request.projectionExpression(), request.attributesToGet(), request.expressionAttributeNames());
        Item item = items.read(schema, key);
        Capacity.Tally tally = new Capacity.Tally(table);
        tally.read += Capacity.readUnits(Items.size(item), Boolean.TRUE.equals(request.consistentRead()));
        GetItemResponse response = new GetItemResponse(
                item == null ? null : AttributeValues.itemToApi(Expressions.project(projection, item)),
                tally.consumed(capacity));
        metering.succeeded(ItemOperation.GetItem, tally, started);
        return response;
    }
}
