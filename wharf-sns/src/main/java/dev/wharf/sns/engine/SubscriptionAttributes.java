package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.Arn;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.engine.delivery.DeliveryPolicy;
import dev.wharf.sns.engine.filter.FilterPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the attributes that callers set on subscriptions, and writes what GetSubscriptionAttributes answers.
 */
final class SubscriptionAttributes {

    static final String FILTER_POLICY = "FilterPolicy";
    static final String FILTER_POLICY_SCOPE = "FilterPolicyScope";
    static final String RAW_MESSAGE_DELIVERY = "RawMessageDelivery";
    static final String REDRIVE_POLICY = "RedrivePolicy";
    static final String DELIVERY_POLICY = "DeliveryPolicy";

    private static final Set<String> SETTABLE = Set.of(
            DELIVERY_POLICY,
            FILTER_POLICY,
            FILTER_POLICY_SCOPE,
            RAW_MESSAGE_DELIVERY,
            REDRIVE_POLICY,
            "SubscriptionRoleArn",
            ReplayPolicies.REPLAY_POLICY);
    private static final Set<SubscriptionProtocol> RAW_PROTOCOLS = Set.of(
            SubscriptionProtocol.SQS,
            SubscriptionProtocol.HTTP,
            SubscriptionProtocol.HTTPS,
            SubscriptionProtocol.FIREHOSE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionAttributes() {}

    /** The attributes after setting one, checked as a whole (a filter's scope needs the filter to parse by). */
    static Map<String, String> with(
            Map<String, String> current, @Nullable String name, @Nullable String value, SubscriptionProtocol protocol) {
        return with(current, name, value, protocol, DeliveryPolicy.Source.ATTRIBUTE_VALUE);
    }

    private static Map<String, String> with(
            Map<String, String> current,
            @Nullable String name,
            @Nullable String value,
            SubscriptionProtocol protocol,
            DeliveryPolicy.Source source) {
        if (name == null || !SETTABLE.contains(name)) {
            throw SnsError.InvalidParameter.with("Invalid parameter: AttributeName");
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        String text = value == null ? "" : value;
        if (text.isEmpty() && !name.equals(RAW_MESSAGE_DELIVERY)) {
            next.remove(name);
        } else {
            next.put(name, check(name, text, protocol, source));
        }
        if ((name.equals(FILTER_POLICY) && (text.isEmpty() || text.equals("{}")))) {
            next.remove(FILTER_POLICY);
        }
        return next;
    }

    /** The attributes of a Subscribe request, checked one by one. */
    static Map<String, String> checkAtSubscribe(Map<String, String> attributes, SubscriptionProtocol protocol) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (!SETTABLE.contains(attribute.getKey())) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: Unknown attribute "
                        + dev.wharf.common.LogText.of(attribute.getKey()));
            }
            out = with(out, attribute.getKey(), attribute.getValue(), protocol, DeliveryPolicy.Source.ATTRIBUTES_MAP);
        }
        return out;
    }

    private static String check(
            String name, String value, SubscriptionProtocol protocol, DeliveryPolicy.Source source) {
        switch (name) {
            case RAW_MESSAGE_DELIVERY -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: RawMessageDelivery");
                }
                if (value.equalsIgnoreCase("true") && !RAW_PROTOCOLS.contains(protocol)) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: Delivery protocol ["
                            + protocol.wireName() + "] does not support raw message delivery.");
                }
                return value.toLowerCase(java.util.Locale.ROOT);
            }
            case FILTER_POLICY_SCOPE -> {
                FilterPolicy.Scope.of(value);
                return value;
            }
            case REDRIVE_POLICY -> {
                checkRedrivePolicy(value);
                return value;
            }
            case DELIVERY_POLICY -> {
                DeliveryPolicies.checkSubscriptionPolicy(value, source);
                return value;
            }
            case ReplayPolicies.REPLAY_POLICY -> {
                ReplayPolicies.parse(value);
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static void checkRedrivePolicy(String value) {
        JsonNode policy;
        try {
            policy = JSON.readTree(value);
        } catch (JacksonException e) {
            throw SnsError.InvalidParameter.with("Invalid parameter: RedrivePolicy: failed to parse JSON.");
        }
        JsonNode target = policy == null ? null : policy.get("deadLetterTargetArn");
        if (target == null || !target.isTextual()) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: RedrivePolicy: deadLetterTargetArn is missing or invalid");
        }
        try {
            if (!Arn.parse(target.asText()).service().equals("sqs")) {
                throw new IllegalArgumentException("not an SQS ARN");
            }
        } catch (IllegalArgumentException e) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid" + " arn");
        }
    }

    /** The parsed filter of a subscription's attributes, or null when it has none. */
    static @Nullable FilterPolicy filterOf(Map<String, String> attributes, FilterPolicy.Operation operation) {
        String policy = attributes.get(FILTER_POLICY);
        if (policy == null) {
            return null;
        }
        String scope = attributes.get(FILTER_POLICY_SCOPE);
        return FilterPolicy.parse(
                policy, scope == null ? FilterPolicy.Scope.MessageAttributes : FilterPolicy.Scope.of(scope), operation);
    }

    /** The dead-letter queue's ARN of a subscription's RedrivePolicy, or null when it has none. */
    static @Nullable String deadLetterTarget(Map<String, String> attributes) {
        String policy = attributes.get(REDRIVE_POLICY);
        if (policy == null) {
            return null;
        }
        try {
            JsonNode target = JSON.readTree(policy).get("deadLetterTargetArn");
            return target == null ? null : target.asText();
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Everything GetSubscriptionAttributes answers. */
    static Map<String, String> all(Subscription subscription, @Nullable String topicDeliveryPolicy) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ConfirmationWasAuthenticated", Boolean.toString(subscription.authenticated()));
        out.put("Owner", subscription.owner());
        out.put("RawMessageDelivery", Boolean.toString(subscription.raw()));
        out.put("TopicArn", subscription.topicArn());
        out.put("Endpoint", subscription.endpoint());
        out.put("Protocol", subscription.protocol());
        out.put("PendingConfirmation", Boolean.toString(!subscription.confirmed()));
        out.put("SubscriptionPrincipal", "arn:aws:iam::" + subscription.owner() + ":root");
        out.put("SubscriptionArn", subscription.arn());
        if (subscription.protocol().startsWith("http")) {
            out.put(
                    "EffectiveDeliveryPolicy",
                    DeliveryPolicies.effectiveSubscriptionPolicy(
                            topicDeliveryPolicy, subscription.attributes().get(DELIVERY_POLICY)));
        }
        for (Map.Entry<String, String> attribute : subscription.attributes().entrySet()) {
            out.put(attribute.getKey(), attribute.getValue());
        }
        if (subscription.attributes().containsKey(FILTER_POLICY)) {
            out.putIfAbsent(FILTER_POLICY_SCOPE, "MessageAttributes");
        }
        return out;
    }
}
