package dev.wharf.sqs.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a queue's {@code Policy} lets another account's resource (an SNS topic) send to it: the statements
 * that queue owners write for SNS fan-out, evaluated as IAM does for them. An explicit Deny wins; otherwise one Allow
 * statement must name the action, the queue, the principal, and only conditions on {@code aws:SourceArn} and {@code
 * aws:SourceAccount} that hold.
 *
 * <p>It is not IAM's whole language: an operator or a condition key that it does not know makes its statement not
 * apply, so a policy that it cannot read grants nothing. Full policy evaluation comes with the security work.
 */
final class DeliveryPolicyCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STATEMENTS_MAX = 100;

    /** Who asks: the sending service's principal, the sending resource and its account. */
    record Sender(String servicePrincipal, String sourceArn, String sourceAccountId) {

        /** The sender of a resource's deliveries: its service's principal is named after the ARN's service. */
        static Sender of(String sourceArn, String sourceAccountId) {
            String service = sourceArn.split(":", 4).length > 2 ? sourceArn.split(":", 4)[2] : "";
            return new Sender(service + ".amazonaws.com", sourceArn, sourceAccountId);
        }
    }

    private DeliveryPolicyCheck() {}

    static boolean allowsSend(@Nullable String policy, String queueArn, Sender sender) {
        if (policy == null || policy.isEmpty()) {
            return false;
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JacksonException e) {
            return false;
        }
        boolean allowed = false;
        List<JsonNode> statements = list(document.path("Statement"));
        for (int i = 0; i < Math.min(statements.size(), STATEMENTS_MAX); i++) {
            JsonNode statement = statements.get(i);
            if (!applies(statement, queueArn, sender)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if ("Deny".equals(effect)) {
                return false;
            }
            allowed |= "Allow".equals(effect);
        }
        return allowed;
    }

    private static boolean applies(JsonNode statement, String queueArn, Sender sender) {
        return anyMatches(statement.path("Action"), "sqs:SendMessage", true)
                && (statement.path("Resource").isMissingNode()
                        || anyMatches(statement.path("Resource"), queueArn, false))
                && principalMatches(statement.path("Principal"), sender)
                && conditionsHold(statement.path("Condition"), sender);
    }

    private static boolean principalMatches(JsonNode principal, Sender sender) {
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        String accountRoot = "arn:aws:iam::" + sender.sourceAccountId() + ":root";
        for (JsonNode aws : list(principal.path("AWS"))) {
            String name = aws.asText();
            if (name.equals("*") || name.equals(sender.sourceAccountId()) || name.equals(accountRoot)) {
                return true;
            }
        }
        for (JsonNode service : list(principal.path("Service"))) {
            if (service.asText().equals(sender.servicePrincipal())) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(JsonNode condition, Sender sender) {
        if (condition.isMissingNode()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> operator : condition.properties()) {
            for (Map.Entry<String, JsonNode> test : operator.getValue().properties()) {
                String key = test.getKey().toLowerCase(Locale.ROOT);
                String actual =
                        switch (key) {
                            case "aws:sourcearn" -> sender.sourceArn();
                            case "aws:sourceaccount" -> sender.sourceAccountId();
                            default -> null;
                        };
                if (actual == null || !holds(operator.getKey(), test.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, JsonNode expected, String actual) {
        return switch (operator) {
            case "ArnEquals", "StringEquals" -> anyMatches(expected, actual, false, false);
            case "ArnLike", "StringLike" -> anyMatches(expected, actual, false, true);
            default -> false;
        };
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        return anyMatches(patterns, value, ignoreCase, true);
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase, boolean wildcards) {
        for (JsonNode pattern : list(patterns)) {
            String text = pattern.asText();
            if (wildcards ? glob(text, ignoreCase).matcher(value).matches() : equal(text, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(String a, String b, boolean ignoreCase) {
        return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} any one; everything else literal. */
    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("(?=[*?])|(?<=[*?])")) {
            regex.append(
                    switch (part) {
                        case "*" -> ".*";
                        case "?" -> ".";
                        default -> Pattern.quote(part);
                    });
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }
}
