package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.BatchGetItemRequest;
import dev.wharf.dynamodb.api.BatchGetItemResponse;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.BatchWriteItemResponse;
import dev.wharf.dynamodb.api.CreateTableRequest;
import dev.wharf.dynamodb.api.CreateTableResponse;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.DeleteItemResponse;
import dev.wharf.dynamodb.api.DeleteTableRequest;
import dev.wharf.dynamodb.api.DeleteTableResponse;
import dev.wharf.dynamodb.api.DescribeContinuousBackupsRequest;
import dev.wharf.dynamodb.api.DescribeContinuousBackupsResponse;
import dev.wharf.dynamodb.api.DescribeEndpointsResponse;
import dev.wharf.dynamodb.api.DescribeLimitsResponse;
import dev.wharf.dynamodb.api.DescribeTableRequest;
import dev.wharf.dynamodb.api.DescribeTableResponse;
import dev.wharf.dynamodb.api.DescribeTimeToLiveRequest;
import dev.wharf.dynamodb.api.DescribeTimeToLiveResponse;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.Endpoint;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.GetItemResponse;
import dev.wharf.dynamodb.api.ListTablesRequest;
import dev.wharf.dynamodb.api.ListTablesResponse;
import dev.wharf.dynamodb.api.ListTagsOfResourceRequest;
import dev.wharf.dynamodb.api.ListTagsOfResourceResponse;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.PutItemResponse;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.QueryResponse;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.ScanResponse;
import dev.wharf.dynamodb.api.TagResourceRequest;
import dev.wharf.dynamodb.api.TransactGetItemsRequest;
import dev.wharf.dynamodb.api.TransactGetItemsResponse;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.TransactWriteItemsResponse;
import dev.wharf.dynamodb.api.UntagResourceRequest;
import dev.wharf.dynamodb.api.UpdateContinuousBackupsRequest;
import dev.wharf.dynamodb.api.UpdateContinuousBackupsResponse;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import dev.wharf.dynamodb.api.UpdateItemResponse;
import dev.wharf.dynamodb.api.UpdateTableRequest;
import dev.wharf.dynamodb.api.UpdateTableResponse;
import dev.wharf.dynamodb.api.UpdateTimeToLiveRequest;
import dev.wharf.dynamodb.api.UpdateTimeToLiveResponse;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TableStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Amazon DynamoDB's semantics: tables and their indexes, items, conditional writes, queries and scans, batches and
 * transactions. A facade of thin delegations: {@link Tables} finds, creates, settles and saves tables, {@link
 * TableUpdates} changes them, {@link ItemWrites} and {@link ItemReads} serve items, and {@link Backfills} fills the
 * indexes that UpdateTable creates.
 *
 * <p>Thread-safe; every call may block on the store. Items live in the {@link TableStore} only: memory holds the
 * tables, a fixed set of item locks and the transactions' idempotency tokens, never items.
 */
public final class DynamoDbEngine {

    /** The throughput quotas DescribeLimits answers: AWS's defaults for a region. */
    static final long ACCOUNT_MAX_CAPACITY_UNITS = 80_000;

    static final long TABLE_MAX_CAPACITY_UNITS = 40_000;
    /** How long a client may cache DescribeEndpoints' answer, as AWS answers it. */
    static final long ENDPOINT_CACHE_MINUTES = 1_440;

    private final Tables tables;
    private final Items items;
    private final TableUpdates updates;
    private final ItemWrites writes;
    private final ItemReads reads;
    private final ItemUpdates itemUpdates;
    private final ItemQueries queries;
    private final Batches batches;
    private final Transactions transactions;
    private final Metering metering;

    /** An engine whose index backfills each run on a virtual thread of their own. */
    public DynamoDbEngine(Clock clock, DynamoDbConfig config, TableStore store) {
        this(clock, config, store, command -> Thread.ofVirtual()
                .name("dynamodb-backfill")
                .start(command));
    }

    /**
     * An engine whose index backfills run on {@code backfills}; tests pass {@code Runnable::run}, so that an
     * UpdateTable returns with its index filled.
     */
    public DynamoDbEngine(Clock clock, DynamoDbConfig config, TableStore store, Executor backfills) {
        this(clock, config, store, backfills, System::nanoTime);
    }

    /**
     * An engine that times its requests' {@code SuccessfulRequestLatency} by {@code nanoTime}, a monotonic clock in
     * nanoseconds: the injected {@link Clock} reads milliseconds, which most calls take less than.
     */
    public DynamoDbEngine(
            Clock clock, DynamoDbConfig config, TableStore store, Executor backfills, LongSupplier nanoTime) {
        this.tables = new Tables(store, clock, config);
        this.items = new Items(store, new ItemLocks(), clock);
        this.metering = new Metering(tables, nanoTime);
        Backfills backfilling = new Backfills(tables, items, backfills);
        this.updates = new TableUpdates(tables, backfilling);
        this.writes = new ItemWrites(tables, items, metering);
        this.reads = new ItemReads(tables, items, metering);
        this.itemUpdates = new ItemUpdates(tables, items, writes, metering);
        this.queries = new ItemQueries(tables, items, metering);
        this.batches = new Batches(tables, items, metering);
        this.transactions = new Transactions(
                tables,
                items,
                new ClientTokens(clock, config.idempotencyWindow().toMillis()),
                metering);
        backfilling.resume();
    }

    public CreateTableResponse createTable(DynamoDbContext context, CreateTableRequest request) {
        return new CreateTableResponse(tables.create(context, request));
    }

    public DescribeTableResponse describeTable(DynamoDbContext context, DescribeTableRequest request) {
        Table table = tables.described(context, request.tableName());
        table.lock.lock();
        try {
            return new DescribeTableResponse(TableDescriptions.describe(table));
        } finally {
            table.lock.unlock();
        }
    }

    public UpdateTableResponse updateTable(DynamoDbContext context, UpdateTableRequest request) {
        return new UpdateTableResponse(updates.update(context, request));
    }

    public DeleteTableResponse deleteTable(DynamoDbContext context, DeleteTableRequest request) {
        return new DeleteTableResponse(tables.delete(context, request.tableName()));
    }

    public ListTablesResponse listTables(DynamoDbContext context, ListTablesRequest request) {
        MemberConstraints.check()
                .range("limit", request.limit(), 1, 100)
                .length("exclusiveStartTableName", request.exclusiveStartTableName(), 3, 255, false)
                .pattern("exclusiveStartTableName", request.exclusiveStartTableName(), TableRequests.NAME, false)
                .validate(DynamoDbError.Validation);
        return tables.list(context, request.exclusiveStartTableName(), request.limit() == null ? 100 : request.limit());
    }

    public void tagResource(DynamoDbContext context, TagResourceRequest request) {
        MemberConstraints.check().notNull("tags", request.tags()).validate(DynamoDbError.Validation);
        Table table = tables.byArn(context, request.resourceArn(), missingArn(request.resourceArn()));
        if (java.util.Objects.requireNonNull(request.tags()).isEmpty()) {
            throw DynamoDbError.Validation.with("Atleast one Tag needs to be provided as Input.");
        }
        table.lock.lock();
        try {
            TableSettings.addTags(table, request.tags());
            tables.save(table);
        } finally {
            table.lock.unlock();
        }
    }

    public void untagResource(DynamoDbContext context, UntagResourceRequest request) {
        List<String> keys = request.tagKeys();
        if (keys == null) {
            throw DynamoDbError.Validation.with("1 validation error detected: Value null at 'tagKeys' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        Table table = tables.byArn(context, request.resourceArn(), "Requested resource not found");
        if (keys.isEmpty()) {
            throw DynamoDbError.Validation.with("Atleast one Tag Key needs to be provided as Input.");
        }
        table.lock.lock();
        try {
            keys.forEach(table.tags::remove);
            tables.save(table);
        } finally {
            table.lock.unlock();
        }
    }

    public ListTagsOfResourceResponse listTagsOfResource(DynamoDbContext context, ListTagsOfResourceRequest request) {
        Table table = tables.byArn(context, request.resourceArn(), missingArn(request.resourceArn()));
        table.lock.lock();
        try {
            return new ListTagsOfResourceResponse(Tables.tags(table), null);
        } finally {
            table.lock.unlock();
        }
    }

    private static String missingArn(@org.jspecify.annotations.Nullable String arn) {
        // AWS's message spells it so.
        return "Requested resource not found: ResourcArn: " + arn + " not found";
    }

    public DescribeTimeToLiveResponse describeTimeToLive(DynamoDbContext context, DescribeTimeToLiveRequest request) {
        return new DescribeTimeToLiveResponse(updates.describeTimeToLive(context, request.tableName()));
    }

    public UpdateTimeToLiveResponse updateTimeToLive(DynamoDbContext context, UpdateTimeToLiveRequest request) {
        return new UpdateTimeToLiveResponse(
                updates.updateTimeToLive(context, request.tableName(), request.timeToLiveSpecification()));
    }

    public DescribeContinuousBackupsResponse describeContinuousBackups(
            DynamoDbContext context, DescribeContinuousBackupsRequest request) {
        return new DescribeContinuousBackupsResponse(updates.describeContinuousBackups(context, request.tableName()));
    }

    public UpdateContinuousBackupsResponse updateContinuousBackups(
            DynamoDbContext context, UpdateContinuousBackupsRequest request) {
        return new UpdateContinuousBackupsResponse(updates.updateContinuousBackups(
                context, request.tableName(), request.pointInTimeRecoverySpecification()));
    }

    public DescribeLimitsResponse describeLimits(DynamoDbContext context) {
        return new DescribeLimitsResponse(
                ACCOUNT_MAX_CAPACITY_UNITS,
                ACCOUNT_MAX_CAPACITY_UNITS,
                TABLE_MAX_CAPACITY_UNITS,
                TABLE_MAX_CAPACITY_UNITS);
    }

    /** DescribeEndpoints: the one endpoint, {@code address} being the host and port the client called. */
    public DescribeEndpointsResponse describeEndpoints(DynamoDbContext context, String address) {
        return new DescribeEndpointsResponse(List.of(new Endpoint(address, ENDPOINT_CACHE_MINUTES)));
    }

    public GetItemResponse getItem(DynamoDbContext context, GetItemRequest request) {
        return reads.get(context, request);
    }

    public PutItemResponse putItem(DynamoDbContext context, PutItemRequest request) {
        return writes.put(context, request);
    }

    public DeleteItemResponse deleteItem(DynamoDbContext context, DeleteItemRequest request) {
        return writes.delete(context, request);
    }

    public UpdateItemResponse updateItem(DynamoDbContext context, UpdateItemRequest request) {
        return itemUpdates.update(context, request);
    }

    public QueryResponse query(DynamoDbContext context, QueryRequest request) {
        return queries.query(context, request);
    }

    public ScanResponse scan(DynamoDbContext context, ScanRequest request) {
        return queries.scan(context, request);
    }

    public BatchGetItemResponse batchGetItem(DynamoDbContext context, BatchGetItemRequest request) {
        return batches.get(context, request);
    }

    public BatchWriteItemResponse batchWriteItem(DynamoDbContext context, BatchWriteItemRequest request) {
        return batches.write(context, request);
    }

    public TransactWriteItemsResponse transactWriteItems(DynamoDbContext context, TransactWriteItemsRequest request) {
        return transactions.write(context, request);
    }

    public TransactGetItemsResponse transactGetItems(DynamoDbContext context, TransactGetItemsRequest request) {
        return transactions.get(context, request);
    }

    /**
     * Takes one interval's figures for CloudWatch's AWS/DynamoDB metrics: each table's since the previous call (a
     * table with nothing to report is left out, and a deleted table's figures go with it), its provisioned capacity
     * when it is PROVISIONED, and each account's user errors. Called by one thread at a time.
     */
    public DynamoDbMetrics metricsSnapshot() {
        return metering.snapshot();
    }

    /**
     * Whether an account has a table of that name now, in any status until it is gone: {@link #metricsSnapshot()}
     * leaves out a quiet table, and this tells it from a deleted one.
     */
    public boolean hasTable(String accountId, String tableName) {
        return tables.find(accountId, tableName) != null;
    }

    /**
     * Counts a DynamoDB request that failed, wherever it failed after it was routed to DynamoDB (reading its input,
     * or in this engine): an HTTP 4xx error is one of its account's {@code UserErrors} (a failed condition is its
     * table's {@code ConditionalCheckFailedRequests} instead, counted where it failed), and any other failure of an
     * item operation one of {@code SystemErrors} of each table its request names.
     *
     * @param operation the operation's name
     * @param request the request, or null when it could not be read
     */
    public void onFailure(
            DynamoDbContext context,
            String operation,
            @org.jspecify.annotations.Nullable Record request,
            RuntimeException failure) {
        metering.failed(context, operation, request, failure);
    }

    /** Writes every table's approximate counts to the store, as a stop does before the store closes. */
    public void close() {
        tables.forEachTable(table -> items.store()
                .submit(new TableBatch()
                        .putTableRecord(table.id, TableRecords.STATS, TableRecords.encodeStats(table))));
    }
}
