package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.ConsumedCapacity;
import dev.wharf.dynamodb.api.DynamoDbError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The capacity units a call consumes, as AWS documents them, for {@code ReturnConsumedCapacity}: a read costs one unit
 * per 4 KB of what it reads (a Query or Scan: of everything it reads, added up first), half of that when eventually
 * consistent; a write one unit per 1 KB of the larger of the item before and after it; an index entry written or
 * deleted costs its own write; transactions cost twice. A read or write costs at least one unit (half a unit for an
 * eventually consistent read).
 */
final class Capacity {

    static final String NONE = "NONE";
    static final String TOTAL = "TOTAL";
    static final String INDEXES = "INDEXES";

    private static final List<String> MODES = List.of(INDEXES, TOTAL, NONE);
    private static final double READ_UNIT_BYTES = 4_096;
    private static final double WRITE_UNIT_BYTES = 1_024;

    private Capacity() {}

    /** Checks a ReturnConsumedCapacity value, absent being NONE. */
    static String mode(@Nullable String returnConsumedCapacity) {
        MemberConstraints.check()
                .oneOf("returnConsumedCapacity", returnConsumedCapacity, MODES)
                .validate(DynamoDbError.Validation);
        return returnConsumedCapacity == null ? NONE : returnConsumedCapacity;
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
    }

    /**
     * The units that one call consumes in one table and its indexes, which its table's CloudWatch figures count too.
     * Not thread-safe: one call fills one.
     */
    static final class Tally {
        final Table table;
        final String tableName;
        double read;
        double write;
        /** Per index name: its read and write units, and whether it is a global index. */
        final Map<String, double[]> indexes = new LinkedHashMap<>();

        final Map<String, Boolean> global = new LinkedHashMap<>();

        Tally(Table table) {
            this.table = table;
            this.tableName = table.name;
        }

        void index(SecondaryIndex index, double readUnits, double writeUnits) {
            double[] units = indexes.computeIfAbsent(index.name(), name -> new double[2]);
            units[0] += readUnits;
            units[1] += writeUnits;
            global.put(index.name(), index.global());
        }

        /** This tally with every figure multiplied, as a transaction's are by two. */
        Tally times(double factor) {
            Tally scaled = new Tally(table);
            scaled.read = read * factor;
            scaled.write = write * factor;
            indexes.forEach(
                    (name, units) -> scaled.indexes.put(name, new double[] {units[0] * factor, units[1] * factor}));
            scaled.global.putAll(global);
            return scaled;
        }

        /** What the call answers for this table, or null for NONE. */
        @Nullable
        ConsumedCapacity consumed(String mode) {
            if (mode.equals(NONE)) {
                return null;
            }
            double indexRead = 0;
            double indexWrite = 0;
            for (double[] units : indexes.values()) {
                indexRead += units[0];
                indexWrite += units[1];
            }
            double totalRead = read + indexRead;
            double totalWrite = write + indexWrite;
            if (mode.equals(TOTAL)) {
                return new ConsumedCapacity(
                        tableName,
                        totalRead + totalWrite,
                        totalRead == 0 ? null : totalRead,
                        totalWrite == 0 ? null : totalWrite,
                        null,
                        null,
                        null,
                        null);
            }
            Map<String, dev.wharf.dynamodb.api.Capacity> globals = new LinkedHashMap<>();
            Map<String, dev.wharf.dynamodb.api.Capacity> locals = new LinkedHashMap<>();
            indexes.forEach((name, units) ->
                    (Boolean.TRUE.equals(global.get(name)) ? globals : locals).put(name, capacity(units[0], units[1])));
            return new ConsumedCapacity(
                    tableName,
                    totalRead + totalWrite,
                    totalRead == 0 ? null : totalRead,
                    totalWrite == 0 ? null : totalWrite,
                    capacity(read, write),
                    locals.isEmpty() ? null : locals,
                    globals.isEmpty() ? null : globals,
                    null);
        }
    }

    private static dev.wharf.dynamodb.api.Capacity capacity(double read, double write) {
        return new dev.wharf.dynamodb.api.Capacity(read == 0 ? null : read, write == 0 ? null : write, read + write);
    }

    /** What a call on several tables answers, in the order the tables were first touched, or null for NONE. */
    static @Nullable List<ConsumedCapacity> consumed(String mode, Iterable<Tally> tallies) {
        if (mode.equals(NONE)) {
            return null;
        }
        List<ConsumedCapacity> all = new ArrayList<>();
        for (Tally tally : tallies) {
            ConsumedCapacity consumed = tally.consumed(mode);
            if (consumed != null) {
                all.add(consumed);
            }
        }
        return all;
    }
}
