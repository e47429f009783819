package dev.wharf.firehose.engine;

import dev.wharf.kinesis.api.ShardReadPort;
import org.jspecify.annotations.Nullable;

/**
 * What a Firehose engine reaches outside itself, apart from the object store: the functions that Lambda processors
 * invoke, the Kinesis streams it reads as sources, the HTTP endpoints it delivers to, and the databases that Redshift
 * destinations load into. One record, so that a new port is one component here rather than another constructor
 * overload.
 *
 * @param functions the functions that Lambda processors invoke
 * @param kinesis the Kinesis streams this server reads as sources, or null when it reads none
 * @param endpoints what posts to the HTTP endpoint destinations; the engine closes it
 * @param tables what loads Redshift deliveries into their tables
 */
public record FirehosePorts(
        FirehoseFunctions functions, @Nullable ShardReadPort kinesis, EndpointPort endpoints, TableLoader tables) {

    /** No function, no Kinesis source, no endpoint and no database. */
    public static final FirehosePorts NONE =
            new FirehosePorts(FirehoseFunctions.NONE, null, EndpointPort.NONE, TableLoader.NONE);

    /** Functions and a Kinesis source, and no endpoint or database outside the server. */
    public FirehosePorts(FirehoseFunctions functions, @Nullable ShardReadPort kinesis) {
        this(functions, kinesis, EndpointPort.NONE);
    }

    /** Functions, a Kinesis source and endpoints, and no database. */
    public FirehosePorts(FirehoseFunctions functions, @Nullable ShardReadPort kinesis, EndpointPort endpoints) {
        this(functions, kinesis, endpoints, TableLoader.NONE);
    }

    /** These ports with {@code functions} instead. */
    public FirehosePorts withFunctions(FirehoseFunctions functions) {
        return new FirehosePorts(functions, kinesis, endpoints, tables);
    }

    /** These ports with {@code kinesis} instead. */
    public FirehosePorts withKinesis(@Nullable ShardReadPort kinesis) {
        return new FirehosePorts(functions, kinesis, endpoints, tables);
    }

    /** These ports with {@code endpoints} instead. */
    public FirehosePorts withEndpoints(EndpointPort endpoints) {
        return new FirehosePorts(functions, kinesis, endpoints, tables);
    }

    /** These ports with {@code tables} instead. */
    public FirehosePorts withTables(TableLoader tables) {
        return new FirehosePorts(functions, kinesis, endpoints, tables);
    }
}
