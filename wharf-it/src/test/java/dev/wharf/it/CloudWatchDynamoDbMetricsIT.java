package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * AWS/DynamoDB as Wharf publishes it (every 2 seconds here, as high-resolution data), read back with the SDK v2's
 * GetMetricStatistics after real DynamoDB work through the SDK: puts to a provisioned table with a global index, a
 * failed conditional write, a Query and a call on a missing table; each sum is the exact figure that work makes.
 */
class CloudWatchDynamoDbMetricsIT {

    private static WharfServer server;
    private static CloudWatchClient cloudWatch;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        server = LocalWharf.inMemory(new WharfConfig.CloudWatch(2));
        cloudWatch = LocalWharf.client(CloudWatchClient.builder(), server.endpoint());
        dynamoDb = LocalWharf.client(DynamoDbClient.builder(), server.endpoint());
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        dynamoDb.close();
        server.close();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    /** A statistic of one metric over every published datapoint since {@code from}, added up. */
    private static double total(String metric, List<Dimension> dimensions, Statistic statistic, Instant from) {
        List<Datapoint> points = cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/DynamoDB")
                        .metricName(metric)
                        .dimensions(dimensions)
                        .startTime(from)
                        .endTime(Instant.now().plusSeconds(5))
                        .period(60)
                        .statistics(statistic))
                .datapoints();
        double total = 0;
        for (Datapoint point : points) {
            total += switch (statistic) {
                case SUM -> point.sum();
                case SAMPLE_COUNT -> point.sampleCount();
                case MAXIMUM -> point.maximum();
                default -> throw new IllegalArgumentException(statistic.toString());
            };
        }
        return total;
    }

    /** The distinct minimums and maximums of a provisioned capacity's datapoints since {@code from}. */
    private static List<Double> provisioned(String metric, List<Dimension> dimensions, Instant from) {
        return cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/DynamoDB")
                        .metricName(metric)
                        .dimensions(dimensions)
                        .startTime(from)
                        .endTime(Instant.now().plusSeconds(5))
                        .period(60)
                        .statistics(Statistic.MINIMUM, Statistic.MAXIMUM))
                .datapoints()
                .stream()
                .flatMap(point -> java.util.stream.Stream.of(point.minimum(), point.maximum()))
                .distinct()
                .toList();
    }

    private static Map<String, AttributeValue> order(String pk, String sk, String customer) {
        return Map.of(
                "pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS(sk),
                "customer", AttributeValue.fromS(customer));
    }

    @Test
    void awsDynamoDbSumsAreExactlyWhatTheRequestsDid() {
        Instant began = Instant.now().minusSeconds(2);
        dynamoDb.createTable(b -> b.tableName("orders")
                .attributeDefinitions(
                        d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                        d -> d.attributeName("sk").attributeType(ScalarAttributeType.S),
                        d -> d.attributeName("customer").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk")
                        .keyType(KeyType.RANGE))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(7L))
                .globalSecondaryIndexes(g -> g.indexName("byCustomer")
                        .keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L))));
        dynamoDb.putItem(b -> b.tableName("orders").item(order("a", "1", "ann")));
        dynamoDb.putItem(b -> b.tableName("orders").item(order("a", "2", "ann")));
        dynamoDb.putItem(b -> b.tableName("orders").item(order("b", "1", "bob")));
        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName("orders")
                        .item(order("a", "1", "carl"))
                        .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.query(b -> b.tableName("orders")
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("a")))
                                .consistentRead(true))
                        .count())
                .isEqualTo(2);
        assertThatThrownBy(() ->
                        dynamoDb.getItem(b -> b.tableName("missing").key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOf(ResourceNotFoundException.class);

        List<Dimension> orders = List.of(dimension("TableName", "orders"));
        List<Dimension> byCustomer =
                List.of(dimension("TableName", "orders"), dimension("GlobalSecondaryIndexName", "byCustomer"));
        List<Dimension> puts = List.of(dimension("TableName", "orders"), dimension("Operation", "PutItem"));
        List<Dimension> queries = List.of(dimension("TableName", "orders"), dimension("Operation", "Query"));
        // Nothing else touches DynamoDB, so once every figure has been published the sums stay as they are.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<String> seen = new ArrayList<>();
                    seen.add("write " + total("ConsumedWriteCapacityUnits", orders, Statistic.SUM, began));
                    seen.add("write requests "
                            + total("ConsumedWriteCapacityUnits", orders, Statistic.SAMPLE_COUNT, began));
                    seen.add("index write " + total("ConsumedWriteCapacityUnits", byCustomer, Statistic.SUM, began));
                    seen.add("read " + total("ConsumedReadCapacityUnits", orders, Statistic.SUM, began));
                    seen.add("failed " + total("ConditionalCheckFailedRequests", orders, Statistic.SUM, began));
                    seen.add("returned " + total("ReturnedItemCount", queries, Statistic.SUM, began));
                    seen.add("put latencies " + total("SuccessfulRequestLatency", puts, Statistic.SAMPLE_COUNT, began));
                    seen.add("user errors " + total("UserErrors", List.of(), Statistic.SUM, began));
                    assertThat(seen)
                            .as("three puts of a unit each, with the index's, the failed put's unit, a consistent"
                                    + " Query of two small items, and the missing table")
                            .containsExactly(
                                    "write 4.0",
                                    "write requests 4.0",
                                    "index write 3.0",
                                    "read 1.0",
                                    "failed 1.0",
                                    "returned 2.0",
                                    "put latencies 3.0",
                                    "user errors 1.0");
                });
        assertThat(provisioned("ProvisionedReadCapacityUnits", orders, began)).isEqualTo(List.of(5.0));
        assertThat(provisioned("ProvisionedWriteCapacityUnits", orders, began)).isEqualTo(List.of(7.0));
        assertThat(provisioned("ProvisionedReadCapacityUnits", byCustomer, began))
                .isEqualTo(List.of(2.0));
        assertThat(provisioned("ProvisionedWriteCapacityUnits", byCustomer, began))
                .isEqualTo(List.of(3.0));
        assertThat(cloudWatch
                        .listMetrics(b -> b.namespace("AWS/DynamoDB").metricName("ThrottledRequests"))
                        .metrics())
                .as("Wharf never throttles, and publishes no zeros for it")
                .isEmpty();
    }
}
