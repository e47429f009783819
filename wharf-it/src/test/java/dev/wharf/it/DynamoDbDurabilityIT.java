package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * DynamoDB through a SIGKILL of a real Wharf process (sync store): with writers putting items, incrementing counters
 * and committing transactions when the process dies, every acknowledged item, increment and transaction is there after
 * the restart, in the table and in its global secondary index, and no transaction is there by half.
 */
class DynamoDbDurabilityIT {

    private static final int WRITERS = 4;

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    @Test
    void acknowledgedItemsIncrementsAndTransactionsSurviveSigkill(@TempDir Path dataDir) throws Exception {
        long[] acknowledged = new long[WRITERS];
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (DynamoDbClient dynamoDb = client(first.endpoint())) {
            dynamoDb.createTable(b -> b.tableName("kept")
                    .attributeDefinitions(
                            a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("writer").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .globalSecondaryIndexes(g -> g.indexName("byWriter")
                            .keySchema(k -> k.attributeName("writer").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> write(dynamoDb, writer, acknowledged, stop)));
            }
            Thread.sleep(2_000);
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (DynamoDbClient dynamoDb = client(second.endpoint())) {
            assertThat(dynamoDb.describeTable(b -> b.tableName("kept")).table().tableStatus())
                    .isEqualTo(TableStatus.ACTIVE);
            for (int w = 0; w < WRITERS; w++) {
                check(dynamoDb, w, acknowledged[w]);
            }
        } finally {
            second.process().destroyForcibly();
        }
    }

    /** Writer {@code w}'s round n: puts item w/n, adds one to counter w, and moves a token between w/a and w/b. */
    private static void write(DynamoDbClient dynamoDb, int w, long[] acknowledged, AtomicBoolean stop) {
        String writer = "w" + w;
        try {
            dynamoDb.putItem(b -> b.tableName("kept")
                    .item(Map.of("id", AttributeValue.fromS(writer + "/a"), "tokens", AttributeValue.fromN("1"))));
            dynamoDb.putItem(b -> b.tableName("kept")
                    .item(Map.of("id", AttributeValue.fromS(writer + "/b"), "tokens", AttributeValue.fromN("0"))));
            while (!stop.get()) {
                long n = acknowledged[w];
                dynamoDb.putItem(b -> b.tableName("kept")
                        .item(Map.of(
                                "id", AttributeValue.fromS(writer + "/" + n), "writer", AttributeValue.fromS(writer))));
                dynamoDb.updateItem(b -> b.tableName("kept")
                        .key(key(writer + "/counter"))
                        .updateExpression("ADD hits :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                String from = n % 2 == 0 ? "/a" : "/b";
                String to = n % 2 == 0 ? "/b" : "/a";
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        t -> t.update(u -> u.tableName("kept")
                                .key(key(writer + from))
                                .updateExpression("SET tokens = tokens - :one")
                                .conditionExpression("tokens = :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                        t -> t.update(u -> u.tableName("kept")
                                .key(key(writer + to))
                                .updateExpression("SET tokens = tokens + :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
                acknowledged[w]++;
            }
        } catch (RuntimeException e) {
            // The process is gone.
        }
    }

    private static void check(DynamoDbClient dynamoDb, int w, long rounds) {
        String writer = "w" + w;
        assertThat(rounds).as("writer %d finished rounds", w).isPositive();
        for (long n = 0; n < rounds; n++) {
            long round = n;
            assertThat(dynamoDb.getItem(b -> b.tableName("kept")
                                    .key(key(writer + "/" + round))
                                    .consistentRead(true))
                            .hasItem())
                    .as("item %s/%d", writer, n)
                    .isTrue();
        }
        long indexed = dynamoDb
                .queryPaginator(b -> b.tableName("kept")
                        .indexName("byWriter")
                        .keyConditionExpression("writer = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(writer))))
                .items()
                .stream()
                .count();
        // The round cut short may have put its item before the kill: at most one more than acknowledged.
        assertThat(indexed).as("%s's items in the index", writer).isBetween(rounds, rounds + 1);
        long hits = Long.parseLong(dynamoDb.getItem(b -> b.tableName("kept").key(key(writer + "/counter")))
                .item()
                .get("hits")
                .n());
        assertThat(hits).as("%s's counter", writer).isBetween(rounds, rounds + 1);
        long a = tokens(dynamoDb, writer + "/a");
        long b = tokens(dynamoDb, writer + "/b");
        assertThat(a + b)
                .as("%s's token, moved by transactions, is in exactly one place", writer)
                .isEqualTo(1);
    }

    private static long tokens(DynamoDbClient dynamoDb, String id) {
        return Long.parseLong(dynamoDb.getItem(b -> b.tableName("kept").key(key(id)))
                .item()
                .get("tokens")
                .n());
    }
}
