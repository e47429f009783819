package dev.wharf.firehose.engine;

import dev.wharf.kinesis.api.ShardReadPort;
import org.jspecify.annotations.Nullable;

/**
 * What a Firehose engine reaches outside itself, apart from the object store: the functions that Lambda processors
 * invoke, and the Kinesis streams it reads as sources. One record, so that a new port is one component here rather
 * than another constructor overload.
 *
 * @param functions the functions that Lambda processors invoke
 * @param kinesis the Kinesis streams this server reads as sources, or null when it reads none
 */
public record FirehosePorts(
        FirehoseFunctions functions, @Nullable ShardReadPort kinesis) {

    /** No function and no Kinesis source. */
    public static final FirehosePorts NONE = new FirehosePorts(FirehoseFunctions.NONE, null);

    /** These ports with {@code functions} instead. */
    public FirehosePorts withFunctions(FirehoseFunctions functions) {
        return new FirehosePorts(functions, kinesis);
    }

    /** These ports with {@code kinesis} instead. */
    public FirehosePorts withKinesis(@Nullable ShardReadPort kinesis) {
        return new FirehosePorts(functions, kinesis);
    }
}
