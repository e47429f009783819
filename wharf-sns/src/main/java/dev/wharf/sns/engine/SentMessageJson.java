package dev.wharf.sns.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.SentMessage;
import java.util.Base64;
import java.util.Map;

/**
 * An SMS or a push notification that SNS sent, as JSON in LocalStack's shapes: what the outboxes' HTTP listing shows,
 * and what the webhooks receive. A message's {@code Message} is JSON-encoded once more when it was published with
 * {@code MessageStructure=json}, as LocalStack shows it.
 */
public final class SentMessageJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SentMessageJson() {}

    /** An SMS: its phone number, topic, subscription, id, message, attributes, structure and subject. */
    public static ObjectNode sms(SentMessage message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("PhoneNumber", message.target());
        out.put("TopicArn", message.topicArn());
        out.put("SubscriptionArn", message.subscriptionArn());
        out.put("MessageId", message.messageId());
        out.put("Message", shownMessage(message));
        out.set("MessageAttributes", attributes(message.messageAttributes()));
        out.put("MessageStructure", message.messageStructure());
        out.put("Subject", message.subject());
        return out;
    }

    /** A push notification: its endpoint, topic, message, attributes, structure, subject and id. */
    public static ObjectNode push(SentMessage message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("TargetArn", message.target());
        // LocalStack shows an empty TopicArn for a direct publish to an endpoint.
        out.put("TopicArn", message.topicArn() == null ? "" : message.topicArn());
        out.put("Message", shownMessage(message));
        out.set("MessageAttributes", attributes(message.messageAttributes()));
        out.put("MessageStructure", message.messageStructure());
        out.put("Subject", message.subject());
        out.put("MessageId", message.messageId());
        return out;
    }

    /** The message, JSON-encoded once more for {@code MessageStructure=json}, as LocalStack shows it. */
    private static String shownMessage(SentMessage message) {
        return "json".equals(message.messageStructure()) ? pythonJson(message.message()) : message.message();
    }

    /**
     * A string as Python's {@code json.dumps} writes it, which LocalStack uses: in quotes, with every character outside
     * printable ASCII escaped in the six-character form with lower-case hex digits, UTF-16 units one by one.
     */
    public static String pythonJson(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static ObjectNode attributes(Map<String, MessageAttributeValue> attributes) {
        ObjectNode out = JSON.createObjectNode();
        attributes.forEach((name, value) -> {
            ObjectNode attribute = out.putObject(name);
            attribute.put("DataType", value.dataType());
            if (value.binaryValue() != null) {
                attribute.put("BinaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
            } else {
                attribute.put("StringValue", value.stringValue());
            }
        });
        return out;
    }
}
