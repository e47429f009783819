package dev.wharf.sns.engine.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Writes delivery policies as AWS returns them in topic and subscription attributes: compact JSON, members in AWS's
 * order. A topic's policy keeps only the members that were set; a subscription's always has its five members, null
 * where unset, and its retry policies always have their seven.
 */
final class DeliveryPolicyJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DeliveryPolicyJson() {}

    /** A topic's {@code DeliveryPolicy}: {@code disableSubscriptionOverrides} is always written, the rest if set. */
    static String topic(DeliveryPolicy.Topic policy) {
        ObjectNode root = NODES.objectNode();
        ObjectNode http = root.putObject("http");
        if (policy.defaultHealthyRetryPolicy() != null) {
            setFields(http.putObject("defaultHealthyRetryPolicy"), policy.defaultHealthyRetryPolicy());
        }
        http.put("disableSubscriptionOverrides", policy.disableSubscriptionOverrides());
        if (policy.defaultThrottlePolicy() != null) {
            throttle(http.putObject("defaultThrottlePolicy"), policy.defaultThrottlePolicy());
        }
        if (policy.defaultRequestPolicy() != null) {
            request(http.putObject("defaultRequestPolicy"), policy.defaultRequestPolicy());
        }
        return root.toString();
    }

    /** A subscription's {@code DeliveryPolicy}. */
    static String subscription(DeliveryPolicy.Subscription policy) {
        ObjectNode root = NODES.objectNode();
        putRetry(root, "healthyRetryPolicy", policy.healthyRetryPolicy());
        putRetry(root, "sicklyRetryPolicy", policy.sicklyRetryPolicy());
        putThrottle(root, "throttlePolicy", policy.throttlePolicy());
        putRequest(root, "requestPolicy", policy.requestPolicy());
        root.put("guaranteed", policy.guaranteed());
        return root.toString();
    }

    /** A topic's {@code EffectiveDeliveryPolicy}: the throttle policy appears only when the topic sets one. */
    static String effectiveTopic(EffectiveDeliveryPolicy policy) {
        ObjectNode root = NODES.objectNode();
        ObjectNode http = root.putObject("http");
        setAll(http.putObject("defaultHealthyRetryPolicy"), PartialRetryPolicy.of(policy.healthyRetryPolicy()));
        http.put("disableSubscriptionOverrides", policy.disableSubscriptionOverrides());
        if (policy.throttlePolicy() != null) {
            throttle(http.putObject("defaultThrottlePolicy"), policy.throttlePolicy());
        }
        request(http.putObject("defaultRequestPolicy"), policy.requestPolicy());
        return root.toString();
    }

    /** A subscription's {@code EffectiveDeliveryPolicy}. */
    static String effectiveSubscription(EffectiveDeliveryPolicy policy) {
        ObjectNode root = NODES.objectNode();
        setAll(root.putObject("healthyRetryPolicy"), PartialRetryPolicy.of(policy.healthyRetryPolicy()));
        RetryPolicy sickly = policy.sicklyRetryPolicy();
        putRetry(root, "sicklyRetryPolicy", sickly == null ? null : PartialRetryPolicy.of(sickly));
        putThrottle(root, "throttlePolicy", policy.throttlePolicy());
        putRequest(root, "requestPolicy", policy.requestPolicy());
        root.put("guaranteed", policy.guaranteed());
        return root.toString();
    }

    private static void putRetry(ObjectNode parent, String name, @Nullable PartialRetryPolicy policy) {
        if (policy == null) {
            parent.putNull(name);
        } else {
            setAll(parent.putObject(name), policy);
        }
    }

    private static void putThrottle(ObjectNode parent, String name, @Nullable ThrottlePolicy policy) {
        if (policy == null) {
            parent.putNull(name);
        } else {
            throttle(parent.putObject(name), policy);
        }
    }

    private static void putRequest(ObjectNode parent, String name, @Nullable RequestPolicy policy) {
        if (policy == null) {
            parent.putNull(name);
        } else {
            request(parent.putObject(name), policy);
        }
    }

    /** The seven fields in AWS's order, null where unset. */
    private static void setAll(ObjectNode node, PartialRetryPolicy policy) {
        node.put("minDelayTarget", policy.minDelayTarget());
        node.put("maxDelayTarget", policy.maxDelayTarget());
        node.put("numRetries", policy.numRetries());
        node.put("numMaxDelayRetries", policy.numMaxDelayRetries());
        node.put("numNoDelayRetries", policy.numNoDelayRetries());
        node.put("numMinDelayRetries", policy.numMinDelayRetries());
        BackoffFunction backoff = policy.backoffFunction();
        node.put("backoffFunction", backoff == null ? null : backoff.awsName());
    }

    /** The fields that are set, in AWS's order. */
    private static void setFields(ObjectNode node, PartialRetryPolicy policy) {
        setAll(node, policy);
        node.properties().removeIf(member -> member.getValue().isNull());
    }

    private static void throttle(ObjectNode node, ThrottlePolicy policy) {
        node.put("maxReceivesPerSecond", policy.maxReceivesPerSecond());
    }

    private static void request(ObjectNode node, RequestPolicy policy) {
        node.put("headerContentType", policy.headerContentType());
    }
}
