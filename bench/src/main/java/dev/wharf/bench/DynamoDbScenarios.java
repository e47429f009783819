package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB's scenarios, in AWS JSON 1.0 ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}), signed once and
 * replayed, on a table of {@value #ITEMS} items ({@code pk} a string over {@value #PARTITIONS} partitions, {@code sk}
 * a number, and {@code --body-bytes} of payload) made by each run; a message is one request:
 *
 * <ul>
 *   <li>{@code dynamodb-put}: PutItem over the table's items in turn (each put replaces an item);
 *   <li>{@code dynamodb-get}: after a put of every item, GetItem with {@code ConsistentRead};
 *   <li>{@code dynamodb-update}: after a put of every item, the KCL's checkpoint: an UpdateItem that adds 1 to a
 *       counter and sets a string, on the condition that the item exists and its owner is the worker's;
 *   <li>{@code dynamodb-query}: after a put of every item, a Query of one partition with {@code BETWEEN} on the sort
 *       key, of {@value #QUERY_ITEMS} items.
 * </ul>
 */
final class DynamoDbScenarios implements AutoCloseable {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET = "DynamoDB_20120810.";
    private static final int ITEMS = 1024;
    private static final int PARTITIONS = 16;
    private static final int QUERY_ITEMS = 20;
    private static final String OWNER = "worker-1";

    private final Options options;
    private final SqsRequests signer;
    private final LightClient client;
    private final Meter meter = new Meter();
    private final String table = "bench-" + Long.toString(System.nanoTime() % 100_000_000L, 36);

    DynamoDbScenarios(Options options) {
        this.options = options;
        this.signer = new SqsRequests(options.endpoint());
        this.client = new LightClient(options.endpoint(), options.generatorThreads());
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("dynamodb-");
    }

    Meter.Measurement run() throws Exception {
        createTable();
        List<ByteBuf> puts = puts();
        if (!options.scenario().equals("dynamodb-put")) {
            ClosedLoop.sendEach(client, options.connections(), puts, meter, "PutItem");
        }
        List<ByteBuf> requests =
                switch (options.scenario()) {
                    case "dynamodb-put" -> puts;
                    case "dynamodb-get" -> gets();
                    case "dynamodb-update" -> updates();
                    case "dynamodb-query" -> queries();
                    default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
                };
        String operation = operationOf(options.scenario());
        // One answer read back first: a scenario must measure real answers, not errors or empty ones.
        JsonNode first = expectOk(client.call(requests.get(0)), operation);
        checkFirst(first);
        return ClosedLoop.run(
                client,
                options,
                meter,
                requests,
                (response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        meter.record(latencyNanos, 1);
                    } else {
                        meter.error(operation + " answered " + response.status().code() + ": " + text(response));
                    }
                },
                options.warmupSeconds());
    }

    private static String operationOf(String scenario) {
        return switch (scenario) {
            case "dynamodb-put" -> "PutItem";
            case "dynamodb-get" -> "GetItem";
            case "dynamodb-update" -> "UpdateItem";
            default -> "Query";
        };
    }

    private void checkFirst(JsonNode first) {
        switch (options.scenario()) {
            case "dynamodb-get" -> {
                if (!first.path("Item").has("payload")) {
                    throw new IllegalStateException("GetItem did not return the item put: " + first);
                }
            }
            case "dynamodb-query" -> {
                if (first.path("Count").asInt() != QUERY_ITEMS) {
                    throw new IllegalStateException("Query did not return " + QUERY_ITEMS + " items: " + first);
                }
            }
            default -> {
                // PutItem and UpdateItem answer {} (no ReturnValues): a 200 is the check.
            }
        }
    }

    private ByteBuf request(String operation, ObjectNode body) {
        return signer.json("dynamodb", TARGET + operation, CONTENT_TYPE, SqsRequests.toBytes(body));
    }

    private void createTable() throws IOException, InterruptedException {
        ObjectNode body = SqsRequests.object().put("TableName", table).put("BillingMode", "PAY_PER_REQUEST");
        body.putArray("AttributeDefinitions")
                .add(SqsRequests.object().put("AttributeName", "pk").put("AttributeType", "S"))
                .add(SqsRequests.object().put("AttributeName", "sk").put("AttributeType", "N"));
        body.putArray("KeySchema")
                .add(SqsRequests.object().put("AttributeName", "pk").put("KeyType", "HASH"))
                .add(SqsRequests.object().put("AttributeName", "sk").put("KeyType", "RANGE"));
        expectOk(client.call(request("CreateTable", body)), "CreateTable");
        ByteBuf describe = request("DescribeTable", SqsRequests.object().put("TableName", table));
        // A table is CREATING until it is ACTIVE (on Wharf, at the next describe; on moto, at once): at most 10 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expectOk(client.call(describe), "DescribeTable")
                .path("Table")
                .path("TableStatus")
                .asText()
                .equals("ACTIVE")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " was not ACTIVE within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static ObjectNode key(int item) {
        ObjectNode key = SqsRequests.object();
        key.putObject("pk").put("S", "p" + item % PARTITIONS);
        key.putObject("sk").put("N", Integer.toString(item / PARTITIONS));
        return key;
    }

    private static ObjectNode values(String... namesAndValues) {
        ObjectNode values = SqsRequests.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.putObject(namesAndValues[i])
                    .put(namesAndValues[i + 1].startsWith("#") ? "N" : "S", namesAndValues[i + 1].replace("#", ""));
        }
        return values;
    }

    private List<ByteBuf> puts() {
        String payload = "x".repeat(Math.max(1, options.bodyBytes()));
        List<ByteBuf> puts = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            ObjectNode item = key(i);
            item.putObject("payload").put("S", payload);
            item.putObject("leaseOwner").put("S", OWNER);
            item.putObject("checkpoints").put("N", "0");
            ObjectNode body = SqsRequests.object().put("TableName", table);
            body.set("Item", item);
            puts.add(request("PutItem", body));
        }
        return puts;
    }

    private List<ByteBuf> gets() {
        List<ByteBuf> gets = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            ObjectNode body = SqsRequests.object().put("TableName", table).put("ConsistentRead", true);
            body.set("Key", key(i));
            gets.add(request("GetItem", body));
        }
        return gets;
    }

    private List<ByteBuf> updates() {
        List<ByteBuf> updates = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            ObjectNode body = SqsRequests.object()
                    .put("TableName", table)
                    .put("UpdateExpression", "SET checkpoints = checkpoints + :one, checkpoint = :seq")
                    .put("ConditionExpression", "attribute_exists(pk) AND leaseOwner = :owner");
            body.set("Key", key(i));
            body.set("ExpressionAttributeValues", values(":one", "#1", ":seq", "4959" + i, ":owner", OWNER));
            updates.add(request("UpdateItem", body));
        }
        return updates;
    }

    private List<ByteBuf> queries() {
        int perPartition = ITEMS / PARTITIONS;
        List<ByteBuf> queries = new ArrayList<>(PARTITIONS);
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int from = partition % (perPartition - QUERY_ITEMS + 1);
            ObjectNode body = SqsRequests.object()
                    .put("TableName", table)
                    .put("KeyConditionExpression", "pk = :pk AND sk BETWEEN :from AND :to");
            body.set(
                    "ExpressionAttributeValues",
                    values(":pk", "p" + partition, ":from", "#" + from, ":to", "#" + (from + QUERY_ITEMS - 1)));
            queries.add(request("Query", body));
        }
        return queries;
    }

    private static JsonNode expectOk(LightClient.Response answer, String operation) throws IOException {
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.body().length == 0 ? SqsRequests.object() : SqsRequests.JSON.readTree(answer.body());
    }

    private static String text(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
