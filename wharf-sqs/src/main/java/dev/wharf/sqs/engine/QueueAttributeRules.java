package dev.wharf.sqs.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.sqs.api.QueueAttributeName;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Checks queue attributes that a caller sets, with AWS's errors, and puts their values in canonical form. */
final class QueueAttributeRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DEDUPLICATION_SCOPES = Set.of("messageQueue", "messageGroup");
    private static final Set<String> THROUGHPUT_LIMITS = Set.of("perQueue", "perMessageGroupId");

    private QueueAttributeRules() {}

    /**
     * Checks attributes for a queue of the given type and returns them canonical. A standard queue knows no {@code
     * FifoQueue}, as AWS answers it, and a FIFO queue takes only {@code true}: no request changes a queue's type.
     */
    static Map<String, String> check(Map<String, String> attributes, boolean fifo) {
        Map<String, String> canonical = new TreeMap<>();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue();
            QueueAttributeName attribute = QueueAttributeName.find(name);
            if (attribute == null
                    || attribute.kind() == QueueAttributeName.Kind.PSEUDO
                    || attribute.kind() == QueueAttributeName.Kind.READ_ONLY
                    || (attribute.kind() == QueueAttributeName.Kind.FIFO_ONLY && !fifo)
                    || (attribute.kind() == QueueAttributeName.Kind.FIFO_TYPE && !fifo)) {
                throw SqsError.InvalidAttributeName.with("Unknown Attribute " + name + ".");
            }
            canonical.put(name, canonicalValue(attribute, value));
        }
        return canonical;
    }

    private static String canonicalValue(QueueAttributeName attribute, String value) {
        if (attribute.isInteger()) {
            return Integer.toString(integer(attribute, value));
        }
        return switch (attribute) {
            case FifoQueue -> {
                // Only a FIFO queue gets here, and CreateQueue has already required "true" for one.
                if (!bool(attribute, value)) {
                    throw SqsError.InvalidAttributeValue.with(
                            "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
                }
                yield "true";
            }
            case ContentBasedDeduplication, SqsManagedSseEnabled -> Boolean.toString(bool(attribute, value));
            case DeduplicationScope -> oneOf(attribute, value, DEDUPLICATION_SCOPES);
            case FifoThroughputLimit -> oneOf(attribute, value, THROUGHPUT_LIMITS);
            case Policy -> value.isEmpty() ? value : jsonObject(attribute, value);
            case RedrivePolicy -> value.isEmpty() ? value : redrivePolicy(value);
            case RedriveAllowPolicy -> value.isEmpty() ? value : redriveAllowPolicy(value);
            default -> value;
        };
    }

    private static int integer(QueueAttributeName attribute, String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter " + attribute.name() + ".");
        }
        if (parsed < attribute.min() || parsed > attribute.max()) {
            throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter " + attribute.name() + ".");
        }
        return parsed;
    }

    private static boolean bool(QueueAttributeName attribute, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter " + attribute.name() + ".");
        };
    }

    private static String oneOf(QueueAttributeName attribute, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter " + attribute.name() + ".");
        }
        return value;
    }

    private static JsonNode parse(QueueAttributeName attribute, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // Falls through to the error below.
        }
        throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter " + attribute.name() + ".");
    }

    private static String jsonObject(QueueAttributeName attribute, String value) {
        parse(attribute, value);
        return value;
    }

    private static String redrivePolicy(String value) {
        JsonNode policy = parse(QueueAttributeName.RedrivePolicy, value);
        JsonNode target = policy.get("deadLetterTargetArn");
        JsonNode count = policy.get("maxReceiveCount");
        if (target == null || !target.isTextual() || count == null) {
            throw invalid(
                    QueueAttributeName.RedrivePolicy,
                    value,
                    "Redrive policy does not contain mandatory attribute: "
                            + (target == null ? "deadLetterTargetArn" : "maxReceiveCount")
                            + ".");
        }
        int maxReceiveCount;
        try {
            maxReceiveCount = Integer.parseInt(count.asText());
        } catch (NumberFormatException e) {
            throw invalid(
                    QueueAttributeName.RedrivePolicy,
                    value,
                    "Invalid value for maxReceiveCount: " + count.asText()
                            + ", valid values are from 1 to 1000 both inclusive.");
        }
        if (maxReceiveCount < 1 || maxReceiveCount > SqsLimits.MAX_RECEIVE_COUNT_MAX) {
            throw invalid(
                    QueueAttributeName.RedrivePolicy,
                    value,
                    "Invalid value for maxReceiveCount: " + maxReceiveCount
                            + ", valid values are from 1 to 1000 both inclusive.");
        }
        return "{\"deadLetterTargetArn\":\"" + target.asText() + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }

    private static String redriveAllowPolicy(String value) {
        JsonNode policy = parse(QueueAttributeName.RedriveAllowPolicy, value);
        JsonNode permission = policy.get("redrivePermission");
        if (permission == null || !Set.of("allowAll", "denyAll", "byQueue").contains(permission.asText())) {
            throw invalid(QueueAttributeName.RedriveAllowPolicy, value, "Invalid value for redrivePermission.");
        }
        redriveAllowSources(value, permission.asText(), policy.get("sourceQueueArns"));
        return value;
    }

    /**
     * Checks the FIFO attributes that depend on each other, on a queue's attributes as they will be: high throughput
     * ({@code perMessageGroupId}) needs deduplication by message group.
     */
    static void checkFifoCombination(Map<String, String> attributes) {
        if ("perMessageGroupId".equals(attributes.get("FifoThroughputLimit"))
                && !"messageGroup".equals(attributes.get("DeduplicationScope"))) {
            throw SqsError.InvalidAttributeValue.with("Invalid value for the parameter FifoThroughputLimit. Reason: "
                    + "The perMessageGroupId value is allowed only when the value for DeduplicationScope is "
                    + "messageGroup.");
        }
    }

    /**
     * Checks a RedriveAllowPolicy's permission and source list: {@code byQueue} needs one to ten source queue ARNs,
     * and the others take none.
     */
    private static void redriveAllowSources(String value, String permission, @Nullable JsonNode sources) {
        if (permission.equals("byQueue")) {
            if (sources == null || !sources.isArray() || sources.isEmpty()) {
                throw invalid(
                        QueueAttributeName.RedriveAllowPolicy,
                        value,
                        "Amazon SQS can't create the redrive allow policy. When you specify the byQueue permission type, you "
                                + "must also specify one or more sourceQueueArns values.");
            }
            if (sources.size() > SqsLimits.REDRIVE_ALLOW_SOURCE_QUEUES_MAX) {
                throw invalid(
                        QueueAttributeName.RedriveAllowPolicy,
                        value,
                        "Amazon SQS can't create the redrive allow policy. The maximum number of source queue ARNs you can "
                                + "specify is 10.");
            }
        } else if (sources != null) {
            throw invalid(
                    QueueAttributeName.RedriveAllowPolicy,
                    value,
                    "Amazon SQS can't create the redrive allow policy. To specify one or more source queue ARNs, you must "
                            + "set redrivePermission to byQueue.");
        }
    }

    /** Whether a dead-letter queue's RedriveAllowPolicy lets the queue {@code sourceArn} use it. */
    static boolean allowsSource(@Nullable String redriveAllowPolicy, String sourceArn) {
        if (redriveAllowPolicy == null || redriveAllowPolicy.isEmpty()) {
            return true;
        }
        JsonNode policy = parse(QueueAttributeName.RedriveAllowPolicy, redriveAllowPolicy);
        return switch (policy.path("redrivePermission").asText()) {
            case "denyAll" -> false;
            case "byQueue" -> {
                for (JsonNode arn : policy.path("sourceQueueArns")) {
                    if (arn.asText().equals(sourceArn)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> true;
        };
    }

    static dev.wharf.common.AwsException invalid(QueueAttributeName attribute, String value, String reason) {
        return SqsError.InvalidParameterValueException.with(
                "Value " + value + " for parameter " + attribute.name() + " is invalid. Reason: " + reason);
    }
}
