package dev.wharf.sns.engine.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wharf.common.AwsException;
import dev.wharf.sns.api.SnsError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The messages of a Publish with {@code MessageStructure=json}: one per protocol ({@code sqs}, {@code http},
 * {@code https}, {@code email}, {@code email-json}, {@code sms}, {@code lambda}, {@code firehose}) or per push
 * platform ({@code APNS}, {@code APNS_SANDBOX}, {@code APNS_VOIP}, {@code APNS_VOIP_SANDBOX}, {@code MACOS},
 * {@code MACOS_SANDBOX}, {@code GCM}, {@code ADM}, {@code BAIDU}, {@code MPNS}, {@code WNS}), and the {@code default}
 * for every other subscriber.
 *
 * @param messages every top-level key whose value is a string, {@code default} among them
 */
public record MessageStructure(Map<String, String> messages) {

    /** The one value of the {@code MessageStructure} parameter that SNS accepts. */
    public static final String JSON = "json";

    static final String DEFAULT = "default";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    public MessageStructure {
        messages = Map.copyOf(messages);
        if (!messages.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("a message structure has a default message");
        }
    }

    /**
     * Reads a Publish request's {@code Message} as SNS does when {@code MessageStructure} is {@code json}: a JSON
     * object with a string {@code default}. Keys whose values are not strings are ignored, as SNS ignores them; a key
     * given twice keeps its last value, because SNS accepts duplicate keys although its reference forbids them.
     *
     * @throws AwsException {@code InvalidParameter} with AWS's text when the message is not one JSON object, or when
     *     it has no string {@code default}
     */
    public static MessageStructure parseJson(String message) {
        Map<String, String> messages = strings(message);
        if (!messages.containsKey(DEFAULT)) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: Message Structure - No default entry in JSON message body");
        }
        return new MessageStructure(messages);
    }

    /**
     * The message for one push platform of a Publish to a single endpoint with {@code MessageStructure=json}: there
     * the message needs no {@code default} when it has the platform's own entry (such as {@code GCM}).
     *
     * @throws AwsException {@code InvalidParameter} with AWS's texts when the message is not one JSON object, or has
     *     neither a string {@code default} nor a string entry for the platform
     */
    public static String platformMessage(String message, String platform) {
        Map<String, String> messages = strings(message);
        String chosen = messages.containsKey(platform) ? messages.get(platform) : messages.get(DEFAULT);
        if (chosen == null) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: JSON must contain an entry for 'default' or '" + platform + "'.");
        }
        return chosen;
    }

    /** The top-level keys of a JSON object whose values are strings; the message must be one object and no more. */
    private static Map<String, String> strings(String message) {
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        try (JsonParser json = FACTORY.createParser(message)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw failedToParse();
            }
            for (JsonToken token = json.nextToken(); token == JsonToken.FIELD_NAME; token = json.nextToken()) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                values.put(key, value == JsonToken.VALUE_STRING ? json.getText() : null);
                json.skipChildren();
            }
            // Anything after the object, even a stray brace, makes the body unparseable for SNS.
            if (json.nextToken() != null) {
                throw failedToParse();
            }
        } catch (IOException e) {
            throw failedToParse();
        }
        Map<String, String> messages = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                messages.put(key, value);
            }
        });
        return messages;
    }

    /** The {@code default} message, which every subscriber without a message of its own receives. */
    public String defaultMessage() {
        return Objects.requireNonNull(messages.get(DEFAULT), "checked by the constructor");
    }

    /**
     * The message for a subscription protocol (an AWS protocol name such as {@code sqs}) or, for an application
     * endpoint, for its push platform (such as {@code APNS} or {@code GCM}); the {@code default} when there is none.
     */
    public String messageFor(String protocolOrPlatform) {
        String message = messages.get(protocolOrPlatform);
        return message != null ? message : defaultMessage();
    }

    private static AwsException failedToParse() {
        return SnsError.InvalidParameter.with(
                "Invalid parameter: Message Structure - JSON message body failed to parse");
    }
}
