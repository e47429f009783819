package dev.wharf.dynamodb.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.dynamodb.api.AttributeDefinition;
import dev.wharf.dynamodb.api.StreamSpecification;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A table's metadata records in {@link dev.wharf.storage.TableStore}, as JSON: {@value #TABLE} holds its definition
 * and settings, {@value #STATS} its approximate item count and size. Unknown fields are ignored, so that an older
 * server reads a newer record.
 */
final class TableRecords {

    static final String TABLE = "table";
    static final String STATS = "stats";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A table's definition and settings, as stored. */
    record TableRecord(
            long id,
            String accountId,
            String name,
            String arn,
            String tableUuid,
            long createdMillis,
            String status,
            long settlesAtMillis,
            List<AttributeDefinition> attributeDefinitions,
            KeySchema keys,
            List<SecondaryIndex> indexes,
            int nextIndex,
            String billingMode,
            long readCapacityUnits,
            long writeCapacityUnits,
            long payPerRequestSinceMillis,
            long lastIncreaseMillis,
            long lastDecreaseMillis,
            boolean deletionProtection,
            Map<String, String> tags,
            boolean ttlEnabled,
            @Nullable String ttlAttribute,
            boolean pointInTimeRecovery,
            int recoveryPeriodInDays,
            long pointInTimeRecoverySinceMillis,
            @Nullable StreamSpecification streamSpecification,
            @Nullable String tableClass) {}

    /** A table's approximate counts, as stored. */
    record StatsRecord(long itemCount, long sizeBytes) {}

    private TableRecords() {}

    /** Lock must be held: the table's record. */
    static byte[] encode(Table table) {
        return write(new TableRecord(
                table.id,
                table.accountId,
                table.name,
                table.arn,
                table.tableUuid,
                table.createdMillis,
                table.status,
                table.settlesAtMillis,
                table.attributeDefinitions,
                table.keys,
                table.indexes,
                table.nextIndex,
                table.billingMode,
                table.readCapacityUnits,
                table.writeCapacityUnits,
                table.payPerRequestSinceMillis,
                table.lastIncreaseMillis,
                table.lastDecreaseMillis,
                table.deletionProtection,
                new LinkedHashMap<>(table.tags),
                table.ttlEnabled,
                table.ttlAttribute,
                table.pointInTimeRecovery,
                table.recoveryPeriodInDays,
                table.pointInTimeRecoverySinceMillis,
                table.streamSpecification,
                table.tableClass));
    }

    static byte[] encodeStats(Table table) {
        return write(new StatsRecord(table.itemCount.get(), table.sizeBytes.get()));
    }

    /** The table a record describes. */
    static Table decode(byte[] bytes) {
        TableRecord record = read(bytes, TableRecord.class);
        Table table = new Table(
                record.id(),
                record.accountId(),
                record.name(),
                record.arn(),
                record.tableUuid(),
                record.createdMillis(),
                record.keys(),
                record.indexes());
        table.status = record.status();
        table.settlesAtMillis = record.settlesAtMillis();
        table.attributeDefinitions = List.copyOf(record.attributeDefinitions());
        table.nextIndex = record.nextIndex();
        table.billingMode = record.billingMode();
        table.readCapacityUnits = record.readCapacityUnits();
        table.writeCapacityUnits = record.writeCapacityUnits();
        table.payPerRequestSinceMillis = record.payPerRequestSinceMillis();
        table.lastIncreaseMillis = record.lastIncreaseMillis();
        table.lastDecreaseMillis = record.lastDecreaseMillis();
        table.deletionProtection = record.deletionProtection();
        table.tags.putAll(record.tags());
        table.ttlEnabled = record.ttlEnabled();
        table.ttlAttribute = record.ttlAttribute();
        table.pointInTimeRecovery = record.pointInTimeRecovery();
        table.recoveryPeriodInDays = record.recoveryPeriodInDays();
        table.pointInTimeRecoverySinceMillis = record.pointInTimeRecoverySinceMillis();
        table.streamSpecification = record.streamSpecification();
        table.tableClass = record.tableClass();
        return table;
    }

    /** Sets a table's counts from its stats record. */
    static void decodeStats(Table table, byte[] bytes) {
        StatsRecord stats = read(bytes, StatsRecord.class);
        table.itemCount.set(Math.max(0, stats.itemCount()));
        table.sizeBytes.set(Math.max(0, stats.sizeBytes()));
    }

    private static byte[] write(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a table record", e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("a stored table record cannot be read: " + e.getMessage(), e);
        }
    }
}
