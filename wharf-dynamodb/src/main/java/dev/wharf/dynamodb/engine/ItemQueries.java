package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.QueryResponse;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.ScanResponse;
import dev.wharf.dynamodb.engine.expr.Condition;
import dev.wharf.dynamodb.engine.expr.ExpressionContext;
import dev.wharf.dynamodb.engine.expr.ExpressionParameters;
import dev.wharf.dynamodb.engine.expr.KeyCondition;
import dev.wharf.dynamodb.engine.expr.Legacy;
import dev.wharf.dynamodb.engine.expr.Projection;
import dev.wharf.dynamodb.engine.value.KeyBytes;
import dev.wharf.storage.TableStore;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Query and Scan: what they read (a table or a secondary index; one partition's sort key range, or a segment of the
 * whole), checked as DynamoDB checks it, and a {@link Page} of what the store holds there. Nothing is held on the
 * heap beyond the page, which stops at the request's Limit or at 1 MB read, as DynamoDB's do.
 */
final class ItemQueries {

    static final String ALL_ATTRIBUTES = "ALL_ATTRIBUTES";
    static final String ALL_PROJECTED_ATTRIBUTES = "ALL_PROJECTED_ATTRIBUTES";
    static final String SPECIFIC_ATTRIBUTES = "SPECIFIC_ATTRIBUTES";
    static final String COUNT = "COUNT";
    static final List<String> SELECTS = List.of(ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT);

    private final Tables tables;
    private final Items items;
    private final Metering metering;

    ItemQueries(Tables tables, Items items, Metering metering) {
        this.tables = tables;
        this.items = items;
        this.metering = metering;
    }

    /** What a Query or Scan reads: the table's items, or an index's entries, and the keys that place them. */
    record Source(Table table, Schema schema, @Nullable SecondaryIndex index) {

        int number() {
            return index == null ? TableStore.TABLE_INDEX : index.number();
        }

        KeySchema keys() {
            return index == null ? schema.keys() : index.keys();
        }
    }

    QueryResponse query(DynamoDbContext context, QueryRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        checkLimit(request.limit());
        MemberConstraints.check().oneOf("select", request.select(), SELECTS).validate(DynamoDbError.Validation);
        Source source = source(table, request.indexName(), request.consistentRead());
        ExpressionParameters.of()
                .expression("ProjectionExpression", request.projectionExpression())
                .expression("FilterExpression", request.filterExpression())
                .expression("KeyConditionExpression", request.keyConditionExpression())
                .nonExpression("AttributesToGet", request.attributesToGet())
                .nonExpression("QueryFilter", request.queryFilter())
                .nonExpression("KeyConditions", request.keyConditions())
                .check(request.expressionAttributeNames(), request.expressionAttributeValues());
        ExpressionContext expressions =
                ExpressionContext.of(request.expressionAttributeNames(), request.expressionAttributeValues());
        KeyCondition key = keyCondition(request, expressions);
        Condition filter =
                filter(expressions, request.filterExpression(), request.queryFilter(), request.conditionalOperator());
        Projection projection =
                Expressions.projection(expressions, request.projectionExpression(), request.attributesToGet());
        expressions.checkAllUsed();
        KeySchema keys = source.keys();
        KeyAttribute range = keys.range();
        KeyCondition.KeyRange wanted = key.resolve(
                keys.hash().name(),
                keys.hash().type(),
                range == null ? null : range.name(),
                range == null ? null : range.type());
        for (String attribute : filter.attributes()) {
            if (keys.isKey(attribute)) {
                throw DynamoDbError.Validation.with(
                        "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                + attribute);
            }
        }
        String select = select(request.select(), projection, source);
        Page page = new Page(items, source, filter, projection, select, limit(request.limit()));
        byte[] partition = KeyBytes.partitionKey(wanted.partitionKey());
        QueryRanges.Bounds bounds = QueryRanges.bounds(source, wanted.sortKey());
        bounds = QueryRanges.after(
                bounds,
                source,
                partition,
                request.exclusiveStartKey(),
                !Boolean.FALSE.equals(request.scanIndexForward()));
        items.store()
                .scanPartition(
                        table.id,
                        source.number(),
                        partition,
                        bounds.from(),
                        bounds.to(),
                        Boolean.FALSE.equals(request.scanIndexForward()),
                        page::offer);
        Capacity.Tally tally = page.tally(table, Boolean.TRUE.equals(request.consistentRead()));
        QueryResponse response = new QueryResponse(
                page.returned(), page.count(), page.scanned(), page.lastEvaluatedKey(), tally.consumed(capacity));
        metering.succeeded(ItemOperation.Query, tally, started, page.count());
        return response;
    }

    ScanResponse scan(DynamoDbContext context, ScanRequest request) {
        long started = metering.started();
        Table table = tables.serving(context, request.tableName());
        String capacity = Capacity.mode(request.returnConsumedCapacity());
        checkLimit(request.limit());
        MemberConstraints.check()
                .oneOf("select", request.select(), SELECTS)
                .range("totalSegments", request.totalSegments(), 1, dev.wharf.storage.TableBatch.SEGMENTS_MAX)
                .range("segment", request.segment(), 0, dev.wharf.storage.TableBatch.SEGMENTS_MAX - 1)
                .validate(DynamoDbError.Validation);
        int[] segment = segment(request.segment(), request.totalSegments());
        Source source = source(table, request.indexName(), request.consistentRead());
        ExpressionParameters.of()
                .expression("ProjectionExpression", request.projectionExpression())
                .expression("FilterExpression", request.filterExpression())
                .nonExpression("AttributesToGet", request.attributesToGet())
                .nonExpression("ScanFilter", request.scanFilter())
                .check(request.expressionAttributeNames(), request.expressionAttributeValues());
        ExpressionContext expressions =
                ExpressionContext.of(request.expressionAttributeNames(), request.expressionAttributeValues());
        Condition filter =
                filter(expressions, request.filterExpression(), request.scanFilter(), request.conditionalOperator());
        Projection projection =
                Expressions.projection(expressions, request.projectionExpression(), request.attributesToGet());
        expressions.checkAllUsed();
        String select = select(request.select(), projection, source);
        Page page = new Page(items, source, filter, projection, select, limit(request.limit()));
        TableStore.ItemKey after = QueryRanges.scanStart(source, request.exclusiveStartKey(), segment[0], segment[1]);
        items.store().scanItems(table.id, source.number(), segment[0], segment[1], after, page::offer);
        Capacity.Tally tally = page.tally(table, Boolean.TRUE.equals(request.consistentRead()));
        ScanResponse response = new ScanResponse(
                page.returned(), page.count(), page.scanned(), page.lastEvaluatedKey(), tally.consumed(capacity));
        metering.succeeded(ItemOperation.Scan, tally, started, page.count());
        return response;
    }

    /** The table or the named index, checked: it must exist and be ACTIVE, and take the read's consistency. */
    static Source source(Table table, @Nullable String indexName, @Nullable Boolean consistentRead) {
        Schema schema = table.schema;
        if (indexName == null) {
            return new Source(table, schema, null);
        }
        TableRequests.checkIndexName(indexName);
        SecondaryIndex index = schema.index(indexName);
        if (index == null || !index.maintained()) {
            throw DynamoDbError.Validation.with("The table does not have the specified index: " + indexName);
        }
        if (!index.readable()) {
            throw DynamoDbError.Validation.with("Cannot read from backfilling global secondary index: " + indexName);
        }
        if (index.global() && Boolean.TRUE.equals(consistentRead)) {
            throw DynamoDbError.Validation.with("Consistent reads are not supported on global secondary indexes");
        }
        return new Source(table, schema, index);
    }

    private static KeyCondition keyCondition(QueryRequest request, ExpressionContext expressions) {
        if (request.keyConditionExpression() != null) {
            return KeyCondition.parse(expressions, request.keyConditionExpression());
        }
        Map<String, dev.wharf.dynamodb.api.Condition> legacy = request.keyConditions();
        if (legacy == null) {
            throw DynamoDbError.Validation.with(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        return Legacy.keyConditions(legacy);
    }

    private static Condition filter(
            ExpressionContext expressions,
            @Nullable String expression,
            @Nullable Map<String, dev.wharf.dynamodb.api.Condition> legacy,
            @Nullable String conditionalOperator) {
        if (expression != null) {
            return Condition.parse(expressions, "FilterExpression", expression);
        }
        return legacy == null ? Condition.ALWAYS : Legacy.filter(legacy, conditionalOperator);
    }

    /** The Select a read answers with, checked against its projection and source. */
    static String select(@Nullable String select, @Nullable Projection projection, Source source) {
        SecondaryIndex index = source.index();
        if (select == null) {
            return projection != null ? SPECIFIC_ATTRIBUTES : index == null ? ALL_ATTRIBUTES : ALL_PROJECTED_ATTRIBUTES;
        }
        if (projection != null && !select.equals(SPECIFIC_ATTRIBUTES)) {
            throw DynamoDbError.Validation.with(
                    select.equals(COUNT)
                            ? "Cannot specify the ProjectionExpression when choosing to get only the Count"
                            : "Cannot specify the ProjectionExpression when choosing to get " + select);
        }
        if (projection == null && select.equals(SPECIFIC_ATTRIBUTES)) {
            throw DynamoDbError.Validation.with(
                    "Must specify the AttributesToGet or ProjectionExpression when choosing to get"
                            + " SPECIFIC_ATTRIBUTES");
        }
        if (select.equals(ALL_PROJECTED_ATTRIBUTES) && index == null) {
            throw DynamoDbError.Validation.with(
                    "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals(ALL_ATTRIBUTES)
                && index != null
                && index.global()
                && !index.projectionType().equals("ALL")) {
            throw DynamoDbError.Validation.with("One or more parameter values were invalid: Select type"
                    + " ALL_ATTRIBUTES is not supported for global secondary index " + index.name()
                    + " because its projection type is not ALL");
        }
        return select;
    }

    private static void checkLimit(@Nullable Integer limit) {
        MemberConstraints.check().range("limit", limit, 1, Integer.MAX_VALUE).validate(DynamoDbError.Validation);
    }

    private static int limit(@Nullable Integer limit) {
        return limit == null ? Integer.MAX_VALUE : limit;
    }

    /** A Scan's segment and total, checked as DynamoDB pairs them. */
    private static int[] segment(@Nullable Integer segment, @Nullable Integer total) {
        if (segment == null && total == null) {
            return new int[] {0, 1};
        }
        if (segment == null) {
            throw DynamoDbError.Validation.with("The Segment parameter is required but was not present in the request"
                    + " when parameter TotalSegments is present");
        }
        if (total == null) {
            throw DynamoDbError.Validation.with("The TotalSegments parameter is required but was not present in the"
                    + " request when Segment parameter is present");
        }
        if (segment >= total) {
            throw DynamoDbError.Validation.with("The Segment parameter is zero-based and must be less than parameter"
                    + " TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        return new int[] {segment, total};
    }
}
