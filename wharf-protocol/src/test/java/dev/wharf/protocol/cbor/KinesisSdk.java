package dev.wharf.protocol.cbor;

import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** The Kinesis model read from the SDK v2's classes, an SDK client over a {@link CapturingHttpClient}, and the calls of the golden requests. */
final class KinesisSdk {

    static final SdkModelReader.Service SERVICE =
            new SdkModelReader.Service("com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false);
    static final ServiceModel MODEL = SdkModelReader.read(SERVICE, KinesisClient.class);

    /** The instant that the AT_TIMESTAMP golden request carries, to the millisecond. */
    static final Instant AT = Instant.parse("2026-12-01T12:34:56.789Z");

    /** The golden requests: each names its resource file under {@code cbor/} and the SDK call that sends it. */
    enum Golden {
        PUT_RECORD(
                "PutRecord",
                sdk -> sdk.putRecord(b -> b.streamName("orders")
                        .partitionKey("customer-7")
                        .explicitHashKey("170141183460469231731687303715884105728")
                        .sequenceNumberForOrdering("49590338271490256608559692538361571095921575989136588898")
                        .data(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff})))),
        PUT_RECORDS(
                "PutRecords",
                sdk -> sdk.putRecords(b -> b.streamARN("arn:aws:kinesis:us-east-1:123456789012:stream/orders")
                        .records(
                                entry("a", new byte[] {}),
                                entry("b", "hello".getBytes(StandardCharsets.UTF_8)),
                                PutRecordsRequestEntry.builder()
                                        .partitionKey("c")
                                        .explicitHashKey("1")
                                        .data(SdkBytes.fromByteArray(new byte[300]))
                                        .build()))),
        GET_SHARD_ITERATOR(
                "GetShardIterator",
                sdk -> sdk.getShardIterator(b -> b.streamName("orders")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(AT))),
        CREATE_STREAM(
                "CreateStream",
                sdk -> sdk.createStream(b -> b.streamName("orders")
                        .shardCount(4)
                        .streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED))
                        .tags(java.util.Map.of("team", "payments")))),
        LIST_SHARDS(
                "ListShards",
                sdk -> sdk.listShards(b -> b.streamName("orders")
                        .maxResults(100)
                        .shardFilter(f ->
                                f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(Instant.ofEpochSecond(1_796_000_000)))
                        .streamCreationTimestamp(Instant.ofEpochMilli(1_700_000_000_001L))));

        final String operation;
        final Consumer<KinesisClient> call;

        Golden(String operation, Consumer<KinesisClient> call) {
            this.operation = operation;
            this.call = call;
        }

        String resource() {
            return "cbor/kinesis-" + operation + ".request.hex";
        }

        /** The stored body: the bytes that the SDK sent when the file was captured. */
        byte[] bytes() throws IOException {
            return OfflineSdk.hexResource(resource());
        }

        Operation modelOperation() {
            return Objects.requireNonNull(MODEL.operation(operation), operation);
        }
    }

    private static PutRecordsRequestEntry entry(String partitionKey, byte[] data) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey)
                .data(SdkBytes.fromByteArray(data))
                .build();
    }

    private KinesisSdk() {}

    /** A client with static credentials and no retries, so that one call is one request. */
    static KinesisClient client(CapturingHttpClient http) {
        return OfflineSdk.client(KinesisClient.builder(), http);
    }

    static List<Golden> goldens() {
        return List.of(Golden.values());
    }
}
