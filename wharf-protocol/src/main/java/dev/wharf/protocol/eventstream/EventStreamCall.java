package dev.wharf.protocol.eventstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.common.AwsErrorCode;

/**
 * An accepted call of an operation that answers an event stream (Kinesis's SubscribeToShard): what its {@code
 * initial-response} says, and the events that follow, which it writes to a sink until it is done. A binding checks the
 * request and returns one, or throws the AWS error the client gets as an ordinary error response; once the call runs,
 * errors go into the stream.
 */
public interface EventStreamCall {

    /** Where a call writes its events; used by the one thread that runs {@link #run}. */
    interface Sink {
        /**
         * Sends an event of one of the operation's event types, shaped by {@link
         * dev.wharf.protocol.model.ModelDocuments}, waiting while the client reads slowly.
         *
         * @return false when the client has gone: the call should stop
         */
        boolean event(String eventType, JsonNode event) throws InterruptedException;

        /** Sends a modeled exception, which ends the stream for the client; the call should return after it. */
        void exception(AwsErrorCode code, String message) throws InterruptedException;
    }

    /** The {@code initial-response} document, shaped as the operation's output. */
    JsonNode initialResponse();

    /** Writes the events, bounded in time by the call itself, and returns when the stream is over. */
    void run(Sink sink) throws InterruptedException;
}
