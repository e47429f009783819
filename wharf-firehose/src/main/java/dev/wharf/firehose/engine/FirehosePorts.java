package dev.wharf.firehose.engine;

import dev.wharf.kinesis.api.ShardReadPort;
import org.jspecify.annotations.Nullable;

/**
 * What a Firehose engine reaches outside itself, apart from the object store: the functions that Lambda processors
 * invoke, the Kinesis streams it reads as sources, and the HTTP endpoints it delivers to. One record, so that a new port is one component here rather
 * than another constructor overload.
 *
 * @param functions the functions that Lambda processors invoke
 * @param kinesis the Kinesis streams this server reads as sources, or null when it reads none
 * @param endpoints what posts to the HTTP endpoint destinations; the engine closes it
 */
public record FirehosePorts(
        FirehoseFunctions functions, @Nullable ShardReadPort kinesis, EndpointPort endpoints) {

    /** No function, no Kinesis source and no endpoint. */
    public static final FirehosePorts NONE = new FirehosePorts(FirehoseFunctions.NONE, null, EndpointPort.NONE);

    /** Functions and a Kinesis source, and no endpoint outside the server. */
    public FirehosePorts(FirehoseFunctions functions, @Nullable ShardReadPort kinesis) {
        this(functions, kinesis, EndpointPort.NONE);
    }

    /** These ports with {@code functions} instead. */
    public FirehosePorts withFunctions(FirehoseFunctions functions) {
        return new FirehosePorts(functions, kinesis, endpoints);
    }

    /** These ports with {@code kinesis} instead. */
    public FirehosePorts withKinesis(@Nullable ShardReadPort kinesis) {
        return new FirehosePorts(functions, kinesis, endpoints);
    }

    /** These ports with {@code endpoints} instead. */
    public FirehosePorts withEndpoints(EndpointPort endpoints) {
        return new FirehosePorts(functions, kinesis, endpoints);
    }
}
