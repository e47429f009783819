package dev.wharf.sqs.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sqs.api.MessageAttributeValue;
import dev.wharf.sqs.api.MessageSystemAttributeValue;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks the parts of message requests that do not depend on queue state, with AWS's errors. */
final class MessageRules {

    static final String ALLOWED_CHARACTERS = "#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]";
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final String AWS_TRACE_HEADER = "AWSTraceHeader";

    private MessageRules() {}

    /** Checks a body's presence and characters, and returns it. */
    static String body(@Nullable String body) {
        if (body == null || body.isEmpty()) {
            throw SqsError.MissingRequiredParameterException.with(
                    "The request must contain the parameter MessageBody.");
        }
        int bad = firstInvalidCharacter(body);
        if (bad >= 0) {
            throw SqsError.InvalidMessageContents.with("Invalid binary character '#x"
                    + Integer.toHexString(bad).toUpperCase(Locale.ROOT)
                    + "' was found in the message body, the set of allowed characters is "
                    + ALLOWED_CHARACTERS
                    + ".");
        }
        return body;
    }

    /** The first code point outside XML 1.0's characters, or -1. */
    static int firstInvalidCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean valid = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            if (!valid) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    static int delaySeconds(@Nullable Integer requested, int queueDefault) {
        if (requested == null) {
            return queueDefault;
        }
        if (requested < 0 || requested > SqsLimits.DELAY_SECONDS_MAX) {
            throw invalidValue(requested, "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.");
        }
        return requested;
    }

    static int visibilityTimeout(@Nullable Integer requested, int queueDefault) {
        if (requested == null) {
            return queueDefault;
        }
        if (requested < 0 || requested > SqsLimits.VISIBILITY_TIMEOUT_SECONDS_MAX) {
            throw invalidValue(requested, "VisibilityTimeout", "Must be between 0 and 43200, if provided.");
        }
        return requested;
    }

    static int maxNumberOfMessages(@Nullable Integer requested) {
        if (requested == null) {
            return 1;
        }
        if (requested < 1 || requested > SqsLimits.RECEIVE_MESSAGES_MAX) {
            throw invalidValue(requested, "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
        }
        return requested;
    }

    static int waitTimeSeconds(@Nullable Integer requested, int queueDefault) {
        if (requested == null) {
            return queueDefault;
        }
        if (requested < 0 || requested > SqsLimits.WAIT_TIME_SECONDS_MAX) {
            throw invalidValue(requested, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
        }
        return requested;
    }

    static AwsException invalidValue(Object value, String parameter, String reason) {
        return SqsError.InvalidParameterValueException.with(
                "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
    }

    /** Checks user message attributes and returns them sorted by name. */
    static Map<String, MessageAttributeValue> attributes(@Nullable Map<String, MessageAttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        if (attributes.size() > SqsLimits.MESSAGE_ATTRIBUTES_MAX) {
            throw SqsError.InvalidParameterValueException.with("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + SqsLimits.MESSAGE_ATTRIBUTES_MAX + "].");
        }
        Map<String, MessageAttributeValue> checked = new TreeMap<>();
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            String name = entry.getKey();
            attributeName(name);
            MessageAttributeValue value = entry.getValue();
            if (value == null) {
                throw SqsError.InvalidParameterValueException.with(
                        "The message attribute '" + name + "' must contain non-empty message attribute value.");
            }
            checked.put(name, attributeValue(name, value));
        }
        return checked;
    }

    private static void attributeName(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw SqsError.InvalidParameterValueException.with(
                    "The request must contain non-empty message attribute name.");
        }
        if (name.length() > SqsLimits.MESSAGE_ATTRIBUTE_NAME_LENGTH_MAX) {
            throw SqsError.InvalidParameterValueException.with(
                    "Message (user) attribute name " + name + " exceeds the maximum length of 256 characters.");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsError.InvalidParameterValueException.with("You can't use message attribute names beginning with"
                    + " 'AWS.' or 'Amazon.'. These strings are reserved for internal use.");
        }
        if (!ATTRIBUTE_NAME.matcher(name).matches()
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")) {
            throw SqsError.InvalidParameterValueException.with("Message (user) attribute name '" + name
                    + "' is invalid. Names can contain alphanumeric characters, hyphens, underscores and periods,"
                    + " must not start or end with a period, and must not contain successive periods.");
        }
    }

    private static MessageAttributeValue attributeValue(String name, MessageAttributeValue value) {
        String dataType = dataType(name, value.dataType());
        int dot = dataType.indexOf('.');
        String base = dot < 0 ? dataType : dataType.substring(0, dot);
        switch (base) {
            case "String", "Number" -> {
                String string = value.stringValue();
                if (string == null || string.isEmpty()) {
                    throw emptyValue(name, base);
                }
                if (base.equals("Number")) {
                    number(name, string);
                }
                int bad = firstInvalidCharacter(string);
                if (bad >= 0) {
                    throw SqsError.InvalidParameterValueException.with("Invalid binary character '#x"
                            + Integer.toHexString(bad).toUpperCase(Locale.ROOT)
                            + "' was found in the message attribute '" + name
                            + "', the set of allowed characters is " + ALLOWED_CHARACTERS + ".");
                }
                return MessageAttributeValue.ofString(dataType, string);
            }
            case "Binary" -> {
                byte[] binary = value.binaryValue();
                if (binary == null || binary.length == 0) {
                    throw emptyValue(name, base);
                }
                return MessageAttributeValue.ofBinary(dataType, binary);
            }
            default ->
                throw SqsError.InvalidParameterValueException.with("The type of message (user) attribute '" + name
                        + "' is invalid. You must use only the following supported type prefixes: Binary, Number,"
                        + " String.");
        }
    }

    /** Checks an attribute's data type: present, at most 256 characters, of the characters a body may hold. */
    private static String dataType(String name, @Nullable String dataType) {
        if (dataType == null || dataType.isEmpty()) {
            throw SqsError.InvalidParameterValueException.with(
                    "The message attribute '" + name + "' must contain non-empty message attribute type.");
        }
        if (dataType.codePointCount(0, dataType.length()) > SqsLimits.MESSAGE_ATTRIBUTE_TYPE_LENGTH_MAX) {
            throw SqsError.InvalidParameterValueException.with(
                    "The type of message (user) attribute '" + name + "' exceeds the maximum length of "
                            + SqsLimits.MESSAGE_ATTRIBUTE_TYPE_LENGTH_MAX + " characters.");
        }
        int bad = firstInvalidCharacter(dataType);
        if (bad >= 0) {
            throw SqsError.InvalidParameterValueException.with("Invalid binary character '#x"
                    + Integer.toHexString(bad).toUpperCase(Locale.ROOT)
                    + "' was found in the type of message attribute '" + name
                    + "', the set of allowed characters is " + ALLOWED_CHARACTERS + ".");
        }
        return dataType;
    }

    /** Checks a Number attribute's value: a decimal number of at most 38 digits, from 10^-128 to 10^+126. */
    private static void number(String name, String value) {
        NumberValue number = NumberValue.parse(value.trim());
        if (number == null) {
            throw SqsError.InvalidParameterValueException.with(
                    "Can't cast the value of message (user) attribute '" + name + "' to a number.");
        }
        if (number.tooPrecise()) {
            throw SqsError.InvalidParameterValueException.with("The value of message (user) attribute '" + name
                    + "' has more than " + SqsLimits.NUMBER_PRECISION_MAX + " digits of precision.");
        }
        if (!number.inRange()) {
            throw SqsError.InvalidParameterValueException.with("The value of message (user) attribute '" + name
                    + "' is outside the range of a Number, whose magnitude is from 10^-128 to 10^+126.");
        }
    }

    private static AwsException emptyValue(String name, String type) {
        return SqsError.InvalidParameterValueException.with(
                "Message (user) attribute '" + name + "' must contain a non-empty value of type '" + type + "'.");
    }

    /** Checks message system attributes on send; only {@code AWSTraceHeader}, a String, is accepted. */
    static Map<String, MessageAttributeValue> systemAttributes(
            @Nullable Map<String, MessageSystemAttributeValue> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, MessageAttributeValue> checked = new TreeMap<>();
        for (Map.Entry<String, MessageSystemAttributeValue> entry : attributes.entrySet()) {
            MessageSystemAttributeValue value = entry.getValue();
            if (!AWS_TRACE_HEADER.equals(entry.getKey())) {
                throw SqsError.InvalidParameterValueException.with(
                        "Message system attribute name '" + entry.getKey() + "' is invalid.");
            }
            if (value == null
                    || !"String".equals(value.dataType())
                    || value.stringValue() == null
                    || value.stringValue().isEmpty()) {
                throw SqsError.InvalidParameterValueException.with("Message system attribute '" + AWS_TRACE_HEADER
                        + "' must contain a non-empty value of type 'String'.");
            }
            checked.put(AWS_TRACE_HEADER, MessageAttributeValue.ofString("String", value.stringValue()));
        }
        return checked;
    }

    /** The size that counts against MaximumMessageSize: the body and every attribute's name, type and value. */
    static long messageSize(String body, Map<String, MessageAttributeValue> attributes) {
        long size = utf8Length(body);
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            size += utf8Length(entry.getKey()) + utf8Length(value.dataType());
            byte[] binary = value.binaryValue();
            String string = value.stringValue();
            size += binary != null ? binary.length : string == null ? 0 : utf8Length(string);
        }
        return size;
    }

    /** The size of a message as sent, before any check, tolerating missing parts. */
    static long rawSize(@Nullable String body, @Nullable Map<String, MessageAttributeValue> attributes) {
        long size = body == null ? 0 : utf8Length(body);
        if (attributes != null) {
            for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
                MessageAttributeValue value = entry.getValue();
                size += entry.getKey() == null ? 0 : utf8Length(entry.getKey());
                if (value != null) {
                    size += value.dataType() == null ? 0 : utf8Length(value.dataType());
                    byte[] binary = value.binaryValue();
                    String string = value.stringValue();
                    size += binary != null ? binary.length : string == null ? 0 : utf8Length(string);
                }
            }
        }
        return size;
    }

    static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static void messageSize(long size, int maximumMessageSize) {
        if (size > maximumMessageSize) {
            throw SqsError.InvalidParameterValueException.with(
                    "One or more parameters are invalid. Reason: Message must be shorter than " + maximumMessageSize
                            + " bytes.");
        }
    }

    /**
     * Checks a batch request's entries as a whole: present, at most ten, with well-formed, distinct ids.
     *
     * @param entryShape the model's name of one entry, which AWS's message names
     */
    static <E> void batch(@Nullable List<E> entries, String entryShape, Function<E, String> id) {
        if (entries == null || entries.isEmpty()) {
            throw SqsError.EmptyBatchRequest.with("There should be at least one " + entryShape + " in the request.");
        }
        if (entries.size() > SqsLimits.BATCH_ENTRIES_MAX) {
            throw SqsError.TooManyEntriesInBatchRequest.with(
                    "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (E entry : entries) {
            // A JSON list can hold null, an entry without even an id.
            String entryId = entry == null ? null : id.apply(entry);
            if (entryId == null || !BATCH_ENTRY_ID.matcher(entryId).matches()) {
                throw SqsError.InvalidBatchEntryId.with("A batch entry id can only contain alphanumeric characters,"
                        + " hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!seen.add(entryId)) {
                throw SqsError.BatchEntryIdsNotDistinct.with("Id " + entryId + " repeated.");
            }
        }
    }
}
