package dev.wharf.protocol.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An operation of a service model.
 *
 * @param name the operation's name, such as {@code CreateQueue}
 * @param input the input structure's id, or null when it takes none
 * @param output the output structure's id, or null when it returns none; for an event-stream operation, the shape of
 *     its {@code initial-response} event
 * @param events for an operation whose output is an event stream (Kinesis's SubscribeToShard), the structure id of
 *     each event type it sends, by the event type's name; empty for every other operation
 * @param http the operation's HTTP binding, or null for the RPC protocols, which post every operation to one path
 * @param streamingInput whether the input's payload is a streaming blob (S3's PutObject)
 * @param streamingOutput whether the output's payload is a streaming blob (S3's GetObject)
 */
public record Operation(
        String name,
        @Nullable String input,
        @Nullable String output,
        Map<String, String> events,
        @Nullable HttpTrait http,
        boolean streamingInput,
        boolean streamingOutput) {

    public Operation {
        events = Map.copyOf(events);
    }

    /** An operation without HTTP bindings. */
    public Operation(String name, @Nullable String input, @Nullable String output, Map<String, String> events) {
        this(name, input, output, events, null, false, false);
    }

    /** An operation that answers one document. */
    public Operation(String name, @Nullable String input, @Nullable String output) {
        this(name, input, output, Map.of());
    }

    /** Whether the operation answers an event stream rather than one document. */
    public boolean streamsEvents() {
        return !events.isEmpty();
    }
}
