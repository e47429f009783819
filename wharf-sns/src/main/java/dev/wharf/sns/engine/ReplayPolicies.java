package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.sns.api.SnsError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a subscription's ReplayPolicy, {@code {"PointType":"Timestamp","StartingPoint":"<ISO-8601>",
 * "EndingPoint":"<ISO-8601>"}} (EndingPoint optional), and checks it against its topic's archive.
 */
final class ReplayPolicies {

    static final String REPLAY_POLICY = "ReplayPolicy";

    private static final Set<String> KEYS = Set.of("PointType", "StartingPoint", "EndingPoint");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The window of a policy, in epoch milliseconds; {@code endMillis} null when the policy names no EndingPoint. */
    record Window(long startMillis, @Nullable Long endMillis) {}

    private ReplayPolicies() {}

    /**
     * The window that a policy names, checked on its own: its form, and an EndingPoint after its StartingPoint.
     *
     * @throws AwsException {@code InvalidParameter} for a policy that is not one
     */
    static Window parse(String policy) {
        JsonNode node;
        try {
            node = JSON.readTree(policy);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw invalid("The policy is not a valid JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid("Unknown key " + LogText.of(name));
            }
        }
        JsonNode pointType = node.get("PointType");
        if (pointType == null || !pointType.isTextual() || !pointType.asText().equals("Timestamp")) {
            throw invalid("PointType must be Timestamp");
        }
        JsonNode starting = node.get("StartingPoint");
        if (starting == null) {
            throw invalid("StartingPoint is required");
        }
        long start = instant("StartingPoint", starting);
        JsonNode ending = node.get("EndingPoint");
        Long end = ending == null ? null : instant("EndingPoint", ending);
        if (end != null && end <= start) {
            throw invalid("EndingPoint must be after StartingPoint");
        }
        return new Window(start, end);
    }

    /**
     * Checks a window against its topic's archive at {@code nowMillis}: the topic must archive, and the StartingPoint
     * lie between its BeginningArchiveTime and now.
     *
     * @param beginningMillis the topic's BeginningArchiveTime, or null when it does not archive
     * @throws AwsException {@code InvalidParameter} when it does not fit
     */
    static void checkAgainstArchive(Window window, @Nullable Long beginningMillis, long nowMillis) {
        if (beginningMillis == null) {
            throw invalid("Message archiving is not enabled on the topic");
        }
        if (window.startMillis() > nowMillis) {
            throw invalid("StartingPoint must not be in the future");
        }
        if (window.startMillis() < beginningMillis) {
            throw invalid("StartingPoint must not be before the topic's BeginningArchiveTime "
                    + Instant.ofEpochMilli(beginningMillis));
        }
    }

    private static long instant(String name, JsonNode value) {
        if (value.isTextual()) {
            try {
                long millis = Instant.parse(value.asText()).toEpochMilli();
                if (millis >= 0) {
                    return millis;
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // Answered below, as for a value that is no text.
            }
        }
        throw invalid(name + " must be an ISO-8601 timestamp, such as 2025-01-01T00:00:00.000Z");
    }

    private static AwsException invalid(String reason) {
        return SnsError.InvalidParameter.with("Invalid parameter: ReplayPolicy Reason: " + reason);
    }
}
