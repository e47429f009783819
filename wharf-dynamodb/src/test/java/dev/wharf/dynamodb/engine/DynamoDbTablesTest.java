package dev.wharf.dynamodb.engine;

import static dev.wharf.dynamodb.engine.Fixtures.CONTEXT;
import static dev.wharf.dynamodb.engine.Fixtures.assertError;
import static dev.wharf.dynamodb.engine.Fixtures.attribute;
import static dev.wharf.dynamodb.engine.Fixtures.gsi;
import static dev.wharf.dynamodb.engine.Fixtures.hash;
import static dev.wharf.dynamodb.engine.Fixtures.nn;
import static dev.wharf.dynamodb.engine.Fixtures.range;
import static dev.wharf.dynamodb.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.dynamodb.api.CreateGlobalSecondaryIndexAction;
import dev.wharf.dynamodb.api.DeleteGlobalSecondaryIndexAction;
import dev.wharf.dynamodb.api.DeleteTableRequest;
import dev.wharf.dynamodb.api.DescribeContinuousBackupsRequest;
import dev.wharf.dynamodb.api.DescribeTableRequest;
import dev.wharf.dynamodb.api.DescribeTimeToLiveRequest;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.GlobalSecondaryIndexDescription;
import dev.wharf.dynamodb.api.GlobalSecondaryIndexUpdate;
import dev.wharf.dynamodb.api.ListTablesRequest;
import dev.wharf.dynamodb.api.ListTablesResponse;
import dev.wharf.dynamodb.api.ListTagsOfResourceRequest;
import dev.wharf.dynamodb.api.PointInTimeRecoverySpecification;
import dev.wharf.dynamodb.api.Projection;
import dev.wharf.dynamodb.api.ProvisionedThroughput;
import dev.wharf.dynamodb.api.TableDescription;
import dev.wharf.dynamodb.api.Tag;
import dev.wharf.dynamodb.api.TagResourceRequest;
import dev.wharf.dynamodb.api.TimeToLiveSpecification;
import dev.wharf.dynamodb.api.UntagResourceRequest;
import dev.wharf.dynamodb.api.UpdateContinuousBackupsRequest;
import dev.wharf.dynamodb.api.UpdateTableRequest;
import dev.wharf.dynamodb.api.UpdateTimeToLiveRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** CreateTable, DescribeTable, UpdateTable, ListTables, DeleteTable and the settings beside a table. */
class DynamoDbTablesTest {

    private final Fixtures fixtures = new Fixtures();

    private TableDescription describe(String name) {
        return nn(fixtures.engine
                .describeTable(CONTEXT, new DescribeTableRequest(name))
                .table());
    }

    private static UpdateTableRequest update(
            String name,
            @Nullable String billingMode,
            @Nullable ProvisionedThroughput throughput,
            @Nullable List<GlobalSecondaryIndexUpdate> indexes,
            @Nullable Boolean deletionProtection,
            @Nullable List<dev.wharf.dynamodb.api.AttributeDefinition> attributes) {
        return new UpdateTableRequest(
                attributes,
                name,
                billingMode,
                throughput,
                indexes,
                null,
                null,
                null,
                null,
                deletionProtection,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aTableIsCreatingUntilItsTransitionEndsAndThenActive() {
        TableDescription created = nn(fixtures.engine
                .createTable(
                        CONTEXT, table("leases", List.of(attribute("leaseKey", "S")), List.of(hash("leaseKey")), null))
                .tableDescription());

        assertThat(created.tableStatus()).isEqualTo("CREATING");
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/leases");
        assertThat(created.tableId()).hasSize(36);
        assertThat(created.itemCount()).isZero();
        assertThat(created.tableSizeBytes()).isZero();
        assertThat(nn(created.billingModeSummary()).billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(nn(created.provisionedThroughput()).readCapacityUnits()).isZero();
        assertThat(created.deletionProtectionEnabled()).isFalse();
        assertThat(describe("leases").tableStatus()).isEqualTo("CREATING");
        fixtures.clock.advance(Fixtures.TRANSITION.minusMillis(1));
        assertThat(describe("leases").tableStatus()).isEqualTo("CREATING");
        fixtures.clock.advance(java.time.Duration.ofMillis(1));
        assertThat(describe("leases").tableStatus()).isEqualTo("ACTIVE");
        assertThat(describe("leases").keySchema()).containsExactly(hash("leaseKey"));
    }

    @Test
    void itemOperationsOnACreatingTableFindNoTable() {
        fixtures.engine.createTable(CONTEXT, table("young", List.of(attribute("pk", "S")), List.of(hash("pk")), null));

        assertError(
                () -> fixtures.engine.getItem(
                        CONTEXT,
                        new dev.wharf.dynamodb.api.GetItemRequest(
                                "young", Fixtures.item("pk", Fixtures.s("a")), null, null, null, null, null)),
                DynamoDbError.ResourceNotFound,
                "Requested resource not found");
    }

    @Test
    void createTableRefusesWhatAwsRefusesWithItsMessages() {
        fixtures.createTable("taken", false);
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT, table("taken", List.of(attribute("pk", "S")), List.of(hash("pk")), null)),
                DynamoDbError.ResourceInUse,
                "Table already exists: taken");
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT, table("ab", List.of(attribute("pk", "S")), List.of(hash("pk")), null)),
                DynamoDbError.Validation,
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 3");
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT, table("nokey", List.of(attribute("other", "S")), List.of(hash("pk")), null)),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Some index key attributes are not defined in"
                        + " AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]");
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT,
                        table(
                                "extra",
                                List.of(attribute("pk", "S"), attribute("more", "N")),
                                List.of(hash("pk")),
                                null)),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match"
                        + " number of attributes defined in AttributeDefinitions");
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT, table("rangefirst", List.of(attribute("pk", "S")), List.of(range("pk")), null)),
                DynamoDbError.Validation,
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        assertError(
                () -> fixtures.engine.createTable(
                        CONTEXT,
                        Fixtures.provisioned("noput", List.of(attribute("pk", "S")), List.of(hash("pk")), 0, 5)),
                DynamoDbError.Validation,
                "Given value 0 for ReadCapacityUnits is out of bounds");
    }

    @Test
    void listTablesPagesThroughNamesInOrder() {
        for (String name : List.of("charlie", "alpha", "bravo", "delta")) {
            fixtures.createTable(name, false);
        }

        ListTablesResponse first = fixtures.engine.listTables(CONTEXT, new ListTablesRequest(null, 2));
        assertThat(first.tableNames()).containsExactly("alpha", "bravo");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("bravo");
        ListTablesResponse second = fixtures.engine.listTables(CONTEXT, new ListTablesRequest("bravo", 2));
        assertThat(second.tableNames()).containsExactly("charlie", "delta");
        assertThat(second.lastEvaluatedTableName()).isNull();
        assertThat(fixtures.engine
                        .listTables(
                                new dev.wharf.dynamodb.api.DynamoDbContext("999999999999", "us-east-1"),
                                new ListTablesRequest(null, null))
                        .tableNames())
                .isEmpty();
        assertError(
                () -> fixtures.engine.listTables(CONTEXT, new ListTablesRequest(null, 101)),
                DynamoDbError.Validation,
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have"
                        + " value less than or equal to 100");
    }

    @Test
    void deleteTableIsDeletingThenGoneWithItsItemsAndTheNameIsFreeAgain() {
        fixtures.createTable("doomed", false);
        fixtures.engine.putItem(CONTEXT, Requests.put("doomed", Fixtures.item("pk", Fixtures.s("a"))));

        TableDescription deleting = nn(fixtures.engine
                .deleteTable(CONTEXT, new DeleteTableRequest("doomed"))
                .tableDescription());
        assertThat(deleting.tableStatus()).isEqualTo("DELETING");
        assertThat(describe("doomed").tableStatus()).isEqualTo("DELETING");
        assertError(
                () -> fixtures.engine.deleteTable(CONTEXT, new DeleteTableRequest("doomed")),
                DynamoDbError.ResourceInUse,
                "Attempt to change a resource which is still in use: Table is being deleted: doomed");
        fixtures.settle();
        assertError(
                () -> describe("doomed"),
                DynamoDbError.ResourceNotFound,
                "Requested resource not found: Table: doomed not found");

        fixtures.createTable("doomed", false);
        assertThat(fixtures.engine
                        .getItem(CONTEXT, Requests.get("doomed", Fixtures.item("pk", Fixtures.s("a"))))
                        .item())
                .isNull();
    }

    @Test
    void deletionProtectionRefusesDeleteTableUntilItIsTurnedOff() {
        fixtures.createTable("kept", false);
        TableDescription updated = nn(fixtures.engine
                .updateTable(CONTEXT, update("kept", null, null, null, true, null))
                .tableDescription());
        assertThat(updated.deletionProtectionEnabled()).isTrue();
        assertThat(updated.tableStatus()).isEqualTo("ACTIVE");

        assertError(
                () -> fixtures.engine.deleteTable(CONTEXT, new DeleteTableRequest("kept")),
                DynamoDbError.Validation,
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion"
                        + " protection first.");
        fixtures.engine.updateTable(CONTEXT, update("kept", null, null, null, false, null));
        assertThat(nn(fixtures.engine
                                .deleteTable(CONTEXT, new DeleteTableRequest("kept"))
                                .tableDescription())
                        .tableStatus())
                .isEqualTo("DELETING");
    }

    @Test
    void updateTableSwitchesBillingAndIsUpdatingMeanwhile() {
        fixtures.engine.createTable(
                CONTEXT, Fixtures.provisioned("billed", List.of(attribute("pk", "S")), List.of(hash("pk")), 5, 5));
        fixtures.settle();
        assertThat(describe("billed").billingModeSummary()).isNull();
        assertThat(nn(describe("billed").provisionedThroughput()).readCapacityUnits())
                .isEqualTo(5);

        TableDescription updating = nn(fixtures.engine
                .updateTable(CONTEXT, update("billed", "PAY_PER_REQUEST", null, null, null, null))
                .tableDescription());
        assertThat(updating.tableStatus()).isEqualTo("UPDATING");
        assertError(
                () -> fixtures.engine.updateTable(CONTEXT, update("billed", "PROVISIONED", null, null, null, null)),
                DynamoDbError.ResourceInUse,
                "Attempt to change a resource which is still in use: Table is being updated: billed");
        fixtures.settle();
        TableDescription onDemand = describe("billed");
        assertThat(onDemand.tableStatus()).isEqualTo("ACTIVE");
        assertThat(nn(onDemand.billingModeSummary()).billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(nn(onDemand.billingModeSummary()).lastUpdateToPayPerRequestDateTime())
                .isEqualTo(fixtures.clock.instant().minus(Fixtures.TRANSITION));
        assertError(
                () -> fixtures.engine.updateTable(CONTEXT, update("billed", "PROVISIONED", null, null, null, null)),
                DynamoDbError.Validation,
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be"
                        + " specified when BillingMode is PROVISIONED");
        assertError(
                () -> fixtures.engine.updateTable(CONTEXT, update("billed", null, null, null, null, null)),
                DynamoDbError.Validation,
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates"
                        + " or SSESpecification or ReplicaUpdates is required");
    }

    @Test
    void aGlobalIndexCreatedByUpdateTableIsBackfilledThenActiveAndDeletedAgain() {
        fixtures.createTable("indexed", false);
        for (int i = 0; i < 250; i++) {
            fixtures.engine.putItem(
                    CONTEXT,
                    Requests.put(
                            "indexed", Fixtures.item("pk", Fixtures.s("k" + i), "owner", Fixtures.s("w" + (i % 3)))));
        }
        CreateGlobalSecondaryIndexAction create = new CreateGlobalSecondaryIndexAction(
                "byOwner", List.of(hash("owner")), new Projection("KEYS_ONLY", null), null, null, null);

        TableDescription updating = nn(fixtures.engine
                .updateTable(
                        CONTEXT,
                        update(
                                "indexed",
                                null,
                                null,
                                List.of(new GlobalSecondaryIndexUpdate(null, create, null)),
                                null,
                                List.of(attribute("owner", "S"))))
                .tableDescription());

        GlobalSecondaryIndexDescription index =
                nn(updating.globalSecondaryIndexes()).get(0);
        assertThat(index.indexStatus()).isEqualTo("CREATING");
        assertThat(index.indexArn()).isEqualTo(updating.tableArn() + "/index/byOwner");
        assertThat(updating.attributeDefinitions()).containsExactly(attribute("pk", "S"), attribute("owner", "S"));
        // The backfill ran on the test's executor, within the call; the index is ACTIVE once its time is over.
        assertThat(nn(describe("indexed").globalSecondaryIndexes()).get(0).backfilling())
                .isFalse();
        fixtures.settle();
        assertThat(nn(describe("indexed").globalSecondaryIndexes()).get(0).indexStatus())
                .isEqualTo("ACTIVE");
        assertThat(nn(describe("indexed").globalSecondaryIndexes()).get(0).backfilling())
                .isNull();
        assertThat(entries(1, 1, "w1")).isEqualTo(83);

        fixtures.engine.updateTable(
                CONTEXT,
                update(
                        "indexed",
                        null,
                        null,
                        List.of(new GlobalSecondaryIndexUpdate(
                                null, null, new DeleteGlobalSecondaryIndexAction("byOwner"))),
                        null,
                        null));
        assertThat(nn(describe("indexed").globalSecondaryIndexes()).get(0).indexStatus())
                .isEqualTo("DELETING");
        fixtures.settle();
        assertThat(describe("indexed").globalSecondaryIndexes()).isNull();
    }

    /** The entries of one partition of an index, as the store holds them. */
    private int entries(long tableId, int index, String partition) {
        int[] count = {0};
        fixtures.storage
                .tables()
                .scanPartition(
                        tableId,
                        index,
                        dev.wharf.dynamodb.engine.value.KeyBytes.partitionKey(
                                new dev.wharf.dynamodb.engine.value.Value.S(partition)),
                        null,
                        null,
                        false,
                        (p, sort, value) -> ++count[0] > 0);
        return count[0];
    }

    @Test
    void tagsAreAddedListedAndRemovedByTheTablesArn() {
        fixtures.createTable("tagged", false);
        String arn = nn(describe("tagged").tableArn());

        fixtures.engine.tagResource(
                CONTEXT, new TagResourceRequest(arn, List.of(new Tag("team", "a"), new Tag("env", "dev"))));
        fixtures.engine.tagResource(CONTEXT, new TagResourceRequest(arn, List.of(new Tag("team", "b"))));
        assertThat(fixtures.engine
                        .listTagsOfResource(CONTEXT, new ListTagsOfResourceRequest(arn, null))
                        .tags())
                .containsExactly(new Tag("team", "b"), new Tag("env", "dev"));
        fixtures.engine.untagResource(CONTEXT, new UntagResourceRequest(arn, List.of("team", "other")));
        assertThat(fixtures.engine
                        .listTagsOfResource(CONTEXT, new ListTagsOfResourceRequest(arn, null))
                        .tags())
                .containsExactly(new Tag("env", "dev"));

        assertError(
                () -> fixtures.engine.listTagsOfResource(CONTEXT, new ListTagsOfResourceRequest("nope", null)),
                DynamoDbError.Validation,
                "Invalid TableArn: Invalid ResourceArn provided as input nope");
        String missing = arn.replace("tagged", "missing");
        assertError(
                () -> fixtures.engine.listTagsOfResource(CONTEXT, new ListTagsOfResourceRequest(missing, null)),
                DynamoDbError.ResourceNotFound,
                "Requested resource not found: ResourcArn: " + missing + " not found");
    }

    @Test
    void timeToLiveAndContinuousBackupsAreStoredAndSurviveARestart() {
        fixtures.createTable("settings", false);
        assertThat(nn(fixtures.engine
                                .describeTimeToLive(CONTEXT, new DescribeTimeToLiveRequest("settings"))
                                .timeToLiveDescription())
                        .timeToLiveStatus())
                .isEqualTo("DISABLED");
        fixtures.engine.updateTimeToLive(
                CONTEXT, new UpdateTimeToLiveRequest("settings", new TimeToLiveSpecification(true, "expires")));
        assertError(
                () -> fixtures.engine.updateTimeToLive(
                        CONTEXT, new UpdateTimeToLiveRequest("settings", new TimeToLiveSpecification(true, "expires"))),
                DynamoDbError.Validation,
                "TimeToLive is already enabled");
        fixtures.engine.updateContinuousBackups(
                CONTEXT, new UpdateContinuousBackupsRequest("settings", new PointInTimeRecoverySpecification(true, 7)));

        fixtures.reopen();

        assertThat(fixtures.engine
                        .describeTimeToLive(CONTEXT, new DescribeTimeToLiveRequest("settings"))
                        .timeToLiveDescription())
                .isEqualTo(new dev.wharf.dynamodb.api.TimeToLiveDescription("ENABLED", "expires"));
        var backups = nn(fixtures.engine
                .describeContinuousBackups(CONTEXT, new DescribeContinuousBackupsRequest("settings"))
                .continuousBackupsDescription());
        assertThat(backups.continuousBackupsStatus()).isEqualTo("ENABLED");
        assertThat(nn(backups.pointInTimeRecoveryDescription()).pointInTimeRecoveryStatus())
                .isEqualTo("ENABLED");
        assertThat(nn(backups.pointInTimeRecoveryDescription()).recoveryPeriodInDays())
                .isEqualTo(7);
    }

    @Test
    void tablesAndTheirGlobalIndexesSurviveARestart() {
        fixtures.engine.createTable(
                CONTEXT,
                table(
                        "durable",
                        List.of(attribute("pk", "S"), attribute("sk", "N"), attribute("g", "S")),
                        List.of(hash("pk"), range("sk")),
                        List.of(gsi("byG", List.of(hash("g"), range("sk")), "ALL"))));
        fixtures.settle();
        TableDescription before = describe("durable");

        fixtures.reopen();

        TableDescription after = describe("durable");
        assertThat(after).isEqualTo(before);
        assertThat(nn(after.globalSecondaryIndexes()).get(0).indexStatus()).isEqualTo("ACTIVE");
    }
}
