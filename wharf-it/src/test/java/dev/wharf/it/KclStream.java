package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.it.KclWorkerProcess.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A stream that a KCL suite's workers read: made with the SDK, records put on it over a few partition keys, and every
 * record that PutRecords acknowledged, so that a suite can wait until its workers have processed them all.
 */
final class KclStream {

    private final KinesisClient kinesis;
    private final String name;
    private final int keys;
    /** Every record acknowledged by PutRecords, by partition key in the order put. */
    private final Map<String, List<String>> putByKey = new TreeMap<>();

    private int next;

    private KclStream(KinesisClient kinesis, String name, int keys) {
        this.kinesis = kinesis;
        this.name = name;
        this.keys = keys;
    }

    /** Creates stream {@code name} of {@code shards} shards and waits until it is ACTIVE. */
    static KclStream create(KinesisClient kinesis, String name, int shards, int keys) {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        KclStream stream = new KclStream(kinesis, name, keys);
        stream.awaitActive();
        return stream;
    }

    String name() {
        return name;
    }

    /** Waits at most 30 s until the stream is ACTIVE, as it is again soon after each change of its shards. */
    void awaitActive() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName(name))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** Puts {@code count} records in one PutRecords, whose data {@code key-K#N} names the key and a running count. */
    void put(int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        List<String[]> keyed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "key-" + (next % keys);
            String data = key + "#" + next++;
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key)
                    .data(SdkBytes.fromUtf8String(data))
                    .build());
            keyed.add(new String[] {key, data});
        }
        var answer = kinesis.putRecords(b -> b.streamName(name).records(entries));
        assertThat(answer.failedRecordCount()).isZero();
        for (String[] k : keyed) {
            putByKey.computeIfAbsent(k[0], x -> new ArrayList<>()).add(k[1]);
        }
    }

    /** The data of every record put so far. */
    List<String> allPut() {
        return putByKey.values().stream().flatMap(List::stream).toList();
    }

    /** The data of every record put so far, by partition key, each key's in the order put. */
    Map<String, List<String>> putByKey() {
        return putByKey;
    }

    /** Waits at most {@code atMost} until the data of the {@code REC} events that {@code events} reads hold every record put. */
    void awaitProcessed(Supplier<List<Event>> events, Duration atMost) {
        await("every record put is processed")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> events.get().stream()
                        .filter(e -> e.type().equals("REC"))
                        .map(Event::data)
                        .collect(Collectors.toSet())
                        .containsAll(allPut()));
    }
}
