package dev.wharf.dynamodb.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.dynamodb.api.AttributeDefinition;
import dev.wharf.dynamodb.api.ContinuousBackupsDescription;
import dev.wharf.dynamodb.api.CreateGlobalSecondaryIndexAction;
import dev.wharf.dynamodb.api.DynamoDbContext;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.GlobalSecondaryIndexUpdate;
import dev.wharf.dynamodb.api.PointInTimeRecoveryDescription;
import dev.wharf.dynamodb.api.PointInTimeRecoverySpecification;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.dynamodb.api.TableDescription;
import dev.wharf.dynamodb.api.TimeToLiveDescription;
import dev.wharf.dynamodb.api.TimeToLiveSpecification;
import dev.wharf.dynamodb.api.UpdateTableRequest;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.storage.TableBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * UpdateTable (billing mode, throughput, deletion protection, streams, and the creation and deletion of global
 * secondary indexes), and the settings DynamoDB keeps beside a table: time to live and continuous backups, which
 * Wharf stores and describes without acting on them.
 */
final class TableUpdates {

    private static final int RECOVERY_DAYS_DEFAULT = 35;

    private final Tables tables;
    private final Backfills backfills;

    TableUpdates(Tables tables, Backfills backfills) {
        this.tables = tables;
        this.backfills = backfills;
    }

    TableDescription update(DynamoDbContext context, UpdateTableRequest request) {
        Table table = tables.described(context, request.tableName());
        List<GlobalSecondaryIndexUpdate> indexUpdates =
                request.globalSecondaryIndexUpdates() == null ? List.of() : request.globalSecondaryIndexUpdates();
        if (request.billingMode() == null
                && request.provisionedThroughput() == null
                && indexUpdates.isEmpty()
                && request.streamSpecification() == null
                && request.deletionProtectionEnabled() == null
                && request.tableClass() == null) {
            throw DynamoDbError.Validation.with("At least one of ProvisionedThroughput, BillingMode,"
                    + " UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is"
                    + " required");
        }
        MemberConstraints.check()
                .oneOf("billingMode", request.billingMode(), TableRequests.BILLING_MODES)
                .validate(DynamoDbError.Validation);
        SecondaryIndex created;
        TableDescription description;
        table.lock.lock();
        try {
            checkChangeable(table);
            long now = tables.now();
            boolean transition = billing(table, request, now);
            created = indexes(table, request, indexUpdates, now);
            transition |= created != null || !indexUpdates.isEmpty();
            if (request.deletionProtectionEnabled() != null) {
                table.deletionProtection = request.deletionProtectionEnabled();
            }
            if (request.streamSpecification() != null) {
                table.streamSpecification = request.streamSpecification();
            }
            if (request.tableClass() != null) {
                table.tableClass = request.tableClass();
            }
            if (transition) {
                table.status = Table.UPDATING;
                table.settlesAtMillis = now + tables.config().transition().toMillis();
            }
            tables.save(table);
            description = TableDescriptions.describe(table);
        } finally {
            table.lock.unlock();
        }
        if (created != null) {
            backfills.start(table, created.number());
        }
        return description;
    }

    private static void checkChangeable(Table table) {
        String state =
                switch (table.status) {
                    case Table.CREATING -> "created";
                    case Table.UPDATING -> "updated";
                    case Table.DELETING -> "deleted";
                    default -> null;
                };
        if (state != null) {
            throw DynamoDbError.ResourceInUse.with(
                    "Attempt to change a resource which is still in use: Table is being " + state + ": " + table.name);
        }
    }

    /** Lock must be held: applies a change of billing mode or throughput; true when it takes a transition. */
    private static boolean billing(Table table, UpdateTableRequest request, long now) {
        String mode = request.billingMode() == null ? table.billingMode : request.billingMode();
        ProvisionedThroughput throughput = request.provisionedThroughput();
        if (request.billingMode() == null && throughput == null) {
            return false;
        }
        if (mode.equals(Table.PAY_PER_REQUEST) && throughput != null) {
            TableRequests.checkBilling(mode, throughput);
        }
        if (mode.equals(Table.PROVISIONED) && table.billingMode.equals(Table.PAY_PER_REQUEST)) {
            TableRequests.checkBilling(mode, throughput);
        }
        if (mode.equals(Table.PROVISIONED) && throughput != null) {
            TableRequests.checkBilling(mode, throughput);
            if (request.billingMode() == null
                    && Long.valueOf(table.readCapacityUnits).equals(throughput.readCapacityUnits())
                    && Long.valueOf(table.writeCapacityUnits).equals(throughput.writeCapacityUnits())) {
                throw DynamoDbError.Validation.with("The provisioned throughput for the table will not change. The"
                        + " requested value equals the current value. Current ReadCapacityUnits provisioned for the"
                        + " table: " + table.readCapacityUnits + ". Requested ReadCapacityUnits: "
                        + throughput.readCapacityUnits() + ". Current WriteCapacityUnits provisioned for the table: "
                        + table.writeCapacityUnits + ". Requested WriteCapacityUnits: "
                        + throughput.writeCapacityUnits() + ". Refer to the Amazon DynamoDB Developer Guide for"
                        + " current limits and how to request higher limits.");
            }
        }
        boolean changed = !mode.equals(table.billingMode) || throughput != null;
        TableSettings.applyBilling(table, mode, throughput, now);
        return changed;
    }

    /** Lock must be held: applies the index creations and deletions; answers the index created, if any. */
    private @Nullable SecondaryIndex indexes(
            Table table, UpdateTableRequest request, List<GlobalSecondaryIndexUpdate> updates, long now) {
        if (updates.isEmpty()) {
            return null;
        }
        long changes = updates.stream()
                .filter(update -> update.create() != null || update.delete() != null)
                .count();
        boolean busy = table.indexes.stream().anyMatch(index -> !index.status().equals(SecondaryIndex.ACTIVE));
        if (changes > 1 || (changes == 1 && busy)) {
            throw DynamoDbError.LimitExceeded.with("Subscriber limit exceeded: Only 1 online index can be created or"
                    + " deleted simultaneously per table");
        }
        SecondaryIndex created = null;
        List<SecondaryIndex> indexes = new ArrayList<>(table.indexes);
        long settles = now + tables.config().transition().toMillis();
        for (GlobalSecondaryIndexUpdate update : updates) {
            if (update.create() != null) {
                created = create(table, request.attributeDefinitions(), update.create(), settles);
                indexes.add(created);
            } else if (update.delete() != null) {
                String name = update.delete().indexName();
                SecondaryIndex gone = table.liveIndex(String.valueOf(name));
                if (gone == null || !gone.global()) {
                    throw DynamoDbError.ResourceNotFound.with(
                            "Requested resource not found: Index: " + name + " not found");
                }
                indexes.set(
                        indexes.indexOf(gone), gone.withStatus(SecondaryIndex.DELETING, settles, gone.backfilled()));
                // Its entries go now; a write that read the schema before may still add one, which no read sees.
                tables.store().commit(new TableBatch().deleteIndex(table.id, gone.number()));
            } else if (update.update() != null) {
                updateThroughput(table, indexes, update.update());
            }
        }
        table.setIndexes(indexes);
        return created;
    }

    private static SecondaryIndex create(
            Table table,
            @Nullable List<AttributeDefinition> definitions,
            CreateGlobalSecondaryIndexAction action,
            long settles) {
        if (table.liveIndex(String.valueOf(action.indexName())) != null) {
            throw DynamoDbError.Validation.with(
                    TableRequests.INVALID + "Index with name: " + action.indexName() + " already exists");
        }
        if (table.indexes.stream().filter(SecondaryIndex::global).count() >= TableRequests.GLOBAL_INDEXES_MAX) {
            throw DynamoDbError.LimitExceeded.with("Subscriber limit exceeded: Only " + TableRequests.GLOBAL_INDEXES_MAX
                    + " global secondary indexes can be created per table");
        }
        Map<String, AttributeDefinition> merged = new LinkedHashMap<>();
        table.attributeDefinitions.forEach(definition -> merged.put(definition.attributeName(), definition));
        if (definitions != null) {
            for (AttributeDefinition definition : definitions) {
                AttributeDefinition existing = merged.get(definition.attributeName());
                if (existing != null && !existing.equals(definition)) {
                    throw DynamoDbError.Validation.with(TableRequests.INVALID + "Cannot change the type of"
                            + " attribute " + definition.attributeName() + " from " + existing.attributeType() + " to "
                            + definition.attributeType());
                }
                merged.put(definition.attributeName(), definition);
            }
        }
        Map<String, Type> types = TableRequests.attributeTypes(new ArrayList<>(merged.values()));
        SecondaryIndex index = TableRequests.createdIndex(
                table.nextIndex,
                action.indexName(),
                action.keySchema(),
                action.projection(),
                action.provisionedThroughput(),
                table.billingMode.equals(Table.PAY_PER_REQUEST),
                types);
        table.nextIndex++;
        table.attributeDefinitions = List.copyOf(merged.values());
        return index.withStatus(SecondaryIndex.CREATING, settles, false);
    }

    private static void updateThroughput(
            Table table, List<SecondaryIndex> indexes, dev.wharf.dynamodb.api.UpdateGlobalSecondaryIndexAction update) {
        String name = String.valueOf(update.indexName());
        SecondaryIndex index = table.liveIndex(name);
        if (index == null || !index.global()) {
            throw DynamoDbError.ResourceNotFound.with("Requested resource not found: Index: " + name + " not found");
        }
        ProvisionedThroughput throughput = update.provisionedThroughput();
        if (throughput != null && throughput.readCapacityUnits() != null && throughput.writeCapacityUnits() != null) {
            indexes.set(
                    indexes.indexOf(index),
                    index.withThroughput(throughput.readCapacityUnits(), throughput.writeCapacityUnits()));
        }
    }

    TimeToLiveDescription describeTimeToLive(DynamoDbContext context, @Nullable String tableName) {
        Table table = tables.described(context, tableName);
        table.lock.lock();
        try {
            return new TimeToLiveDescription(table.ttlEnabled ? "ENABLED" : "DISABLED", table.ttlAttribute);
        } finally {
            table.lock.unlock();
        }
    }

    TimeToLiveSpecification updateTimeToLive(
            DynamoDbContext context, @Nullable String tableName, @Nullable TimeToLiveSpecification specification) {
        MemberConstraints.check()
                .notNull("timeToLiveSpecification", specification)
                .validate(DynamoDbError.Validation);
        TimeToLiveSpecification given = java.util.Objects.requireNonNull(specification);
        MemberConstraints.check()
                .notNull("timeToLiveSpecification.attributeName", given.attributeName())
                .notNull("timeToLiveSpecification.enabled", given.enabled())
                .length("timeToLiveSpecification.attributeName", given.attributeName(), 1, 255, false)
                .validate(DynamoDbError.Validation);
        Table table = tables.described(context, tableName);
        table.lock.lock();
        try {
            boolean enable = Boolean.TRUE.equals(given.enabled());
            if (enable == table.ttlEnabled) {
                throw DynamoDbError.Validation.with(
                        enable ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
            }
            if (!enable && !String.valueOf(given.attributeName()).equals(table.ttlAttribute)) {
                throw DynamoDbError.Validation.with(
                        "The specified attribute name does not match the current" + " TimeToLive attribute name");
            }
            table.ttlEnabled = enable;
            table.ttlAttribute = enable ? given.attributeName() : null;
            tables.save(table);
            return given;
        } finally {
            table.lock.unlock();
        }
    }

    ContinuousBackupsDescription describeContinuousBackups(DynamoDbContext context, @Nullable String tableName) {
        Table table = tables.described(context, tableName);
        table.lock.lock();
        try {
            return backups(table, tables.now());
        } finally {
            table.lock.unlock();
        }
    }

    ContinuousBackupsDescription updateContinuousBackups(
            DynamoDbContext context,
            @Nullable String tableName,
            @Nullable PointInTimeRecoverySpecification specification) {
        MemberConstraints.check()
                .notNull("pointInTimeRecoverySpecification", specification)
                .validate(DynamoDbError.Validation);
        PointInTimeRecoverySpecification given = java.util.Objects.requireNonNull(specification);
        Integer days = given.recoveryPeriodInDays();
        if (days != null && (days < 1 || days > RECOVERY_DAYS_DEFAULT)) {
            throw DynamoDbError.Validation.with("1 validation error detected: Value '" + days
                    + "' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint:"
                    + " Member must have value between 1 and " + RECOVERY_DAYS_DEFAULT);
        }
        Table table = tables.described(context, tableName);
        table.lock.lock();
        try {
            boolean enable = Boolean.TRUE.equals(given.pointInTimeRecoveryEnabled());
            long now = tables.now();
            if (enable && !table.pointInTimeRecovery) {
                table.pointInTimeRecoverySinceMillis = now;
            }
            table.pointInTimeRecovery = enable;
            table.recoveryPeriodInDays = enable ? (days == null ? RECOVERY_DAYS_DEFAULT : days) : 0;
            tables.save(table);
            return backups(table, now);
        } finally {
            table.lock.unlock();
        }
    }

    private static ContinuousBackupsDescription backups(Table table, long now) {
        PointInTimeRecoveryDescription recovery = table.pointInTimeRecovery
                ? new PointInTimeRecoveryDescription(
                        "ENABLED",
                        table.recoveryPeriodInDays,
                        Instant.ofEpochMilli(Math.max(
                                table.pointInTimeRecoverySinceMillis, now - table.recoveryPeriodInDays * 86_400_000L)),
                        Instant.ofEpochMilli(now))
                : new PointInTimeRecoveryDescription("DISABLED", null, null, null);
        return new ContinuousBackupsDescription("ENABLED", recovery);
    }
}
