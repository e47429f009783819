package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.sns.api.SnsError;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Reads a FIFO topic's ArchivePolicy, {@code {"MessageRetentionPeriod":"<days>"}}: how many days its archive keeps
 * each message, from 1 to 365, or 0 for an empty value or {@code {}}, which turn archiving off.
 */
final class ArchivePolicies {

    static final String MESSAGE_RETENTION_PERIOD = "MessageRetentionPeriod";
    static final int RETENTION_DAYS_MIN = 1;
    static final int RETENTION_DAYS_MAX = 365;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchivePolicies() {}

    /**
     * The retention of a policy, in days; 0 when it turns archiving off.
     *
     * @throws AwsException {@code InvalidParameter} for anything else
     */
    static int retentionDays(@Nullable String policy) {
        if (policy == null || policy.isEmpty()) {
            return 0;
        }
        JsonNode node;
        try {
            node = JSON.readTree(policy);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw invalid("The policy is not a valid JSON object");
        }
        if (node.isEmpty()) {
            return 0;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(MESSAGE_RETENTION_PERIOD)) {
                throw invalid("Unknown key " + LogText.of(name));
            }
        }
        return days(node.get(MESSAGE_RETENTION_PERIOD));
    }

    private static int days(JsonNode value) {
        long days = -1;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            days = value.asLong();
        } else if (value.isTextual() && value.asText().matches("[0-9]{1,4}")) {
            days = Long.parseLong(value.asText());
        }
        if (days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
            throw invalid(MESSAGE_RETENTION_PERIOD + " must be a number of days from " + RETENTION_DAYS_MIN + " to "
                    + RETENTION_DAYS_MAX);
        }
        return (int) days;
    }

    private static AwsException invalid(String reason) {
        return SnsError.InvalidParameter.with("Invalid parameter: ArchivePolicy Reason: " + reason);
    }
}
