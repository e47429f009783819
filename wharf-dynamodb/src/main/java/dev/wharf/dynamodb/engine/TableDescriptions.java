package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.BillingModeSummary;
import dev.wharf.dynamodb.api.GlobalSecondaryIndexDescription;
import dev.wharf.dynamodb.api.LocalSecondaryIndexDescription;
import dev.wharf.dynamodb.api.Projection;
import dev.wharf.dynamodb.api.ProvisionedThroughputDescription;
import dev.wharf.dynamodb.api.TableDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Describes a table as DescribeTable, CreateTable, UpdateTable and DeleteTable answer. */
final class TableDescriptions {

    private TableDescriptions() {}

    /** Lock must be held. */
    static TableDescription describe(Table table) {
        List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
        List<LocalSecondaryIndexDescription> locals = new ArrayList<>();
        for (SecondaryIndex index : table.indexes) {
            String arn = table.arn + "/index/" + index.name();
            if (index.global()) {
                globals.add(new GlobalSecondaryIndexDescription(
                        index.name(),
                        index.keys().toApi(),
                        projection(index),
                        index.status(),
                        index.status().equals(SecondaryIndex.CREATING) ? !index.backfilled() : null,
                        throughput(table, index.readCapacityUnits(), index.writeCapacityUnits()),
                        0L,
                        0L,
                        arn,
                        null,
                        null));
            } else {
                locals.add(new LocalSecondaryIndexDescription(
                        index.name(), index.keys().toApi(), projection(index), 0L, 0L, arn));
            }
        }
        boolean deleting = table.status.equals(Table.DELETING);
        return new TableDescription(
                table.attributeDefinitions,
                table.name,
                table.keys.toApi(),
                table.status,
                Instant.ofEpochMilli(table.createdMillis),
                throughput(table, table.readCapacityUnits, table.writeCapacityUnits),
                deleting ? 0L : Math.max(0, table.sizeBytes.get()),
                deleting ? 0L : Math.max(0, table.itemCount.get()),
                table.arn,
                table.tableUuid,
                billingModeSummary(table),
                locals.isEmpty() ? null : locals,
                globals.isEmpty() || deleting ? null : globals,
                table.streamSpecification,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                table.deletionProtection,
                null,
                null,
                null,
                null);
    }

    private static @Nullable BillingModeSummary billingModeSummary(Table table) {
        if (table.billingMode.equals(Table.PAY_PER_REQUEST)) {
            return new BillingModeSummary(Table.PAY_PER_REQUEST, Instant.ofEpochMilli(table.payPerRequestSinceMillis));
        }
        // A provisioned table that was on-demand once says when it last was.
        return table.payPerRequestSinceMillis == 0
                ? null
                : new BillingModeSummary(Table.PROVISIONED, Instant.ofEpochMilli(table.payPerRequestSinceMillis));
    }

    private static ProvisionedThroughputDescription throughput(Table table, long read, long write) {
        boolean onDemand = table.billingMode.equals(Table.PAY_PER_REQUEST);
        return new ProvisionedThroughputDescription(
                table.lastIncreaseMillis == 0 ? null : Instant.ofEpochMilli(table.lastIncreaseMillis),
                table.lastDecreaseMillis == 0 ? null : Instant.ofEpochMilli(table.lastDecreaseMillis),
                0L,
                onDemand ? 0L : read,
                onDemand ? 0L : write);
    }

    private static Projection projection(SecondaryIndex index) {
        return new Projection(
                index.projectionType(), index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes());
    }
}
