package dev.wharf.dynamodb.engine;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.BatchGetItemRequest;
import dev.wharf.dynamodb.api.BatchWriteItemRequest;
import dev.wharf.dynamodb.api.ConditionCheck;
import dev.wharf.dynamodb.api.Delete;
import dev.wharf.dynamodb.api.DeleteItemRequest;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbMetrics;
import dev.wharf.dynamodb.api.Get;
import dev.wharf.dynamodb.api.GetItemRequest;
import dev.wharf.dynamodb.api.Put;
import dev.wharf.dynamodb.api.PutItemRequest;
import dev.wharf.dynamodb.api.QueryRequest;
import dev.wharf.dynamodb.api.ScanRequest;
import dev.wharf.dynamodb.api.TableMetrics;
import dev.wharf.dynamodb.api.TransactGetItem;
import dev.wharf.dynamodb.api.TransactGetItemsRequest;
import dev.wharf.dynamodb.api.TransactWriteItem;
import dev.wharf.dynamodb.api.TransactWriteItemsRequest;
import dev.wharf.dynamodb.api.Update;
import dev.wharf.dynamodb.api.UpdateItemRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts what CloudWatch's {@code AWS/DynamoDB} metrics need, into each table's {@link TableCounts} and, for
 * {@code UserErrors}, per account, and takes the figures once an interval ({@link #snapshot()}). Latency is timed by
 * a monotonic clock of nanoseconds, since the injected {@link java.time.Clock} reads milliseconds, more than most
 * calls take.
 *
 * <p>Thread-safe. A request pays a read of the clock at its start and one at its end, and a few field updates under
 * its table's counts' monitor per table it touched.
 */
final class Metering {

    /** The accounts whose user errors are counted, at most; the server's credentials bound them well below this. */
    static final int ACCOUNTS_MAX = 1_000;

    private static final double NANOS_PER_MILLI = 1_000_000;

    private final Tables tables;
    private final LongSupplier nanoTime;
    /** Never emptied, so that an increment is never lost to a removal; bounded by {@link #ACCOUNTS_MAX}. */
    private final Map<String, LongAdder> userErrors = new ConcurrentHashMap<>();

    Metering(Tables tables, LongSupplier nanoTime) {
        this.tables = tables;
        this.nanoTime = nanoTime;
    }

    /** When a request starts, for {@link #succeeded}. */
    long started() {
        return nanoTime.getAsLong();
    }

    /** Counts a request that succeeded on the table of {@code tally}. */
    void succeeded(ItemOperation operation, Capacity.Tally tally, long started) {
        tally.table.counts.onSuccess(operation, tally, millisSince(started), 0);
    }

    /** Counts a Query or Scan that succeeded and returned {@code returned} items. */
    void succeeded(ItemOperation operation, Capacity.Tally tally, long started, long returned) {
        tally.table.counts.onSuccess(operation, tally, millisSince(started), returned);
    }

    /** Counts a request that succeeded on each table of {@code tallies}, with the same latency. */
    void succeeded(ItemOperation operation, Iterable<Capacity.Tally> tallies, long started) {
        double millis = millisSince(started);
        for (Capacity.Tally tally : tallies) {
            tally.table.counts.onSuccess(operation, tally, millis, 0);
        }
    }

    /** Counts a PutItem, UpdateItem or DeleteItem whose condition failed, with the units it consumed. */
    void conditionFailed(Capacity.Tally tally) {
        tally.table.counts.onConditionalCheckFailed(tally);
    }

    private double millisSince(long started) {
        return (nanoTime.getAsLong() - started) / NANOS_PER_MILLI;
    }

    /**
     * Counts a DynamoDB request that failed: an HTTP 4xx error is one of the account's {@code UserErrors}, but for
     * ConditionalCheckFailedException, which its table counted; any other failure is one of {@code SystemErrors} of
     * each table the request names, when it is an item operation.
     *
     * @param operation the operation's name, as the model names it
     * @param request the request, or null when it could not be read
     */
    void failed(DynamoDbContext context, String operation, @Nullable Record request, RuntimeException failure) {
        if (failure instanceof AwsException aws && aws.code().httpStatus() < 500) {
            if (aws.code() != DynamoDbError.ConditionalCheckFailed) {
                userError(context.accountId());
            }
            return;
        }
        ItemOperation item = ItemOperation.named(operation);
        if (item == null || request == null) {
            return;
        }
        for (String name : tableNames(request)) {
            Table table = tables.find(context.accountId(), name);
            if (table != null) {
                table.counts.onSystemError(item);
            }
        }
    }

    private void userError(String accountId) {
        LongAdder errors = userErrors.get(accountId);
        if (errors == null) {
            if (userErrors.size() >= ACCOUNTS_MAX) {
                return;
            }
            errors = userErrors.computeIfAbsent(accountId, account -> new LongAdder());
        }
        errors.increment();
    }

    /** The tables an item operation's request names, each once. */
    static Set<String> tableNames(Record request) {
        Set<String> names = new LinkedHashSet<>();
        switch (request) {
            case GetItemRequest get -> add(names, get.tableName());
            case PutItemRequest put -> add(names, put.tableName());
            case UpdateItemRequest update -> add(names, update.tableName());
            case DeleteItemRequest delete -> add(names, delete.tableName());
            case QueryRequest query -> add(names, query.tableName());
            case ScanRequest scan -> add(names, scan.tableName());
            case BatchGetItemRequest batch -> {
                Map<String, ?> items = batch.requestItems();
                if (items != null) {
                    names.addAll(items.keySet());
                }
            }
            case BatchWriteItemRequest batch -> {
                Map<String, ?> items = batch.requestItems();
                if (items != null) {
                    names.addAll(items.keySet());
                }
            }
            case TransactWriteItemsRequest transaction -> transactWriteTables(names, transaction);
            case TransactGetItemsRequest transaction -> {
                List<TransactGetItem> gets = transaction.transactItems();
                for (TransactGetItem each : gets == null ? List.<TransactGetItem>of() : gets) {
                    Get get = each.get();
                    if (get != null) {
                        add(names, get.tableName());
                    }
                }
            }
            default -> {}
        }
        return names;
    }

    private static void transactWriteTables(Set<String> names, TransactWriteItemsRequest transaction) {
        List<TransactWriteItem> actions = transaction.transactItems();
        for (TransactWriteItem action : actions == null ? List.<TransactWriteItem>of() : actions) {
            ConditionCheck check = action.conditionCheck();
            Put put = action.put();
            Delete delete = action.delete();
            Update update = action.update();
            add(names, check == null ? null : check.tableName());
            add(names, put == null ? null : put.tableName());
            add(names, delete == null ? null : delete.tableName());
            add(names, update == null ? null : update.tableName());
        }
    }

    private static void add(Set<String> names, @Nullable String name) {
        if (name != null) {
            names.add(name);
        }
    }

    /**
     * Takes every table's figures and the accounts' user errors since the previous snapshot, and each PROVISIONED
     * table's capacity; a table with nothing to report is left out, and so is an account without user errors.
     */
    DynamoDbMetrics snapshot() {
        List<TableMetrics> figures = new ArrayList<>();
        tables.forEachTable(table -> {
            TableCounts.Provisioned provisioned = null;
            Map<String, TableCounts.Provisioned> indexes = new LinkedHashMap<>();
            table.lock.lock();
            try {
                if (table.billingMode.equals(Table.PROVISIONED) && table.servesItems()) {
                    provisioned = new TableCounts.Provisioned(table.readCapacityUnits, table.writeCapacityUnits);
                    for (SecondaryIndex index : table.indexes) {
                        if (index.global() && index.maintained()) {
                            indexes.put(
                                    index.name(),
                                    new TableCounts.Provisioned(index.readCapacityUnits(), index.writeCapacityUnits()));
                        }
                    }
                }
            } finally {
                table.lock.unlock();
            }
            TableMetrics taken = table.counts.take(table.accountId, table.name, provisioned, indexes);
            if (taken != null) {
                figures.add(taken);
            }
        });
        List<DynamoDbMetrics.Account> accounts = new ArrayList<>();
        userErrors.forEach((account, errors) -> {
            long count = errors.sumThenReset();
            if (count > 0) {
                accounts.add(new DynamoDbMetrics.Account(account, count));
            }
        });
        return new DynamoDbMetrics(figures, accounts);
    }
}
