package dev.wharf.firehose.engine;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How Firehose reaches the Lambda functions of data transformation.
 *
 * @param invoker what carries the invocations
 * @param invokeUrls the invoke URL of each function ARN that a Lambda processor may name: the server's {@code
 *     sns.lambda} mapping, shared with SNS's Lambda subscriptions
 * @param invokeTimeout how long one invocation may take, answer included (Firehose allows a transformation function 5
 *     minutes)
 */
public record FirehoseFunctions(LambdaInvoker invoker, Map<String, URI> invokeUrls, Duration invokeTimeout) {

    /** No function can be invoked: a Lambda processor's records fail as an unknown function's do. */
    public static final FirehoseFunctions NONE =
            new FirehoseFunctions(LambdaInvoker.NONE, Map.of(), Duration.ofMinutes(5));

    public FirehoseFunctions {
        invokeUrls = Map.copyOf(invokeUrls);
        if (invokeTimeout.isNegative() || invokeTimeout.isZero()) {
            throw new IllegalArgumentException("invokeTimeout must be positive: " + invokeTimeout);
        }
    }

    /** Functions reached through {@code invoker}, waiting for each at most 5 minutes. */
    public FirehoseFunctions(LambdaInvoker invoker, Map<String, URI> invokeUrls) {
        this(invoker, invokeUrls, Duration.ofMinutes(5));
    }
}
