package dev.wharf.sns.engine.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * One POST that SNS makes to an endpoint: a subscription confirmation, a notification or a Lambda invocation.
 *
 * @param uri where to post, without user information (credentials in an endpoint URL travel as a Basic
 *     {@code Authorization} header here)
 * @param headers the request's headers in the order they are sent, by the names AWS sends
 * @param body the bytes of the body; the request owns them and no one changes them
 * @param timeout how long the endpoint has to answer, after which the attempt counts as failed
 */
public record EndpointRequest(URI uri, SequencedMap<String, String> headers, byte[] body, Duration timeout) {

    public EndpointRequest {
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an endpoint request carries credentials in a header, not its URI");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        headers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(headers));
    }

    /** The value of a header, or null when the request does not send it; names compare without regard to case. */
    public @org.jspecify.annotations.Nullable String header(String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
