package dev.wharf.sns.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.common.LogText;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks what a publisher sends, as SNS does before it accepts a message: body, subject, attributes, FIFO ids. */
final class PublishRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern FIFO_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final BigDecimal NUMBER_MAX = new BigDecimal("1e308");

    private PublishRules() {}

    static String message(@Nullable String message) {
        if (message == null) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Message Reason: No value for required parameter");
        }
        if (message.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Empty message");
        }
        return message;
    }

    /** AWS's Subject rule: at most 100 printable ASCII characters, no line breaks, not blank. */
    static @Nullable String subject(@Nullable String subject) {
        if (subject == null) {
            return null;
        }
        if (subject.isBlank() || subject.length() > SnsLimits.SUBJECT_LENGTH_MAX) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Subject");
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw SnsError.InvalidParameter.with("Invalid parameter: Subject");
            }
        }
        return subject;
    }

    /** The attributes in the publisher's order, each checked for its name, type and value. */
    static Map<String, MessageAttributeValue> attributes(@Nullable Map<String, MessageAttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        if (attributes.size() > SnsLimits.MESSAGE_ATTRIBUTES_MAX) {
            throw SnsError.InvalidParameter.with("Invalid parameter: MessageAttributes Reason: Number of message"
                    + " attributes [" + attributes.size() + "] exceeds the allowed maximum ["
                    + SnsLimits.MESSAGE_ATTRIBUTES_MAX + "].");
        }
        Map<String, MessageAttributeValue> checked = new LinkedHashMap<>();
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            checked.put(entry.getKey(), attribute(entry.getKey(), entry.getValue()));
        }
        return checked;
    }

    private static MessageAttributeValue attribute(String name, @Nullable MessageAttributeValue value) {
        String shown = LogText.of(name);
        if (name.isEmpty()
                || name.length() > SnsLimits.MESSAGE_ATTRIBUTE_NAME_LENGTH_MAX
                || !ATTRIBUTE_NAME.matcher(name).matches()
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")
                || (name.regionMatches(true, 0, "AWS.", 0, 4) && !reservedForSmsOrPush(name))
                || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: MessageAttributes Reason: The message attribute name '" + shown
                            + "' is invalid.");
        }
        if (value == null || value.dataType() == null || value.dataType().isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: The message attribute '" + shown
                    + "' must contain non-empty message attribute type.");
        }
        String type = value.baseType();
        switch (type) {
            case "String", "Number", "String.Array" -> {
                if (value.stringValue() == null) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: The message attribute '" + shown
                            + "' must contain non-empty message attribute value for message attribute type '"
                            + type + "'.");
                }
                if (type.equals("Number")) {
                    number(shown, value.stringValue());
                } else if (type.equals("String.Array")) {
                    stringArray(shown, value.stringValue());
                }
            }
            case "Binary" -> {
                if (value.binaryValue() == null) {
                    throw SnsError.InvalidParameter.with("Invalid parameter: The message attribute '" + shown
                            + "' must contain non-empty message attribute value for message attribute type"
                            + " 'Binary'.");
                }
            }
            default ->
                throw SnsError.InvalidParameter.with("Invalid parameter: The message attribute '" + shown
                        + "' has an invalid message attribute type, the set of supported type prefixes is Binary,"
                        + " Number, and String.");
        }
        return value;
    }

    /**
     * Whether a name is one of the attributes that AWS reserves for publishing SMS and push notifications, such as
     * {@code AWS.SNS.SMS.SenderID}, {@code AWS.MM.SMS.OriginationNumber} or {@code AWS.SNS.MOBILE.APNS.PUSH_TYPE}.
     */
    private static boolean reservedForSmsOrPush(String name) {
        return name.startsWith("AWS.SNS.SMS.") || name.startsWith("AWS.MM.SMS.") || name.startsWith("AWS.SNS.MOBILE.");
    }

    private static void number(String name, String text) {
        try {
            BigDecimal number = new BigDecimal(text.trim());
            if (number.abs().compareTo(NUMBER_MAX) > 0) {
                throw new NumberFormatException("out of range");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: MessageAttributes Reason: Could not cast message attribute '" + name
                            + "' value to number.");
        }
    }

    private static void stringArray(String name, String text) {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JacksonException e) {
            array = null;
        }
        boolean valid = array != null && array.isArray();
        if (array != null && valid) {
            for (JsonNode element : array) {
                valid &= element.isTextual() || element.isNumber() || element.isBoolean() || element.isNull();
            }
        }
        if (!valid) {
            throw SnsError.InvalidParameter.with("Invalid parameter: The message attribute '" + name
                    + "' with type 'String.Array' has an invalid value. The value must be a JSON array of strings,"
                    + " numbers, true, false or null.");
        }
    }

    /** The size that counts against 256 KiB: the message, the subject, and each attribute's name, type and value. */
    static long size(String message, @Nullable String subject, Map<String, MessageAttributeValue> attributes) {
        long size = message.getBytes(StandardCharsets.UTF_8).length;
        if (subject != null) {
            size += subject.length();
        }
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            size += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
            size += value.dataType().getBytes(StandardCharsets.UTF_8).length;
            size += value.stringValue() != null
                    ? value.stringValue().getBytes(StandardCharsets.UTF_8).length
                    : value.binaryValue() == null ? 0 : value.binaryValue().length;
        }
        return size;
    }

    static void requireSize(long size) {
        if (size > SnsLimits.MESSAGE_BYTES_MAX) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Message too long");
        }
    }

    /** A FIFO topic's group id and deduplication id; a standard topic takes no deduplication id. */
    static void fifoIds(boolean fifo, boolean contentBased, @Nullable String groupId, @Nullable String dedupId) {
        if (!fifo) {
            if (dedupId != null) {
                throw SnsError.InvalidParameter.with("Invalid parameter: MessageDeduplicationId Reason: The request"
                        + " includes MessageDeduplicationId parameter that is not valid for this topic type");
            }
            if (groupId != null && !FIFO_ID.matcher(groupId).matches()) {
                throw SnsError.InvalidParameter.with("Invalid parameter: MessageGroupId");
            }
            return;
        }
        if (groupId == null) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
        if (!FIFO_ID.matcher(groupId).matches()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: MessageGroupId");
        }
        if (dedupId == null && !contentBased) {
            throw SnsError.InvalidParameter.with("Invalid parameter: The topic should either have"
                    + " ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        if (dedupId != null && !FIFO_ID.matcher(dedupId).matches()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: MessageDeduplicationId");
        }
    }
}
