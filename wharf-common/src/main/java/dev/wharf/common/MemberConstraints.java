package dev.wharf.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks the constraints that a service's model puts on request members (required, pattern, length, range, enum)
 * before the service looks at the request, and words what breaks them as AWS's services do: "1 validation error detected: Value null at
 * 'attributes' failed to satisfy constraint: Member must not be null", one clause per violation, joined by "; ".
 *
 * <p>Members are named as AWS names them in these messages, the model's member name with a lower-case first letter.
 * A member that the model marks sensitive (SNS's phone numbers) is reported without its value, as AWS does. Not thread-safe:
 * one request builds one.
 */
public final class MemberConstraints {

    private final List<String> violations = new ArrayList<>();

    private MemberConstraints() {}

    public static MemberConstraints check() {
        return new MemberConstraints();
    }

    /** A required member; an empty map or list is absent, since the Query protocol cannot send one. */
    public MemberConstraints notNull(String member, @Nullable Object value) {
        boolean empty =
                (value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof List<?> list && list.isEmpty());
        if (value == null || empty) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    public MemberConstraints pattern(String member, @Nullable String value, Pattern pattern, boolean sensitive) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(value(member, value, sensitive)
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
        return this;
    }

    public MemberConstraints length(String member, @Nullable String value, int min, int max, boolean sensitive) {
        if (value != null && value.length() > max) {
            violations.add(value(member, value, sensitive)
                    + " failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (value != null && value.length() < min) {
            violations.add(value(member, value, sensitive)
                    + " failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        return this;
    }

    /**
     * A blob's length, worded as AWS's Java services word it, with the value shown as the byte buffer it was read into:
     * "Value 'java.nio.HeapByteBuffer[pos=0 lim=N cap=N]' at 'data' failed to satisfy constraint: ...".
     */
    public MemberConstraints blobLength(String member, byte @Nullable [] value, int max) {
        if (value != null && value.length > max) {
            violations.add("Value 'java.nio.HeapByteBuffer[pos=0 lim=" + value.length + " cap=" + value.length
                    + "]' at '" + member + "' failed to satisfy constraint: Member must have length less than or"
                    + " equal to " + max);
        }
        return this;
    }

    /** A list's size, with the value shown as {@code shown} (AWS shows each element's Java identity, which no one can). */
    public MemberConstraints size(String member, @Nullable List<?> value, int min, int max, String shown) {
        if (value != null && value.size() > max) {
            violations.add("Value '" + shown + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (value != null && value.size() < min) {
            violations.add("Value '" + shown + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        return this;
    }

    public MemberConstraints range(String member, @Nullable Integer value, int min, int max) {
        if (value != null && value > max) {
            violations.add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        if (value != null && value < min) {
            violations.add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        return this;
    }

    /** A floating-point member's bounds, worded as AWS words them for its Double members. */
    public MemberConstraints rangeOfDouble(String member, @Nullable Double value, double min, double max) {
        if (value != null && value > max) {
            violations.add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        if (value != null && value < min) {
            violations.add("Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        return this;
    }

    public MemberConstraints oneOf(String member, @Nullable String value, List<String> values) {
        if (value != null && !values.contains(value)) {
            violations.add(value(member, value, false)
                    + " failed to satisfy constraint: Member must satisfy enum value set: [" + String.join(", ", values)
                    + "]");
        }
        return this;
    }

    /**
     * A list whose every element must be one of {@code values}, worded as AWS words a list member's violation: "Value
     * '[a, b]' at 'member' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value
     * set: [...]]".
     */
    public MemberConstraints eachOneOf(String member, @Nullable List<String> elements, List<String> values) {
        if (elements != null && !values.containsAll(elements)) {
            violations.add(value(member, "[" + String.join(", ", elements) + "]", false)
                    + " failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value"
                    + " set: [" + String.join(", ", values) + "]]");
        }
        return this;
    }

    /** Throws the violations found, if any, as {@code ValidationError}. */
    public void validate() {
        validate(CommonError.VALIDATION_ERROR);
    }

    /** Throws the violations found, if any, with the code that the operation's model declares for them. */
    public void validate(AwsErrorCode code) {
        if (violations.isEmpty()) {
            return;
        }
        String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
        throw new AwsException(code, count + " detected: " + String.join("; ", violations));
    }

    private static String value(String member, String value, boolean sensitive) {
        return sensitive
                ? "Value at '" + member + "'"
                : "Value '" + LogText.bounded(value, LogText.DEFAULT_MAX_CHARS) + "' at '" + member + "'";
    }
}
