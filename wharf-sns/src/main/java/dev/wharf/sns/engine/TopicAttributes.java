package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.sns.engine.delivery.DeliveryPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the attributes that callers set on topics, and writes what GetTopicAttributes answers: the set ones, and the
 * ones SNS derives (Owner, the subscription counts, the effective delivery policy, the default access policy).
 */
final class TopicAttributes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BOOLEANS = Set.of("true", "false");

    private TopicAttributes() {}

    /** The attributes of a CreateTopic request that the topic keeps; FifoTopic is the name's business. */
    static Map<String, String> checkAtCreation(Map<String, String> attributes, boolean fifo) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            TopicAttributeName name = TopicAttributeName.of(attribute.getKey());
            if (name == TopicAttributeName.FifoTopic) {
                continue;
            }
            if (name == null || name.kind() == TopicAttributeName.Kind.READ_ONLY) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: Unknown attribute "
                        + dev.wharf.common.LogText.of(attribute.getKey()));
            }
            kept.put(name.name(), check(name, attribute.getValue(), fifo, DeliveryPolicy.Source.ATTRIBUTES_MAP));
        }
        return kept;
    }

    /** The value that SetTopicAttributes stores for the attribute, after checking both. */
    static String checkForSet(@Nullable String attributeName, @Nullable String value, boolean fifo) {
        TopicAttributeName name = attributeName == null ? null : TopicAttributeName.of(attributeName);
        if (name == null
                || name.kind() == TopicAttributeName.Kind.READ_ONLY
                || name.kind() == TopicAttributeName.Kind.AT_CREATION) {
            throw SnsError.InvalidParameter.with("Invalid parameter: AttributeName");
        }
        return check(name, value == null ? "" : value, fifo, DeliveryPolicy.Source.ATTRIBUTE_VALUE);
    }

    private static String check(TopicAttributeName name, String value, boolean fifo, DeliveryPolicy.Source source) {
        if (name.kind() == TopicAttributeName.Kind.FIFO && !fifo) {
            throw SnsError.InvalidParameter.with(
                    switch (name) {
                        case ContentBasedDeduplication ->
                            "Invalid parameter: ContentBasedDeduplication Reason: Content based"
                                    + " deduplication can only be set for FIFO topics";
                        default ->
                            "Invalid parameter: " + name + " Reason: " + name + " can only be set for FIFO topics";
                    });
        }
        switch (name) {
            case ContentBasedDeduplication -> requireOneOf(name, value, BOOLEANS);
            case SignatureVersion -> requireOneOf(name, value, Set.of("1", "2"));
            case TracingConfig -> requireOneOf(name, value, Set.of("PassThrough", "Active"));
            case FifoThroughputScope -> requireOneOf(name, value, Set.of("Topic", "MessageGroup"));
            case Policy, DataProtectionPolicy -> requireJsonObject(name, value);
            case ArchivePolicy -> ArchivePolicies.retentionDays(value);
            case DeliveryPolicy -> {
                if (!value.isEmpty()) {
                    DeliveryPolicies.checkTopicPolicy(value, source);
                }
            }
            case DisplayName -> {
                if (value.length() > 100) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: DisplayName");
                }
            }
            default -> {}
        }
        return value;
    }

    private static void requireOneOf(TopicAttributeName name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw SnsError.InvalidParameter.with("Invalid parameter: " + name);
        }
    }

    private static void requireJsonObject(TopicAttributeName name, String value) {
        if (value.isEmpty() && name != TopicAttributeName.Policy) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return;
            }
        } catch (JacksonException e) {
            // Answered below, as for any other value that is no JSON object.
        }
        throw SnsError.InvalidParameter.with("Invalid parameter: " + name + " Error: The policy is not valid JSON.");
    }

    /** Lock must be held: everything GetTopicAttributes answers. */
    static Map<String, String> all(Topic topic) {
        Map<String, String> out = new LinkedHashMap<>();
        String policy = topic.attributes.get(TopicAttributeName.Policy.name());
        out.put("Policy", policy == null || policy.isEmpty() ? defaultPolicy(topic) : policy);
        out.put("Owner", topic.accountId);
        int confirmed = 0;
        int pending = 0;
        for (Subscription subscription : topic.subscriptions) {
            if (subscription.confirmed()) {
                confirmed++;
            } else {
                pending++;
            }
        }
        out.put("SubscriptionsPending", Integer.toString(pending));
        out.put("SubscriptionsConfirmed", Integer.toString(confirmed));
        out.put("SubscriptionsDeleted", Long.toString(topic.subscriptionsDeleted));
        out.put("TopicArn", topic.arn);
        out.put(
                "EffectiveDeliveryPolicy",
                DeliveryPolicies.effectiveTopicPolicy(topic.attributes.get(TopicAttributeName.DeliveryPolicy.name())));
        out.put("DisplayName", topic.attributes.getOrDefault(TopicAttributeName.DisplayName.name(), ""));
        if (topic.fifo) {
            out.put("FifoTopic", "true");
            out.put("ContentBasedDeduplication", "false");
        }
        for (Map.Entry<String, String> attribute : topic.attributes.entrySet()) {
            if (!attribute.getKey().equals("Policy")) {
                out.put(attribute.getKey(), attribute.getValue());
            }
        }
        return out;
    }

    /** The access policy that AWS gives a new topic: its own account may run every topic action. */
    static String defaultPolicy(Topic topic) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
                + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
                + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
                + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
                + "\"SNS:Publish\"],\"Resource\":\"" + topic.arn + "\",\"Condition\":{\"StringEquals\":{"
                + "\"AWS:SourceOwner\":\"" + topic.accountId + "\"}}}]}";
    }
}
