package dev.wharf.sns.engine;

import dev.wharf.sns.engine.filter.FilterPolicy;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One subscription, immutable: a change replaces it in its topic's list, so a publish that has read the list sees one
 * consistent subscription.
 *
 * @param attributes the attributes that a caller set (DeliveryPolicy, FilterPolicy, RawMessageDelivery, ...)
 * @param filter the parsed FilterPolicy, or null when none is set
 * @param token the confirmation token that the SubscribeURL carries; kept after confirmation, so that following the
 *     link again answers the same subscription
 */
record Subscription(
        String arn,
        String topicArn,
        String owner,
        String protocol,
        String endpoint,
        Map<String, String> attributes,
        @Nullable FilterPolicy filter,
        boolean confirmed,
        boolean authenticated,
        String token) {

    /** The ARN that listings show: "PendingConfirmation" until the endpoint's owner confirms. */
    String listedArn() {
        return confirmed ? arn : "PendingConfirmation";
    }

    boolean raw() {
        return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    Subscription withAttributes(Map<String, String> changed, @Nullable FilterPolicy changedFilter) {
        return new Subscription(
                arn,
                topicArn,
                owner,
                protocol,
                endpoint,
                Map.copyOf(changed),
                changedFilter,
                confirmed,
                authenticated,
                token);
    }

    Subscription confirmedBy(boolean authenticatedUnsubscribe) {
        return new Subscription(
                arn, topicArn, owner, protocol, endpoint, attributes, filter, true, authenticatedUnsubscribe, token);
    }

    SnsRecords.SubscriptionRecord record() {
        return new SnsRecords.SubscriptionRecord(
                arn, topicArn, owner, protocol, endpoint, attributes, confirmed, authenticated, token);
    }
}
