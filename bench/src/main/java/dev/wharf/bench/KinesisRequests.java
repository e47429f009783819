package dev.wharf.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.URI;
import java.util.Random;

/**
 * Builds Kinesis Data Streams requests ({@code X-Amz-Target: Kinesis_20131202.<Operation>}) in AWS JSON 1.1 or in AWS
 * CBOR 1.1, signed for the service {@code kinesis} by {@link SqsRequests}' signer and rendered to the bytes of an
 * HTTP/1.1 request.
 *
 * <p>JSON 1.1 by default, and for every peer: it is the encoding that every Kinesis server measured speaks alike (the
 * AWS CLI's and boto3's), so the comparison is about the servers. CBOR, the Java SDK's default, is its own scenario
 * ({@code --cbor}): the data goes as a byte string rather than base64 text, which changes what a server decodes.
 */
final class KinesisRequests {

    static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";
    private static final CBORMapper CBOR = new CBORMapper();

    private final SqsRequests signer;
    private final boolean cbor;

    KinesisRequests(URI endpoint, boolean cbor) {
        this.signer = new SqsRequests(endpoint);
        this.cbor = cbor;
    }

    /** Returns the signed request for {@code operation} with {@code body} encoded, as an unreleasable buffer. */
    ByteBuf request(String operation, ObjectNode body) {
        try {
            return cbor
                    ? signer.json(
                            "kinesis", "Kinesis_20131202." + operation, CBOR_CONTENT_TYPE, CBOR.writeValueAsBytes(body))
                    : signer.json(
                            "kinesis", "Kinesis_20131202." + operation, JSON_CONTENT_TYPE, SqsRequests.toBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parser factory for the answers: the server answers in the request's encoding. */
    JsonFactory answers() {
        return cbor ? CBOR.getFactory() : SqsRequests.JSON.getFactory();
    }

    /** Reads a whole (setup call's) answer. */
    JsonNode read(byte[] answer) throws IOException {
        return cbor ? CBOR.readTree(answer) : SqsRequests.JSON.readTree(answer);
    }

    static ObjectNode createStream(String name, int shards) {
        return SqsRequests.object().put("StreamName", name).put("ShardCount", shards);
    }

    static ObjectNode streamName(String name) {
        return SqsRequests.object().put("StreamName", name);
    }

    /**
     * A PutRecords of {@code count} records of {@code dataBytes} bytes each. The partition keys differ between the
     * records and between variants, so that a stream's shards all take records; the data is random bytes (from a
     * seed, so runs compare), so that nothing compresses or dedups it. The data is a binary node: base64 text in JSON,
     * a byte string in CBOR.
     */
    static ObjectNode putRecords(String stream, int count, int dataBytes, int variant) {
        ObjectNode request = streamName(stream);
        ArrayNode records = request.putArray("Records");
        Random random = new Random(variant);
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < count; i++) {
            random.nextBytes(data);
            records.addObject()
                    .put("Data", data.clone())
                    .put("PartitionKey", "pk-" + Long.toHexString(random.nextLong()) + "-" + variant + "-" + i);
        }
        return request;
    }

    /** A PutRecord of {@code data} (base64 text in JSON, a byte string in CBOR) under {@code partitionKey}. */
    static ObjectNode putRecord(String stream, String partitionKey, byte[] data) {
        return streamName(stream).put("PartitionKey", partitionKey).put("Data", data);
    }

    static ObjectNode registerStreamConsumer(String streamArn, String consumerName) {
        return SqsRequests.object().put("StreamARN", streamArn).put("ConsumerName", consumerName);
    }

    static ObjectNode describeStreamConsumer(String consumerArn) {
        return SqsRequests.object().put("ConsumerARN", consumerArn);
    }

    static ObjectNode getShardIterator(String stream, String shardId, String type) {
        return streamName(stream).put("ShardId", shardId).put("ShardIteratorType", type);
    }

    static ObjectNode getRecords(String iterator, int limit) {
        return SqsRequests.object().put("ShardIterator", iterator).put("Limit", limit);
    }
}
