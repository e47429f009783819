package dev.wharf.dynamodb.engine;

import dev.wharf.common.AwsException;
import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.AttributeValue;
import dev.wharf.dynamodb.api.CancellationReason;
import dev.wharf.dynamodb.api.ConditionCheck;
import dev.wharf.dynamodb.api.Delete;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.ErrorDetails;
import dev.wharf.dynamodb.api.Get;
import dev.wharf.dynamodb.api.ItemResponse;
import dev.wharf.dynamodb.api.Put;
import dev.wharf.dynamodb.api.TransactGetItem;
import dev.wharf.dynamodb.api.TransactGetItemsRequest;
import dev.wharf.dynamodb.api.TransactGetItemsResponse;
import dev.wharf.dynamodb.api.TransactWriteItem;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.TransactWriteItemsResponse;
import dev.wharf.dynamodb.api.Update;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.AttributeValues;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.storage.TableBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * TransactWriteItems and TransactGetItems. A write transaction takes the locks of all its items (in stripe order),
 * reads them, checks every action, and either commits every change in one store batch or changes nothing and answers
 * TransactionCanceledException with one reason per action, in order: {@code None}, {@code ConditionalCheckFailed} or
 * {@code ValidationError}. Holding the locks, it sees and makes one consistent state, so no
 * TransactionConflictException arises. A read transaction reads its items under their locks too, so it never sees
 * part of a write transaction. Both cost twice the units of the same reads and writes outside a transaction.
 */
final class Transactions {

    static final int ACTIONS_MAX = 100;
    private static final String CANCELLED =
            "Transaction cancelled, please refer cancellation reasons for specific" + " reasons ";

    private final Tables tables;
    private final Items items;
    private final ClientTokens tokens;
    private final Metering metering;

    Transactions(Tables tables, Items items, ClientTokens tokens, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.tokens = tokens;
        this.metering = metering;
    }

    /** One action of a write transaction, resolved and parsed: its item, and what it does to it. */
    private record Action(
            Table table,
            PrimaryKey key,
            Condition condition,
            boolean oldOnFailure,
            @Nullable Item put,
            ItemUpdates.@Nullable Parsed update,
            boolean delete) {}

    TransactWriteItemsResponse write(DynamoDbContext context, TransactWriteItemsRequest request) {
        long started = metering.started();
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        List<TransactWriteItem> actions = request.transactItems();
        MemberConstraints.check()
                .notNull("transactItems", actions)
                .size("transactItems", actions, 1, ACTIONS_MAX, String.valueOf(actions))
                .length("clientRequestToken", request.clientRequestToken(), 1, 36, false)
                .validate(DynamoDbError.Validation);
        List<Action> resolved = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TransactWriteItem action : java.util.Objects.requireNonNull(actions)) {
            Action one = resolve(context, action);
            if (!seen.add(one.table().id + "/" + Batches.placeOf(one.key()))) {
                throw DynamoDbError.Validation.with(
                        "Transaction request cannot include multiple operations on one item");
            }
            resolved.add(one);
        }
        String token = request.clientRequestToken();
        if (token == null) {
            return run(resolved, capacity, started);
        }
        TransactWriteItemsResponse earlier = tokens.begin(context.accountId(), token, request);
        if (earlier != null) {
            return earlier;
        }
        TransactWriteItemsResponse response = null;
        try {
            response = run(resolved, capacity, started);
            return response;
        } finally {
            tokens.end(context.accountId(), token, response);
        }
    }

    private Action resolve(DynamoDbContext context, TransactWriteItem action) {
        int kinds = (action.conditionCheck() == null ? 0 : 1)
                + (action.put() == null ? 0 : 1)
                + (action.delete() == null ? 0 : 1)
                + (action.update() == null ? 0 : 1);
        if (kinds != 1) {
            throw DynamoDbError.Validation.with("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (action.conditionCheck() != null) {
            ConditionCheck check = action.conditionCheck();
            MemberConstraints.check()
                    .notNull("transactItems.member.conditionCheck.conditionExpression", check.conditionExpression())
                    .validate(DynamoDbError.Validation);
            Table table = tables.serving(context, check.tableName());
            return new Action(
                    table,
                    Keys.fromKey(table.schema.keys(), check.key()),
                    Expressions.writeCondition(
                            check.conditionExpression(),
                            null,
                            null,
                            check.expressionAttributeNames(),
                            check.expressionAttributeValues()),
                    ItemWrites.returnOnFailure(check.returnValuesOnConditionCheckFailure()),
                    null,
                    null,
                    false);
        }
        if (action.put() != null) {
            return put(context, action.put());
        }
        if (action.delete() != null) {
            Delete delete = action.delete();
            Table table = tables.serving(context, delete.tableName());
            return new Action(
                    table,
                    Keys.fromKey(table.schema.keys(), delete.key()),
                    Expressions.writeCondition(
                            delete.conditionExpression(),
                            null,
                            null,
                            delete.expressionAttributeNames(),
                            delete.expressionAttributeValues()),
                    ItemWrites.returnOnFailure(delete.returnValuesOnConditionCheckFailure()),
                    null,
                    null,
                    true);
        }
        return update(context, java.util.Objects.requireNonNull(action.update()));
    }

    private Action put(DynamoDbContext context, Put put) {
        Table table = tables.serving(context, put.tableName());
        MemberConstraints.check()
                .notNull("transactItems.member.put.item", put.item())
                .validate(DynamoDbError.Validation);
        Item item = AttributeValues.itemFromApi(java.util.Objects.requireNonNull(put.item()));
        item.checkSize();
        return new Action(
                table,
                Keys.ofItem(table.schema.keys(), item),
                Expressions.writeCondition(
                        put.conditionExpression(),
                        null,
                        null,
                        put.expressionAttributeNames(),
                        put.expressionAttributeValues()),
                ItemWrites.returnOnFailure(put.returnValuesOnConditionCheckFailure()),
                item,
                null,
                false);
    }

    private Action update(DynamoDbContext context, Update update) {
        Table table = tables.serving(context, update.tableName());
        MemberConstraints.check()
                .notNull("transactItems.member.update.updateExpression", update.updateExpression())
                .validate(DynamoDbError.Validation);
        KeySchema keys = table.schema.keys();
        UpdateItemRequest asItem = new UpdateItemRequest(
                update.tableName(),
                update.key(),
                null,
                null,
                null,
                null,
                null,
                null,
                update.updateExpression(),
                update.conditionExpression(),
                update.expressionAttributeNames(),
                update.expressionAttributeValues(),
                null);
        return new Action(
                table,
                Keys.fromKey(keys, update.key()),
                Condition.ALWAYS,
                ItemWrites.returnOnFailure(update.returnValuesOnConditionCheckFailure()),
                null,
                ItemUpdates.parse(asItem, keys),
                false);
    }

    /** Locks every item, checks every action, and commits all or nothing. */
    private TransactWriteItemsResponse run(List<Action> actions, String capacity, long started) {
        List<Integer> stripes = new ArrayList<>();
        actions.forEach(action -> stripes.add(ItemLocks.stripe(action.table().id, action.key())));
        Map<String, Capacity.Tally> tallies = new LinkedHashMap<>();
        try (ItemLocks.Held held = items.locks().lockAll(stripes)) {
            List<Items.Change> changes = new ArrayList<>();
            List<CancellationReason> reasons = new ArrayList<>();
            boolean cancelled = false;
            for (Action action : actions) {
                Schema schema = action.table().schema;
                Item before = items.read(schema, action.key());
                CancellationReason reason = check(action, schema, before, changes);
                cancelled |= !reason.code().equals("None");
                reasons.add(reason);
            }
            if (cancelled) {
                List<String> codes = new ArrayList<>();
                reasons.forEach(reason -> codes.add(reason.code()));
                throw new AwsException(
                        DynamoDbError.TransactionCanceled,
                        CANCELLED + "[" + String.join(", ", codes) + "]",
                        new ErrorDetails.TransactionCanceled(reasons));
            }
            TableBatch batch = new TableBatch();
            for (Items.Change change : changes) {
                items.stage(
                        batch,
                        change,
                        tallies.computeIfAbsent(change.table().name, name -> new Capacity.Tally(change.table())));
            }
            items.store().commit(batch);
            changes.forEach(items::applied);
        }
        List<Capacity.Tally> doubled = new ArrayList<>();
        tallies.values().forEach(tally -> doubled.add(tally.times(2)));
        TransactWriteItemsResponse response =
                new TransactWriteItemsResponse(Capacity.consumed(capacity, doubled), null);
        metering.succeeded(ItemOperation.TransactWriteItems, doubled, started);
        return response;
    }

    /** Items' locks must be held: one action's reason, and its change added when it has one. */
    private static CancellationReason check(
            Action action, Schema schema, @Nullable Item before, List<Items.Change> changes) {
        ItemUpdates.@Nullable Parsed update = action.update();
        Condition condition = update == null ? action.condition() : update.condition();
        if (!Expressions.passes(condition, before)) {
            Map<String, AttributeValue> item =
                    action.oldOnFailure() && before != null ? AttributeValues.itemToApi(before) : null;
            return new CancellationReason(item, "ConditionalCheckFailed", ItemWrites.CONDITION_FAILED);
        }
        try {
            Item after;
            if (update != null) {
                after = ItemUpdates.apply(update.update(), before, action.key()).item();
            } else if (action.put() != null) {
                after = action.put();
            } else if (action.delete()) {
                after = null;
            } else {
                return new CancellationReason(null, "None", null);
            }
            if (after != null) {
                Keys.checkIndexKeys(schema, after);
            }
            changes.add(new Items.Change(action.table(), schema, action.key(), before, after));
            return new CancellationReason(null, "None", null);
        } catch (AwsException e) {
            if (e.code() != DynamoDbError.Validation) {
                throw e;
            }
            return new CancellationReason(null, "ValidationError", e.getMessage());
        }
    }

    TransactGetItemsResponse get(DynamoDbContext context, TransactGetItemsRequest request) {
        long started = metering.started();
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        List<TransactGetItem> gets = request.transactItems();
        MemberConstraints.check()
                .notNull("transactItems", gets)
                .size("transactItems", gets, 1, ACTIONS_MAX, String.valueOf(gets))
                .validate(DynamoDbError.Validation);
        record Read(Table table, PrimaryKey key, @Nullable Projection projection) {}
        List<Read> reads = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TransactGetItem item : java.util.Objects.requireNonNull(gets)) {
            Get get = item.get();
            MemberConstraints.check().notNull("transactItems.member.get", get).validate(DynamoDbError.Validation);
            Table table = tables.serving(
                    context, java.util.Objects.requireNonNull(get).tableName());
            PrimaryKey key = Keys.fromKey(table.schema.keys(), get.key());
            if (!seen.add(table.id + "/" + Batches.placeOf(key))) {
                throw DynamoDbError.Validation.with(
                        "Transaction request cannot include multiple operations on one item");
            }
            Projection projection =
                    Expressions.readProjection(get.projectionExpression(), null, get.expressionAttributeNames());
            reads.add(new Read(table, key, projection));
        }
        List<Integer> stripes = new ArrayList<>();
        reads.forEach(read -> stripes.add(ItemLocks.stripe(read.table().id, read.key())));
        List<ItemResponse> responses = new ArrayList<>();
        Map<String, Capacity.Tally> tallies = new LinkedHashMap<>();
        try (ItemLocks.Held held = items.locks().lockAll(stripes)) {
            for (Read read : reads) {
                Item found = items.read(read.table().schema, read.key());
                tallies.computeIfAbsent(read.table().name, name -> new Capacity.Tally(read.table())).read +=
                        2 * Capacity.readUnits(Items.size(found), true);
                responses.add(new ItemResponse(
                        found == null
                                ? null
                                : AttributeValues.itemToApi(Expressions.project(read.projection(), found))));
            }
        }
        TransactGetItemsResponse response =
                new TransactGetItemsResponse(Capacity.consumed(capacity, tallies.values()), responses);
        metering.succeeded(ItemOperation.TransactGetItems, tallies.values(), started);
        return response;
    }
}
