package dev.wharf.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.cbor.CborCodec;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;

/**
 * An event-stream call written as a response body: SubscribeToShard's model read from the SDK, the initial-response
 * first, events typed by the model in the request's protocol, and an exception as the SDK reads one.
 */
class EventStreamBodyTest {

    private static final SdkModelReader.Service SERVICE = new SdkModelReader.Service(
                    "com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false)
            .withEventOperation(new SdkModelReader.EventOperation(
                    "SubscribeToShard",
                    SubscribeToShardRequest.class,
                    SubscribeToShardResponse.class,
                    Map.of("SubscribeToShardEvent", SubscribeToShardEvent.class)));
    private static final ServiceModel MODEL = SdkModelReader.read(SERVICE, KinesisClient.class);
    private static final Operation SUBSCRIBE = Objects.requireNonNull(MODEL.operation("SubscribeToShard"));

    /** A call that sends one event of one record, then an exception. */
    private static final class OneEventCall implements EventStreamCall {
        @Override
        public JsonNode initialResponse() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public void run(Sink sink) throws InterruptedException {
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            ObjectNode record = event.putArray("Records").addObject();
            record.put("Data", "aGVsbG8=");
            record.put("PartitionKey", "k");
            record.put("SequenceNumber", "49");
            record.put("ApproximateArrivalTimestamp", 1.5);
            event.put("ContinuationSequenceNumber", "49");
            event.put("MillisBehindLatest", 0);
            assertThat(sink.event(
                            "SubscribeToShardEvent",
                            new ModelDocuments(MODEL, true)
                                    .shape(
                                            event,
                                            Objects.requireNonNull(
                                                    SUBSCRIBE.events().get("SubscribeToShardEvent")))))
                    .isTrue();
            sink.exception(CommonError.INTERNAL_FAILURE, "gone");
        }
    }

    private static List<EventStreamMessage> write(EventStreamBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(chunk -> {
            out.writeBytes(chunk);
            return true;
        });
        EventStreamDecoder decoder = new EventStreamDecoder(EventStreamLimits.AWS);
        List<EventStreamMessage> messages = new ArrayList<>(decoder.decode(out.toByteArray()));
        decoder.endOfStream();
        return messages;
    }

    @Test
    void theModelKnowsSubscribeToShardsEvents() {
        assertThat(SUBSCRIBE.streamsEvents()).isTrue();
        assertThat(SUBSCRIBE.events()).containsOnlyKeys("SubscribeToShardEvent");
        assertThat(SUBSCRIBE.input()).endsWith("#SubscribeToShardRequest");
    }

    @Test
    void overCborTheInitialResponseComesFirstAndEventsCarryBlobsAsByteStrings() throws Exception {
        List<EventStreamMessage> messages =
                write(new EventStreamBody(new OneEventCall(), new CborCodec(), MODEL, SUBSCRIBE));
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).stringHeader(EventStreamMessage.EVENT_TYPE)).isEqualTo("initial-response");
        assertThat(messages.get(0).stringHeader(EventStreamMessage.CONTENT_TYPE))
                .isEqualTo("application/x-amz-cbor-1.1");
        assertThat(messages.get(0).payload()).containsExactly(0xA0); // an empty CBOR map
        assertThat(messages.get(1).stringHeader(EventStreamMessage.MESSAGE_TYPE))
                .isEqualTo("event");
        assertThat(messages.get(1).stringHeader(EventStreamMessage.EVENT_TYPE)).isEqualTo("SubscribeToShardEvent");
        JsonNode event = new CBORMapper().readTree(messages.get(1).payload());
        JsonNode record = event.get("Records").get(0);
        assertThat(record.get("Data").isBinary()).isTrue();
        assertThat(record.get("Data").binaryValue())
                .containsExactly("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(event.get("ContinuationSequenceNumber").asText()).isEqualTo("49");
        assertThat(messages.get(2).stringHeader(EventStreamMessage.MESSAGE_TYPE))
                .isEqualTo("exception");
        assertThat(messages.get(2).stringHeader(EventStreamMessage.EXCEPTION_TYPE))
                .isEqualTo("InternalFailure");
        // The SDK reads the exception's message from the payload, as over JSON.
        assertThat(new CBORMapper()
                        .readTree(messages.get(2).payload())
                        .get("message")
                        .asText())
                .isEqualTo("gone");
    }

    @Test
    void overJsonEventsAreJsonDocuments() throws Exception {
        List<EventStreamMessage> messages =
                write(new EventStreamBody(new OneEventCall(), new JsonCodec(Protocol.AWS_JSON_1_1), MODEL, SUBSCRIBE));
        assertThat(messages.get(0).stringHeader(EventStreamMessage.CONTENT_TYPE))
                .isEqualTo("application/x-amz-json-1.1");
        assertThat(new String(messages.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{}");
        assertThat(new String(messages.get(1).payload(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"Data\":\"aGVsbG8=\"");
        assertThat(new String(messages.get(2).payload(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"gone\"}");
    }
}
