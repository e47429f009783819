package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Event;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A KCL application's lease table, read with the SDK's DynamoDB client by consistent scans, as the KCL wrote it: its
 * shards' leases, with their owners and checkpoints, beside the KCL 3.x entries (migration state, worker metrics).
 */
final class KclLeaseTable {

    private final DynamoDbClient dynamoDb;
    private final String table;

    /** The table of application {@code app}, which the KCL names after it. */
    KclLeaseTable(DynamoDbClient dynamoDb, String app) {
        this.dynamoDb = dynamoDb;
        this.table = app;
    }

    /** Every item of the table. */
    List<Map<String, AttributeValue>> items() {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .toList();
    }

    /** The shards' leases. */
    List<Map<String, AttributeValue>> leases() {
        return items().stream()
                .filter(item -> item.get("leaseKey").s().startsWith("shardId-"))
                .toList();
    }

    /** Lease key to owner, for the leases of open shards that have one. */
    Map<String, String> owners() {
        return leases().stream()
                .filter(item -> item.containsKey("leaseOwner")
                        && !"SHARD_END".equals(item.get("checkpoint").s()))
                .collect(Collectors.toMap(item -> item.get("leaseKey").s(), item -> item.get("leaseOwner")
                        .s()));
    }

    /** Lease key to checkpoint: a sequence number, {@code TRIM_HORIZON} and the like, or {@code SHARD_END}. */
    Map<String, String> checkpoints() {
        return leases().stream()
                .collect(Collectors.toMap(item -> item.get("leaseKey").s(), item -> item.get("checkpoint")
                        .s()));
    }

    /**
     * Waits at most 20 s until the checkpoint of each shard is the last record processed on it (or its end), by the
     * {@code REC} events that {@code events} reads.
     */
    void awaitCheckpointsAtLastProcessed(Supplier<List<Event>> events) {
        await("checkpoints at the last records processed")
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    Map<String, BigInteger> last = new HashMap<>();
                    for (Event e : events.get()) {
                        if (e.type().equals("REC")) {
                            last.merge(e.shardId(), new BigInteger(e.sequenceNumber()), BigInteger::max);
                        }
                    }
                    Map<String, String> checkpoints = checkpoints();
                    last.forEach((shard, sequence) -> assertThat(checkpoints.get(shard))
                            .as("checkpoint of %s", shard)
                            .isIn(sequence.toString(), "SHARD_END"));
                });
    }
}
