package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.api.AttributeDefinition;
import dev.wharf.dynamodb.api.StreamSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One table: what never changes (its store id, name, ARN and creation), its control-plane state guarded by {@link
 * #lock}, the {@link Schema} that item operations read without the lock, and its approximate item count and size.
 */
final class Table {

    static final String CREATING = "CREATING";
    static final String ACTIVE = "ACTIVE";
    static final String UPDATING = "UPDATING";
    static final String DELETING = "DELETING";
    static final String PROVISIONED = "PROVISIONED";
    static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    /** What a settled table became. */
    enum Settled {
        UNCHANGED,
        CHANGED,
        GONE
    }

    final long id;
    final String accountId;
    final String name;
    final String arn;
    final String tableUuid;
    final long createdMillis;

    /** Guards every field below that is not final, volatile or atomic; held across the commit of a change. */
    final ReentrantLock lock = new ReentrantLock();

    String status;
    long settlesAtMillis;
    List<AttributeDefinition> attributeDefinitions;
    KeySchema keys;
    List<SecondaryIndex> indexes;
    int nextIndex;
    String billingMode;
    long readCapacityUnits;
    long writeCapacityUnits;
    long payPerRequestSinceMillis;
    long lastIncreaseMillis;
    long lastDecreaseMillis;
    boolean deletionProtection;
    final Map<String, String> tags = new LinkedHashMap<>();
    boolean ttlEnabled;

    @Nullable
    String ttlAttribute;

    boolean pointInTimeRecovery;
    int recoveryPeriodInDays;
    long pointInTimeRecoverySinceMillis;

    @Nullable
    StreamSpecification streamSpecification;

    @Nullable
    String tableClass;

    /** What item operations read; replaced whole, under the lock, when the indexes change. */
    volatile Schema schema;

    /** Items and their bytes, kept by every write; saved now and then (AWS updates them every six hours or so). */
    final AtomicLong itemCount = new AtomicLong();

    final AtomicLong sizeBytes = new AtomicLong();
    /** When the counts were last written to the store. */
    final AtomicLong statsSavedMillis = new AtomicLong();

    /** Its figures for CloudWatch since the last snapshot; they go with the table. */
    final TableCounts counts = new TableCounts();

    Table(
            long id,
            String accountId,
            String name,
            String arn,
            String tableUuid,
            long createdMillis,
            KeySchema keys,
            List<SecondaryIndex> indexes) {
        this.id = id;
        this.accountId = accountId;
        this.name = name;
        this.arn = arn;
        this.tableUuid = tableUuid;
        this.createdMillis = createdMillis;
        this.keys = keys;
        this.indexes = List.copyOf(indexes);
        this.status = CREATING;
        this.attributeDefinitions = List.of();
        this.billingMode = PROVISIONED;
        this.schema = new Schema(id, name, arn, keys, this.indexes);
    }

    /** Lock must be held: replaces the indexes and the schema that item operations read. */
    void setIndexes(List<SecondaryIndex> changed) {
        indexes = List.copyOf(changed);
        schema = new Schema(id, name, arn, keys, indexes);
    }

    /** Whether item operations may run: AWS refuses them while the table is created or deleted. */
    boolean servesItems() {
        return status.equals(ACTIVE) || status.equals(UPDATING);
    }

    /**
     * Lock must be held: ends the transitions whose time has come. A table CREATING or UPDATING becomes ACTIVE, one
     * DELETING is gone; an index CREATING becomes ACTIVE once backfilled, one DELETING leaves the list.
     */
    Settled settle(long nowMillis) {
        if (status.equals(DELETING)) {
            return nowMillis >= settlesAtMillis ? Settled.GONE : Settled.UNCHANGED;
        }
        boolean changed = false;
        if (!status.equals(ACTIVE) && nowMillis >= settlesAtMillis) {
            status = ACTIVE;
            changed = true;
        }
        List<SecondaryIndex> settled = new ArrayList<>();
        for (SecondaryIndex index : indexes) {
            boolean due = nowMillis >= index.settlesAtMillis();
            if (index.status().equals(SecondaryIndex.DELETING) && due) {
                changed = true;
            } else if (index.status().equals(SecondaryIndex.CREATING) && index.backfilled() && due) {
                settled.add(index.withStatus(SecondaryIndex.ACTIVE, index.settlesAtMillis(), true));
                changed = true;
            } else {
                settled.add(index);
            }
        }
        if (changed) {
            setIndexes(settled);
        }
        return changed ? Settled.CHANGED : Settled.UNCHANGED;
    }

    /** Lock must be held: the index of that name that is not being deleted, or null. */
    @Nullable
    SecondaryIndex liveIndex(String indexName) {
        for (SecondaryIndex index : indexes) {
            if (index.name().equals(indexName) && index.maintained()) {
                return index;
            }
        }
        return null;
    }
}
