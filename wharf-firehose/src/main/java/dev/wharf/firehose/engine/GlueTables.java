package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tables that format conversion may name, in place of AWS Glue's Data Catalog, which Wharf does not have: each
 * {@code database.table} maps to its columns as a Glue/Hive type string ({@code struct<id:int,name:string>}), from
 * Wharf's config file ({@code firehose.tables}). Immutable.
 */
final class GlueTables {

    static final GlueTables NONE = new GlueTables(Map.of());

    private final Map<String, HiveType> tables;

    /**
     * @param columns each table's columns by {@code database.table}
     * @throws IllegalArgumentException naming the table whose name or columns are not valid
     */
    GlueTables(Map<String, String> columns) {
        Map<String, HiveType> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : columns.entrySet()) {
            String name = table.getKey();
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
                throw new IllegalArgumentException("firehose.tables: " + name + " is not a <database>.<table> name");
            }
            try {
                parsed.put(name, HiveType.parseTable(table.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("firehose.tables: " + name + ": " + e.getMessage(), e);
            }
        }
        this.tables = Map.copyOf(parsed);
    }

    /** The columns of a table, or null when none is declared. */
    @Nullable
    HiveType table(String databaseDotTable) {
        return tables.get(databaseDotTable);
    }

    /** Refuses a converting destination whose table is not declared, saying how to declare it. */
    void check(ExtendedS3DestinationConfiguration destination) {
        if (!FormatConversion.enabled(destination)) {
            return;
        }
        String name = FormatConversion.tableOf(destination);
        if (table(name) == null) {
            throw FirehoseError.InvalidArgument.with("Wharf has no Glue Data Catalog, and its config file declares no"
                    + " table " + name + ": add it under firehose.tables as '" + name
                    + ": struct<column:type,...>' (Glue/Hive column types) and restart Wharf.");
        }
    }
}
