package dev.wharf.sns.engine;

import dev.wharf.sns.engine.endpoint.DefaultEndpointSender;
import dev.wharf.sns.engine.endpoint.EndpointSender;
import java.net.URI;
import java.util.Map;

/**
 * How the SNS engine reaches endpoints outside the server.
 *
 * @param sender what posts requests to HTTP/S endpoints and Lambda invoke URLs; the engine closes it when it closes
 * @param lambdaFunctions the invoke URL of each Lambda function ARN that subscriptions may name, such as the Lambda
 *     Runtime Interface Emulator's {@code http://localhost:9000/2015-03-31/functions/function/invocations}
 */
public record SnsDeliveryConfig(EndpointSender sender, Map<String, URI> lambdaFunctions) {

    public SnsDeliveryConfig {
        lambdaFunctions = Map.copyOf(lambdaFunctions);
    }

    /** The JDK's HTTP client with the JDK's trusted certificate authorities, and no Lambda functions. */
    public static SnsDeliveryConfig defaults() {
        return new SnsDeliveryConfig(new DefaultEndpointSender(null), Map.of());
    }
}
