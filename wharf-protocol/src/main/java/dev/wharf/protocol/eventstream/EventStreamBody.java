package dev.wharf.protocol.eventstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.protocol.RpcCodec;
import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;

/**
 * Writes an event-stream call as the body of its response, in the framing and conventions of AWS's RPC event streams:
 * the {@code initial-response} event first, then each event with its payload in the request's protocol (CBOR or
 * JSON), and a modeled exception as an {@code exception} message whose {@code :exception-type} is the error's code
 * (see the package documentation for what the SDK for Java v2 reads).
 */
public final class EventStreamBody implements StreamingBody {

    /** The content type of an event-stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private final EventStreamCall call;
    private final RpcCodec codec;
    private final ServiceModel model;
    private final Operation operation;
    private final EventStreamEncoder encoder = new EventStreamEncoder(EventStreamLimits.AWS);

    public EventStreamBody(EventStreamCall call, RpcCodec codec, ServiceModel model, Operation operation) {
        if (!operation.streamsEvents()) {
            throw new IllegalArgumentException(operation.name() + " does not answer an event stream");
        }
        this.call = call;
        this.codec = codec;
        this.model = model;
        this.operation = operation;
    }

    @Override
    public void writeTo(Sink sink) throws Exception {
        String contentType = codec.protocol().responseContentType();
        byte[] initial = codec.encodeDocument(call.initialResponse(), model, operation.output());
        if (!sink.write(encoder.encode(EventStreamMessage.initialResponse(contentType, initial)))) {
            return;
        }
        call.run(new EventStreamCall.Sink() {
            @Override
            public boolean event(String eventType, JsonNode event) throws InterruptedException {
                String shape = operation.events().get(eventType);
                if (shape == null) {
                    throw new IllegalArgumentException(operation.name() + " has no event type " + eventType);
                }
                byte[] payload = codec.encodeDocument(event, model, shape);
                return sink.write(encoder.encode(EventStreamMessage.event(eventType, contentType, payload)));
            }

            @Override
            public void exception(AwsErrorCode code, String message) throws InterruptedException {
                JsonNode error = JsonNodeFactory.instance.objectNode().put("message", message);
                byte[] payload = codec.encodeDocument(error, model, null);
                sink.write(encoder.encode(EventStreamMessage.exception(code.jsonType(), contentType, payload)));
            }
        });
    }
}
