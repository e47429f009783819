package dev.wharf.sqs.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Edits a queue's {@code Policy} attribute the way AddPermission and RemovePermission do: one statement per label,
 * written as AWS writes it (a single principal or action as a string, several as an array).
 */
final class QueuePolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The policy language version that AWS writes into the policies that AddPermission creates. */
    static final String VERSION = "2008-10-17";

    private QueuePolicies() {}

    /**
     * Checks what AddPermission grants, in AWS's order: some actions, some accounts, at most seven actions, and only
     * actions that another account may run.
     */
    static void checkGrant(List<String> accountIds, List<String> actions) {
        if (actions.isEmpty()) {
            throw SqsError.MissingRequiredParameterException.with("The request must contain the parameter Actions.");
        }
        if (accountIds.isEmpty()) {
            throw MessageRules.invalidValue("[]", "PrincipalId", "Unable to verify.");
        }
        if (actions.size() > SqsLimits.PERMISSION_ACTIONS_MAX) {
            throw SqsError.OverLimit.with(actions.size() + " Actions were found, maximum allowed is "
                    + SqsLimits.PERMISSION_ACTIONS_MAX + ".");
        }
        for (String action : actions) {
            ActionName known = action == null ? null : ActionName.find(action);
            if (known == null) {
                throw MessageRules.invalidValue(
                        "SQS:" + action,
                        "ActionName",
                        "Please refer to the appropriate WSDL for a list of valid actions.");
            }
            if (!known.grantable()) {
                throw MessageRules.invalidValue(
                        "SQS:" + action, "ActionName", "Only the queue owner is allowed to invoke this action.");
            }
        }
    }

    /** The policy with a statement for {@code label} added; throws AWS's error when the label exists. */
    static String add(
            @Nullable String current,
            String queueArn,
            String label,
            List<String> accountIds,
            List<String> actions,
            String partition) {
        ObjectNode policy = parse(current, queueArn);
        ArrayNode statements = statements(policy);
        for (JsonNode statement : statements) {
            if (label.equals(statement.path("Sid").asText(null))) {
                throw MessageRules.invalidValue(label, "Label", "Already exists.");
            }
        }
        ObjectNode statement = statements.addObject();
        statement.put("Sid", label);
        statement.put("Effect", "Allow");
        ObjectNode principal = statement.putObject("Principal");
        if (accountIds.size() == 1) {
            principal.put("AWS", principalArn(partition, accountIds.getFirst()));
        } else {
            ArrayNode arns = principal.putArray("AWS");
            accountIds.forEach(id -> arns.add(principalArn(partition, id)));
        }
        if (actions.size() == 1) {
            statement.put("Action", "SQS:" + actions.getFirst());
        } else {
            ArrayNode names = statement.putArray("Action");
            actions.forEach(action -> names.add("SQS:" + action));
        }
        statement.put("Resource", queueArn);
        return policy.toString();
    }

    /** The policy without the statement for {@code label}, or "" when none is left; throws when there is none. */
    static String remove(@Nullable String current, String queueArn, String label) {
        ObjectNode policy = parse(current, queueArn);
        ArrayNode statements = statements(policy);
        for (int i = 0; i < statements.size(); i++) {
            if (label.equals(statements.get(i).path("Sid").asText(null))) {
                statements.remove(i);
                return statements.isEmpty() ? "" : policy.toString();
            }
        }
        throw MessageRules.invalidValue(label, "Label", "can't find label.");
    }

    private static String principalArn(String partition, String accountId) {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw MessageRules.invalidValue("[" + accountId + "]", "PrincipalId", "Unable to verify.");
        }
        return "arn:" + partition + ":iam::" + accountId + ":root";
    }

    private static ObjectNode parse(@Nullable String current, String queueArn) {
        if (current != null && !current.isEmpty()) {
            try {
                JsonNode node = JSON.readTree(current);
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (JacksonException e) {
                // SetQueueAttributes accepts only JSON objects, so a stored policy always parses.
            }
            throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter Policy.");
        }
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", VERSION);
        policy.put("Id", queueArn + "/SQSDefaultPolicy");
        return policy;
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
}
