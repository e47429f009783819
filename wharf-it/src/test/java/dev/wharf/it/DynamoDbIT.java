package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** DynamoDB through the SDK for Java v2, which speaks AWS JSON 1.0 and checks every answer's CRC-32. */
@WharfTest
class DynamoDbIT {

    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(wharf.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @AfterAll
    static void disconnect() {
        dynamoDb.close();
    }

    private static TableDescription createTable(String name) {
        TableDescription created = dynamoDb.createTable(b -> b.tableName(name)
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .billingMode(BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        return created;
    }

    @Test
    void aTableIsCreatedWaitedForAndDescribed() {
        TableDescription created = createTable("described");
        assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);

        TableDescription table =
                dynamoDb.describeTable(b -> b.tableName("described")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/described");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.keySchema()).hasSize(1);
        assertThat(table.tableId()).isNotBlank();
        assertThat(table.deletionProtectionEnabled()).isFalse();
        assertThat(dynamoDb.listTables().tableNames()).contains("described");

        ResourceInUseException again =
                catchThrowableOfType(ResourceInUseException.class, () -> createTable("described"));
        assertThat(again.awsErrorDetails().errorMessage()).isEqualTo("Table already exists: described");
    }

    @Test
    void itemsArePutReadAndDeleted() {
        createTable("items");
        Map<String, AttributeValue> item = Map.of(
                "id", AttributeValue.fromS("lease-1"),
                "counter", AttributeValue.fromN("42"),
                "owner", AttributeValue.fromS("worker-a"),
                "nothing", AttributeValue.fromNul(true));
        dynamoDb.putItem(b -> b.tableName("items").item(item));

        assertThat(dynamoDb.getItem(b -> b.tableName("items").key(Map.of("id", AttributeValue.fromS("lease-1"))))
                        .item())
                .isEqualTo(item);
        Map<String, AttributeValue> old = dynamoDb.deleteItem(b -> b.tableName("items")
                        .key(Map.of("id", AttributeValue.fromS("lease-1")))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        assertThat(old).isEqualTo(item);
        assertThat(dynamoDb.getItem(b -> b.tableName("items").key(Map.of("id", AttributeValue.fromS("lease-1"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void errorsCarryDynamoDbsCodesAndMessages() {
        ResourceNotFoundException missing = catchThrowableOfType(
                ResourceNotFoundException.class, () -> dynamoDb.describeTable(b -> b.tableName("missing")));
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("Requested resource not found: Table: missing not found");
        assertThat(missing.statusCode()).isEqualTo(400);

        createTable("errors");
        DynamoDbException mismatch = catchThrowableOfType(
                DynamoDbException.class,
                () -> dynamoDb.getItem(b -> b.tableName("errors").key(Map.of("id", AttributeValue.fromN("1")))));
        assertThat(mismatch.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(mismatch.awsErrorDetails().errorMessage())
                .isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void aFailedConditionAnswersTheItemAndUpdatesReturnWhatTheyAskFor() {
        createTable("leases");
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("shard-0"));
        dynamoDb.putItem(b -> b.tableName("leases")
                .item(Map.of("id", AttributeValue.fromS("shard-0"), "leaseOwner", AttributeValue.fromS("a")))
                .conditionExpression("attribute_not_exists(id)"));

        ConditionalCheckFailedException failed = catchThrowableOfType(
                ConditionalCheckFailedException.class,
                () -> dynamoDb.updateItem(b -> b.tableName("leases")
                        .key(key)
                        .updateExpression("SET leaseOwner = :b")
                        .conditionExpression("leaseOwner = :expected")
                        .expressionAttributeValues(
                                Map.of(":b", AttributeValue.fromS("b"), ":expected", AttributeValue.fromS("x")))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(failed.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
        assertThat(failed.item()).containsEntry("leaseOwner", AttributeValue.fromS("a"));

        Map<String, AttributeValue> updated = dynamoDb.updateItem(b -> b.tableName("leases")
                        .key(key)
                        .updateExpression("SET leaseOwner = :b ADD leaseCounter :one")
                        .conditionExpression("leaseOwner = :a")
                        .expressionAttributeValues(Map.of(
                                ":a", AttributeValue.fromS("a"),
                                ":b", AttributeValue.fromS("b"),
                                ":one", AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        assertThat(updated)
                .isEqualTo(Map.of("leaseOwner", AttributeValue.fromS("b"), "leaseCounter", AttributeValue.fromN("1")));
    }

    @Test
    void queriesAndScansPageThroughATableAndAGlobalIndexAddedLater() {
        dynamoDb.createTable(b -> b.tableName("paged")
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk")
                        .keyType(KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName("paged"));
        for (int i = 0; i < 40; i++) {
            int sk = i;
            dynamoDb.putItem(b -> b.tableName("paged")
                    .item(Map.of(
                            "pk", AttributeValue.fromS("p" + (sk % 2)),
                            "sk", AttributeValue.fromN(Integer.toString(sk)),
                            "group", AttributeValue.fromS("g" + (sk % 4)))));
        }
        List<String> descending = dynamoDb
                .queryPaginator(b -> b.tableName("paged")
                        .keyConditionExpression("pk = :p AND sk < :s")
                        .expressionAttributeValues(
                                Map.of(":p", AttributeValue.fromS("p1"), ":s", AttributeValue.fromN("10")))
                        .scanIndexForward(false)
                        .limit(2))
                .items()
                .stream()
                .map(item -> item.get("sk").n())
                .toList();
        assertThat(descending).containsExactly("9", "7", "5", "3", "1");

        dynamoDb.updateTable(b -> b.tableName("paged")
                .attributeDefinitions(a -> a.attributeName("group").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byGroup")
                        .keySchema(k -> k.attributeName("group").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> dynamoDb.describeTable(b -> b.tableName("paged"))
                                .table()
                                .globalSecondaryIndexes()
                                .get(0)
                                .indexStatus()
                        == IndexStatus.ACTIVE);
        long grouped = dynamoDb
                .queryPaginator(b -> b.tableName("paged")
                        .indexName("byGroup")
                        .keyConditionExpression("#g = :g")
                        .expressionAttributeNames(Map.of("#g", "group"))
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g3")))
                        .limit(3))
                .items()
                .stream()
                .count();
        assertThat(grouped).isEqualTo(10);
        long scanned = 0;
        for (int segment = 0; segment < 3; segment++) {
            int s = segment;
            scanned +=
                    dynamoDb
                            .scanPaginator(b -> b.tableName("paged")
                                    .segment(s)
                                    .totalSegments(3)
                                    .limit(5))
                            .items()
                            .stream()
                            .count();
        }
        assertThat(scanned).isEqualTo(40);
    }

    @Test
    void transactionsAndBatchesCommitTogetherAndExplainACancellation() {
        createTable("ledger");
        dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(
                "ledger",
                List.of(
                        WriteRequest.builder()
                                .putRequest(p ->
                                        p.item(Map.of("id", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1"))))
                                .build(),
                        WriteRequest.builder()
                                .putRequest(p -> p.item(Map.of("id", AttributeValue.fromS("b"))))
                                .build()))));
        assertThat(dynamoDb.batchGetItem(b -> b.requestItems(Map.of(
                                "ledger",
                                KeysAndAttributes.builder()
                                        .keys(
                                                Map.of("id", AttributeValue.fromS("a")),
                                                Map.of("id", AttributeValue.fromS("b")))
                                        .build())))
                        .responses()
                        .get("ledger"))
                .hasSize(2);

        TransactionCanceledException cancelled = catchThrowableOfType(
                TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(b -> b.transactItems(
                        t -> t.put(p -> p.tableName("ledger").item(Map.of("id", AttributeValue.fromS("c")))),
                        t -> t.conditionCheck(c -> c.tableName("ledger")
                                .key(Map.of("id", AttributeValue.fromS("b")))
                                .conditionExpression("attribute_exists(n)")))));
        assertThat(cancelled.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(cancelled.awsErrorDetails().errorMessage())
                .isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None,"
                        + " ConditionalCheckFailed]");
        assertThat(dynamoDb.getItem(b -> b.tableName("ledger").key(Map.of("id", AttributeValue.fromS("c"))))
                        .hasItem())
                .isFalse();

        dynamoDb.transactWriteItems(b -> b.clientRequestToken("once")
                .transactItems(t -> t.update(u -> u.tableName("ledger")
                        .key(Map.of("id", AttributeValue.fromS("a")))
                        .updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
        assertThat(dynamoDb.transactGetItems(b -> b.transactItems(
                                t -> t.get(g -> g.tableName("ledger").key(Map.of("id", AttributeValue.fromS("a"))))))
                        .responses()
                        .get(0)
                        .item()
                        .get("n"))
                .isEqualTo(AttributeValue.fromN("2"));
    }

    @Test
    void theTablesSettingsAreKeptAndDeletionProtectionHolds() {
        createTable("settings");
        String arn =
                dynamoDb.describeTable(b -> b.tableName("settings")).table().tableArn();
        dynamoDb.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("team").value("kcl")));
        assertThat(dynamoDb.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("kcl").build());
        dynamoDb.updateTimeToLive(b -> b.tableName("settings")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        assertThat(dynamoDb.describeTimeToLive(b -> b.tableName("settings"))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.ENABLED);
        dynamoDb.updateContinuousBackups(
                b -> b.tableName("settings").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        assertThat(dynamoDb.describeContinuousBackups(b -> b.tableName("settings"))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        dynamoDb.updateTable(b -> b.tableName("settings").deletionProtectionEnabled(true));
        DynamoDbException protectedTable =
                catchThrowableOfType(DynamoDbException.class, () -> dynamoDb.deleteTable(b -> b.tableName("settings")));
        assertThat(protectedTable.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(dynamoDb.describeLimits().tableMaxWriteCapacityUnits()).isEqualTo(40_000L);
        assertThat(dynamoDb.describeEndpoints().endpoints()).hasSize(1);
    }
}
