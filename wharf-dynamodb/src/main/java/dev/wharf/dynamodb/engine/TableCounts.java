package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.StatisticSet;
import dev.wharf.dynamodb.api.TableMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One table's figures for the {@code AWS/DynamoDB} metrics since the last snapshot: the capacity its requests consumed
 * (the table's with its local indexes', and each global index's), its failed conditional writes, and per item
 * operation the latency of the requests that succeeded, the items Query and Scan returned and the server's errors.
 *
 * <p>Thread-safe: every method holds this object's monitor for a few field updates and takes no other lock, so a
 * request pays one uncontended monitor and no allocation once its operation's and indexes' samples exist. Memory is
 * bounded by the item operations and the table's global indexes; the figures go with the table.
 */
final class TableCounts {

    /** What one item operation had since the last snapshot; made by its first figure. */
    private static final class OperationCounts {
        final Samples latencyMillis = new Samples();
        final Samples returned = new Samples();
        long systemErrors;
    }

    /** A table's or index's provisioned capacity at the snapshot. */
    record Provisioned(long readCapacityUnits, long writeCapacityUnits) {}

    private final Samples consumedRead = new Samples();
    private final Samples consumedWrite = new Samples();
    /** Per global index name, its read and write samples; emptied by each snapshot, so deleted indexes go. */
    private final Map<String, Samples[]> globalIndexes = new LinkedHashMap<>();

    private final @Nullable OperationCounts[] operations = new OperationCounts[ItemOperation.count()];
    private long conditionalCheckFailed;

    /**
     * Counts a request that succeeded: the units its tally holds for this table, its latency, and for Query and Scan
     * the items it returned.
     */
    synchronized void onSuccess(ItemOperation operation, Capacity.Tally tally, double latencyMillis, long returned) {
        consumed(tally);
        OperationCounts counts = counts(operation);
        counts.latencyMillis.add(latencyMillis);
        if (operation.returnsItems()) {
            counts.returned.add(returned);
        }
    }

    /** Counts a write whose condition failed, with the units AWS charges for it. */
    synchronized void onConditionalCheckFailed(Capacity.Tally tally) {
        consumed(tally);
        conditionalCheckFailed++;
    }

    synchronized void onSystemError(ItemOperation operation) {
        counts(operation).systemErrors++;
    }

    /** Lock must be held. */
    private OperationCounts counts(ItemOperation operation) {
        OperationCounts counts = operations[operation.ordinal()];
        if (counts == null) {
            counts = new OperationCounts();
            operations[operation.ordinal()] = counts;
        }
        return counts;
    }

    /** Lock must be held: the table's units (a local index's are the table's, as AWS bills them) and each global's. */
    private void consumed(Capacity.Tally tally) {
        double read = tally.read;
        double write = tally.write;
        for (Map.Entry<String, double[]> index : tally.indexes.entrySet()) {
            double[] units = index.getValue();
            if (Boolean.TRUE.equals(tally.global.get(index.getKey()))) {
                Samples[] samples = globalIndexes.computeIfAbsent(
                        index.getKey(), name -> new Samples[] {new Samples(), new Samples()});
                if (units[0] > 0) {
                    samples[0].add(units[0]);
                }
                if (units[1] > 0) {
                    samples[1].add(units[1]);
                }
            } else {
                read += units[0];
                write += units[1];
            }
        }
        if (read > 0) {
            consumedRead.add(read);
        }
        if (write > 0) {
            consumedWrite.add(write);
        }
    }

    /**
     * The figures since the last snapshot, with the provisioned capacity given, or null when there is nothing to
     * report; then starts again from none.
     *
     * @param provisioned the table's capacity, null unless it is PROVISIONED
     * @param provisionedIndexes each live global index's capacity, in the table's order, when the table is PROVISIONED
     */
    synchronized @Nullable TableMetrics take(
            String accountId,
            String tableName,
            @Nullable Provisioned provisioned,
            Map<String, Provisioned> provisionedIndexes) {
        List<TableMetrics.Index> indexes = new ArrayList<>();
        for (Map.Entry<String, Provisioned> index : provisionedIndexes.entrySet()) {
            Samples[] samples = globalIndexes.remove(index.getKey());
            indexes.add(new TableMetrics.Index(
                    index.getKey(),
                    samples == null ? null : samples[0].take(),
                    samples == null ? null : samples[1].take(),
                    index.getValue().readCapacityUnits(),
                    index.getValue().writeCapacityUnits()));
        }
        globalIndexes.forEach((name, samples) ->
                indexes.add(new TableMetrics.Index(name, samples[0].take(), samples[1].take(), null, null)));
        globalIndexes.clear();
        List<TableMetrics.Operation> byOperation = new ArrayList<>();
        for (int i = 0; i < operations.length; i++) {
            OperationCounts counts = operations[i];
            if (counts != null) {
                StatisticSet latency = counts.latencyMillis.take();
                StatisticSet returned = counts.returned.take();
                if (latency != null || returned != null || counts.systemErrors > 0) {
                    byOperation.add(new TableMetrics.Operation(
                            ItemOperation.of(i).name(), latency, returned, counts.systemErrors));
                }
                counts.systemErrors = 0;
            }
        }
        StatisticSet read = consumedRead.take();
        StatisticSet write = consumedWrite.take();
        long failed = conditionalCheckFailed;
        conditionalCheckFailed = 0;
        if (read == null
                && write == null
                && failed == 0
                && provisioned == null
                && indexes.isEmpty()
                && byOperation.isEmpty()) {
            return null;
        }
        return new TableMetrics(
                accountId,
                tableName,
                read,
                write,
                provisioned == null ? null : provisioned.readCapacityUnits(),
                provisioned == null ? null : provisioned.writeCapacityUnits(),
                failed,
                indexes,
                byOperation);
    }
}
