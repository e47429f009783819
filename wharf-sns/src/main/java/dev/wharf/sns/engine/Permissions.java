package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.sns.api.AddPermissionRequest;
import dev.wharf.sns.api.RemovePermissionRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.TopicAttributeName;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Edits a topic's {@code Policy} attribute as AddPermission and RemovePermission do: one statement per label, granting
 * the named accounts the named actions on the topic. The policy is stored and returned; Wharf does not evaluate it
 * yet (see docs/COMPATIBILITY.md).
 */
final class Permissions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Set<String> ACTIONS = Set.of(
            "AddPermission",
            "DeleteTopic",
            "GetDataProtectionPolicy",
            "GetTopicAttributes",
            "ListSubscriptionsByTopic",
            "ListTagsForResource",
            "Publish",
            "PutDataProtectionPolicy",
            "RemovePermission",
            "SetTopicAttributes",
            "Subscribe");

    private final Topics topics;

    Permissions(Topics topics) {
        this.topics = topics;
    }

    void add(SnsContext context, AddPermissionRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        String label = requireLabel(request.label());
        List<String> accounts = request.awsAccountIds() == null ? List.of() : request.awsAccountIds();
        List<String> actions = request.actionNames() == null ? List.of() : request.actionNames();
        if (accounts.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: AWSAccountId");
        }
        if (actions.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: ActionName");
        }
        for (String account : accounts) {
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw SnsError.InvalidParameter.with("Invalid parameter: AWSAccountId");
            }
        }
        for (String action : actions) {
            if (action == null || !ACTIONS.contains(action)) {
                throw SnsError.InvalidParameter.with(
                        "Invalid parameter: Policy statement action out of service" + " scope!");
            }
        }
        topic.lock.lock();
        try {
            ObjectNode policy = policy(topic);
            ArrayNode statements = statements(policy);
            for (JsonNode statement : statements) {
                if (label.equals(statement.path("Sid").asText())) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: Statement already exists");
                }
            }
            if (statements.size() >= SnsLimits.PERMISSION_STATEMENTS_MAX) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Policy Reason: too many statements");
            }
            ObjectNode statement = statements.addObject();
            statement.put("Sid", label);
            statement.put("Effect", "Allow");
            ArrayNode principals = statement.putObject("Principal").putArray("AWS");
            accounts.forEach(account -> principals.add("arn:aws:iam::" + account + ":root"));
            ArrayNode granted = statement.putArray("Action");
            actions.forEach(action -> granted.add("SNS:" + action));
            statement.put("Resource", topic.arn);
            save(topic, policy);
        } finally {
            topic.lock.unlock();
        }
    }

    void remove(SnsContext context, RemovePermissionRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        String label = requireLabel(request.label());
        topic.lock.lock();
        try {
            ObjectNode policy = policy(topic);
            ArrayNode statements = statements(policy);
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (label.equals(statements.get(i).path("Sid").asText())) {
                    statements.remove(i);
                    save(topic, policy);
                    return;
                }
            }
        } finally {
            topic.lock.unlock();
        }
    }

    private static String requireLabel(@org.jspecify.annotations.Nullable String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Label");
        }
        return label;
    }

    /** Lock must be held. */
    private static ObjectNode policy(Topic topic) {
        String text = topic.attributes.get(TopicAttributeName.Policy.name());
        if (text == null || text.isEmpty()) {
            text = TopicAttributes.defaultPolicy(topic);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // SetTopicAttributes accepts only JSON objects, so a stored policy always parses.
        }
        throw SnsError.InvalidParameter.with("Invalid parameter: Policy");
    }

    private static ArrayNode statements(ObjectNode policy) {
        JsonNode statements = policy.get("Statement");
        if (statements instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = policy.putArray("Statement");
        if (statements instanceof ObjectNode single) {
            array.add(single);
        }
        return array;
    }

    /** Lock must be held. */
    private void save(Topic topic, ObjectNode policy) {
        String previous = topic.attributes.put(TopicAttributeName.Policy.name(), policy.toString());
        try {
            topics.persist(topic);
        } catch (RuntimeException e) {
            if (previous == null) {
                topic.attributes.remove(TopicAttributeName.Policy.name());
            } else {
                topic.attributes.put(TopicAttributeName.Policy.name(), previous);
            }
            throw e;
        }
    }
}
