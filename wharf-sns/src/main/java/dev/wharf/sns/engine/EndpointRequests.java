package dev.wharf.sns.engine;

import dev.wharf.sns.engine.delivery.DeliveryLimits;
import dev.wharf.sns.engine.delivery.EffectiveDeliveryPolicy;
import dev.wharf.sns.engine.delivery.RequestPolicy;
import dev.wharf.sns.engine.endpoint.EndpointRequest;
import dev.wharf.sns.engine.message.Confirmation;
import dev.wharf.sns.engine.message.Envelope;
import dev.wharf.sns.engine.message.MessageType;
import dev.wharf.sns.engine.message.SignatureVersion;
import dev.wharf.sns.engine.message.SigningKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns outbox messages into the requests that HTTP/S endpoints and Lambda functions receive: AWS's headers, the
 * signed documents, the content type of the subscription's delivery policy, and for Lambda the SNS event posted to the
 * function's invoke URL.
 */
final class EndpointRequests {

    /** What SNS's requests to HTTP/S endpoints say they are. */
    static final String USER_AGENT = "Amazon Simple Notification Service Agent";
    /** The content type of confirmations, which AWS's examples show whatever the delivery policy says. */
    static final String CONFIRMATION_CONTENT_TYPE = RequestPolicy.HTTP_DEFAULT.headerContentType();

    private final Envelope envelope;
    private final QueueNotifications notifications;
    /** Asked at each confirmation, not at start: the key is made (or read) on first use. */
    private final SigningKeys keys;

    private final LambdaFunctions functions;

    EndpointRequests(Envelope envelope, QueueNotifications notifications, SigningKeys keys, LambdaFunctions functions) {
        this.envelope = envelope;
        this.notifications = notifications;
        this.keys = keys;
        this.functions = functions;
    }

    /** The body an HTTP/S subscription receives: the notification document, or with raw delivery the message. */
    String httpBody(SnsRecords.Published published, Subscription subscription) {
        String message = QueueNotifications.messageFor(published, subscription.protocol());
        return subscription.raw()
                ? message
                : envelope.notification(notifications.notification(published, subscription, message));
    }

    /** A notification to an HTTP/S subscription. */
    EndpointRequest notification(
            SnsRecords.Published published, Subscription subscription, EffectiveDeliveryPolicy policy) {
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", MessageType.Notification.name());
        headers.put("x-amz-sns-message-id", published.messageId());
        headers.put("x-amz-sns-topic-arn", published.topicArn());
        headers.put("x-amz-sns-subscription-arn", subscription.arn());
        if (subscription.raw()) {
            headers.put("x-amz-sns-rawdelivery", "true");
        }
        headers.put("Content-Type", policy.requestPolicy().headerContentType());
        headers.put("User-Agent", USER_AGENT);
        return post(subscription.endpoint(), headers, httpBody(published, subscription));
    }

    /** A SubscriptionConfirmation or UnsubscribeConfirmation to an HTTP/S endpoint. */
    EndpointRequest confirmation(SnsRecords.Handshake handshake) {
        MessageType type = MessageType.valueOf(handshake.messageType());
        String subscribeUrl = subscribeUrl(handshake.serviceEndpoint(), handshake.topicArn(), handshake.token());
        Instant timestamp = Instant.ofEpochMilli(handshake.timestampMillis());
        String signingCertUrl = handshake.serviceEndpoint() + "/" + keys.certificateFileName();
        SignatureVersion version = Objects.requireNonNullElse(
                SignatureVersion.fromValue(handshake.signatureVersion()), SignatureVersion.values()[0]);
        Confirmation confirmation = type == MessageType.SubscriptionConfirmation
                ? Confirmation.subscription(
                        handshake.messageId(),
                        handshake.token(),
                        handshake.topicArn(),
                        subscribeUrl,
                        timestamp,
                        signingCertUrl,
                        version)
                : Confirmation.unsubscribe(
                        handshake.messageId(),
                        handshake.token(),
                        handshake.topicArn(),
                        handshake.subscriptionArn(),
                        subscribeUrl,
                        timestamp,
                        signingCertUrl,
                        version);
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", type.name());
        headers.put("x-amz-sns-message-id", handshake.messageId());
        headers.put("x-amz-sns-topic-arn", handshake.topicArn());
        if (type == MessageType.UnsubscribeConfirmation) {
            // AWS's example shows the header on the unsubscribe confirmation, not on the subscription confirmation.
            headers.put("x-amz-sns-subscription-arn", handshake.subscriptionArn());
        }
        headers.put("Content-Type", CONFIRMATION_CONTENT_TYPE);
        headers.put("User-Agent", USER_AGENT);
        return post(handshake.endpoint(), headers, envelope.confirmation(confirmation));
    }

    static String subscribeUrl(String serviceEndpoint, String topicArn, String token) {
        return serviceEndpoint + "/?Action=ConfirmSubscription&TopicArn="
                + URLEncoder.encode(topicArn, StandardCharsets.UTF_8) + "&Token=" + token;
    }

    /** The body a Lambda subscription's function is invoked with: the SNS event of one record. */
    String lambdaEvent(SnsRecords.Published published, Subscription subscription) {
        String message = QueueNotifications.messageFor(published, subscription.protocol());
        return envelope.lambdaEvent(notifications.notification(published, subscription, message), subscription.arn());
    }

    /**
     * An asynchronous invocation of a Lambda subscription's function, or null when the server's configuration maps the
     * function to no invoke URL.
     */
    @Nullable
    EndpointRequest invocation(SnsRecords.Published published, Subscription subscription) {
        URI invokeUrl = functions.invokeUrl(subscription.endpoint());
        if (invokeUrl == null) {
            return null;
        }
        SequencedMap<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        // SNS invokes functions asynchronously; Lambda then answers 202 at once. An emulator may ignore it.
        headers.put("X-Amz-Invocation-Type", "Event");
        return new EndpointRequest(
                invokeUrl,
                headers,
                lambdaEvent(published, subscription).getBytes(StandardCharsets.UTF_8),
                DeliveryLimits.LAMBDA_INVOKE_TIMEOUT);
    }

    /** The key that counts an endpoint's requests in flight: the URL requests go to. */
    String endpointKey(String protocol, String endpoint) {
        if (!protocol.equals("lambda")) {
            return endpoint;
        }
        URI invokeUrl = functions.invokeUrl(endpoint);
        return invokeUrl == null ? endpoint : invokeUrl.toString();
    }

    /**
     * A POST to an HTTP/S endpoint. Credentials in the endpoint's URL ({@code https://user:password@host/}) go as a
     * Basic {@code Authorization} header, as AWS sends them.
     *
     * @throws IllegalArgumentException when the endpoint is not a URL that can be posted to
     */
    private static EndpointRequest post(String endpoint, SequencedMap<String, String> headers, String body) {
        URI uri = URI.create(endpoint);
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the endpoint has no host: " + endpoint);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String credentials = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
            headers.put(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
            String authority = uri.getRawAuthority().substring(userInfo.length() + 1);
            uri = URI.create(uri.getScheme() + "://" + authority + Objects.requireNonNullElse(uri.getRawPath(), "")
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        return new EndpointRequest(
                uri, headers, body.getBytes(StandardCharsets.UTF_8), DeliveryLimits.HTTP_REQUEST_TIMEOUT);
    }
}
