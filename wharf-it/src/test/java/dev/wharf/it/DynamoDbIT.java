package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

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
}
