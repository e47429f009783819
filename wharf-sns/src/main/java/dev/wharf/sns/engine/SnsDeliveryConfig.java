package dev.wharf.sns.engine;

import dev.wharf.sns.engine.endpoint.DefaultEndpointSender;
import dev.wharf.sns.engine.endpoint.EndpointSender;
import dev.wharf.sns.engine.endpoint.MailSender;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the SNS engine reaches endpoints outside the server.
 *
 * @param sender what posts requests to HTTP/S endpoints, Lambda invoke URLs and webhooks; the engine closes it when it
 *     closes
 * @param lambdaFunctions the invoke URL of each Lambda function ARN that subscriptions may name, such as the Lambda
 *     Runtime Interface Emulator's {@code http://localhost:9000/2015-03-31/functions/function/invocations}
 * @param mail what hands the mails of email and email-json subscriptions to an SMTP relay, or null when there is no
 *     relay (those mails are then given up); the engine closes it when it closes
 * @param webhooks where SMS and push notifications are forwarded, besides their outboxes
 */
public record SnsDeliveryConfig(
        EndpointSender sender,
        Map<String, URI> lambdaFunctions,
        @Nullable MailSender mail,
        SnsWebhooks webhooks) {

    public SnsDeliveryConfig {
        lambdaFunctions = Map.copyOf(lambdaFunctions);
    }

    /** No webhooks. */
    public SnsDeliveryConfig(EndpointSender sender, Map<String, URI> lambdaFunctions, @Nullable MailSender mail) {
        this(sender, lambdaFunctions, mail, SnsWebhooks.NONE);
    }

    /** No SMTP relay and no webhooks. */
    public SnsDeliveryConfig(EndpointSender sender, Map<String, URI> lambdaFunctions) {
        this(sender, lambdaFunctions, null);
    }

    /** The JDK's HTTP client with the JDK's trusted certificate authorities, no Lambda functions, relay or webhooks. */
    public static SnsDeliveryConfig defaults() {
        return new SnsDeliveryConfig(new DefaultEndpointSender(null), Map.of());
    }
}
