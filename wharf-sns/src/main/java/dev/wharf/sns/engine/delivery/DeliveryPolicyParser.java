package dev.wharf.sns.engine.delivery;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.sns.api.SnsError;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of a {@code DeliveryPolicy} attribute and checks it as AWS does, member by member in the order AWS
 * writes them, and throws AWS's {@code InvalidParameter} at the first mistake.
 *
 * <p>An error names the member by its path, as AWS does: {@code http.defaultHealthyRetryPolicy.numRetries must be less
 * than or equal to 100}. A member that is null counts as absent.
 */
final class DeliveryPolicyParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Decimals stay exact, so that 1e400 is refused as too large and not read as infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final List<String> TOPIC_MEMBERS = List.of("http");
    private static final List<String> HTTP_MEMBERS = List.of(
            "defaultHealthyRetryPolicy",
            "disableSubscriptionOverrides",
            "defaultThrottlePolicy",
            "defaultRequestPolicy");
    private static final List<String> SUBSCRIPTION_MEMBERS =
            List.of("healthyRetryPolicy", "sicklyRetryPolicy", "throttlePolicy", "requestPolicy", "guaranteed");
    private static final List<String> RETRY_MEMBERS = List.of(
            "minDelayTarget",
            "maxDelayTarget",
            "numRetries",
            "numMaxDelayRetries",
            "numNoDelayRetries",
            "numMinDelayRetries",
            "backoffFunction");
    private static final List<String> THROTTLE_MEMBERS = List.of("maxReceivesPerSecond");
    private static final List<String> REQUEST_MEMBERS = List.of("headerContentType");

    private final DeliveryPolicy.Source source;

    DeliveryPolicyParser(DeliveryPolicy.Source source) {
        this.source = source;
    }

    DeliveryPolicy.Topic topic(String text) {
        ObjectNode root = root(text);
        onlyMembers(root, TOPIC_MEMBERS);
        ObjectNode http = object(root, "http", "http");
        if (http == null) {
            return DeliveryPolicy.Topic.EMPTY;
        }
        onlyMembers(http, HTTP_MEMBERS);
        PartialRetryPolicy retry = retryPolicy(http, "defaultHealthyRetryPolicy", "http.defaultHealthyRetryPolicy");
        boolean disableOverrides = bool(http, "disableSubscriptionOverrides", "http.disableSubscriptionOverrides");
        ThrottlePolicy throttle = throttlePolicy(http, "defaultThrottlePolicy", "http.defaultThrottlePolicy");
        RequestPolicy request = requestPolicy(http, "defaultRequestPolicy", "http.defaultRequestPolicy");
        return new DeliveryPolicy.Topic(retry, disableOverrides, throttle, request);
    }

    DeliveryPolicy.Subscription subscription(String text) {
        ObjectNode root = root(text);
        onlyMembers(root, SUBSCRIPTION_MEMBERS);
        PartialRetryPolicy healthy = retryPolicy(root, "healthyRetryPolicy", "healthyRetryPolicy");
        PartialRetryPolicy sickly = retryPolicy(root, "sicklyRetryPolicy", "sicklyRetryPolicy");
        ThrottlePolicy throttle = throttlePolicy(root, "throttlePolicy", "throttlePolicy");
        RequestPolicy request = requestPolicy(root, "requestPolicy", "requestPolicy");
        boolean guaranteed = bool(root, "guaranteed", "guaranteed");
        return new DeliveryPolicy.Subscription(healthy, sickly, throttle, request, guaranteed);
    }

    private ObjectNode root(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty DeliveryPolicy removes the attribute and is not parsed");
        }
        if (text.length() > DeliveryLimits.POLICY_LENGTH_MAX) {
            throw invalid("policy must be at most " + DeliveryLimits.POLICY_LENGTH_MAX + " characters long");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw invalid("failed to parse JSON");
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        // Jackson reads text with no token at all, such as spaces, as a missing node rather than failing.
        throw invalid(node == null || node.isMissingNode() ? "failed to parse JSON" : "policy must be a JSON object");
    }

    private @Nullable PartialRetryPolicy retryPolicy(ObjectNode parent, String name, String path) {
        ObjectNode node = object(parent, name, path);
        if (node == null) {
            return null;
        }
        onlyMembers(node, RETRY_MEMBERS);
        Integer minDelay =
                integer(node, "minDelayTarget", path, DeliveryLimits.DELAY_TARGET_MIN, DeliveryLimits.DELAY_TARGET_MAX);
        Integer maxDelay =
                integer(node, "maxDelayTarget", path, DeliveryLimits.DELAY_TARGET_MIN, DeliveryLimits.DELAY_TARGET_MAX);
        Integer retries = integer(node, "numRetries", path, 0, DeliveryLimits.NUM_RETRIES_MAX);
        Integer maxDelayRetries = integer(node, "numMaxDelayRetries", path, 0, DeliveryLimits.NUM_RETRIES_MAX);
        Integer noDelayRetries = integer(node, "numNoDelayRetries", path, 0, DeliveryLimits.NUM_RETRIES_MAX);
        Integer minDelayRetries = integer(node, "numMinDelayRetries", path, 0, DeliveryLimits.NUM_RETRIES_MAX);
        BackoffFunction backoff = backoffFunction(node, path);
        PartialRetryPolicy policy = new PartialRetryPolicy(
                minDelay, maxDelay, retries, noDelayRetries, minDelayRetries, maxDelayRetries, backoff);
        checkAsApplied(policy, path);
        return policy;
    }

    /**
     * Checks the rules between fields on the policy as it applies, with AWS's defaults in the fields left out, so that
     * every policy that parses makes a valid schedule.
     */
    private void checkAsApplied(PartialRetryPolicy policy, String path) {
        RetryPolicy defaults = RetryPolicy.HTTP_DEFAULT;
        int minDelay = Objects.requireNonNullElse(policy.minDelayTarget(), defaults.minDelayTarget());
        int maxDelay = Objects.requireNonNullElse(policy.maxDelayTarget(), defaults.maxDelayTarget());
        if (minDelay > maxDelay) {
            // Name the field the caller set: a lone maxDelayTarget below the default minimum is the one to blame.
            throw policy.minDelayTarget() == null
                    ? invalid(path + ".maxDelayTarget must be greater than or equal to " + minDelay)
                    : invalid(path + ".minDelayTarget must be less than or equal to " + maxDelay);
        }
        int retries = Objects.requireNonNullElse(policy.numRetries(), defaults.numRetries());
        // Each count is at most 100 here, so the sum cannot overflow.
        int phases = Objects.requireNonNullElse(policy.numNoDelayRetries(), defaults.numNoDelayRetries())
                + Objects.requireNonNullElse(policy.numMinDelayRetries(), defaults.numMinDelayRetries())
                + Objects.requireNonNullElse(policy.numMaxDelayRetries(), defaults.numMaxDelayRetries());
        if (phases > retries) {
            throw invalid(path + ".numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be less than or"
                    + " equal to numRetries (" + retries + ")");
        }
    }

    private @Nullable ThrottlePolicy throttlePolicy(ObjectNode parent, String name, String path) {
        ObjectNode node = object(parent, name, path);
        if (node == null) {
            return null;
        }
        onlyMembers(node, THROTTLE_MEMBERS);
        Integer perSecond = integer(
                node, "maxReceivesPerSecond", path, DeliveryLimits.MAX_RECEIVES_PER_SECOND_MIN, Integer.MAX_VALUE);
        return perSecond == null ? null : new ThrottlePolicy(perSecond);
    }

    private @Nullable RequestPolicy requestPolicy(ObjectNode parent, String name, String path) {
        ObjectNode node = object(parent, name, path);
        if (node == null) {
            return null;
        }
        onlyMembers(node, REQUEST_MEMBERS);
        JsonNode value = present(node, "headerContentType");
        if (value == null) {
            return null;
        }
        String member = path + ".headerContentType";
        if (!value.isTextual()) {
            throw invalid(member + " must be a string");
        }
        if (!RequestPolicy.supports(value.textValue())) {
            throw invalid(member + " must be a supported content type");
        }
        return new RequestPolicy(value.textValue());
    }

    private @Nullable BackoffFunction backoffFunction(ObjectNode node, String path) {
        JsonNode value = present(node, "backoffFunction");
        if (value == null) {
            return null;
        }
        BackoffFunction function = value.isTextual() ? BackoffFunction.find(value.textValue()) : null;
        if (function == null) {
            throw invalid(path + ".backoffFunction must be one of linear, arithmetic, geometric, exponential");
        }
        return function;
    }

    private @Nullable Integer integer(ObjectNode node, String name, String path, long min, long max) {
        JsonNode value = present(node, name);
        if (value == null) {
            return null;
        }
        String member = path + "." + name;
        BigDecimal number = value.isNumber() ? value.decimalValue() : null;
        if (number == null
                || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw invalid(member + " must be an integer");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw invalid(member + " must be greater than or equal to " + min);
        }
        if (number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(member + " must be less than or equal to " + max);
        }
        return number.intValueExact();
    }

    private boolean bool(ObjectNode node, String name, String path) {
        JsonNode value = present(node, name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(path + " must be a boolean");
        }
        return value.booleanValue();
    }

    private @Nullable ObjectNode object(ObjectNode parent, String name, String path) {
        JsonNode value = present(parent, name);
        if (value == null) {
            return null;
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw invalid(path + " must be a JSON object");
    }

    /** The member's value, or null when it is absent or JSON null. */
    private static @Nullable JsonNode present(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private void onlyMembers(ObjectNode node, List<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("Unexpected JSON member: " + name);
            }
        }
    }

    private AwsException invalid(String detail) {
        return switch (source) {
            case ATTRIBUTE_VALUE -> SnsError.invalidParameter("DeliveryPolicy:", detail);
            case ATTRIBUTES_MAP -> SnsError.invalidParameter("Attributes", "Reason: DeliveryPolicy: " + detail);
        };
    }
}
