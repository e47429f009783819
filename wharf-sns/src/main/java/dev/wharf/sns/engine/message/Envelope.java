package dev.wharf.sns.engine.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.wharf.sns.api.MessageAttributeValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the JSON documents that SNS delivers as AWS writes them, field order and layout included, signed with the
 * topic's signature version.
 *
 * <p>The HTTP/S, SQS and Firehose documents are pretty-printed the way SNS prints them: two-space indent, {@code " : "}
 * between a name and its value, and each message attribute on one line as {@code {"Type":"…","Value":"…"}}. The Lambda
 * event is compact. It is thread-safe.
 */
public final class Envelope {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** SNS's layout is Jackson's default one with a fixed line feed, whatever the platform's separator. */
    private static final DefaultPrettyPrinter LAYOUT =
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final MessageSigner signer;

    public Envelope(SigningKeys keys) {
        this.signer = new MessageSigner(keys);
    }

    /**
     * The {@code Notification} document that HTTP/S endpoints, SQS queues and Firehose streams receive when raw message
     * delivery is off. A FIFO topic's notification carries its {@code SequenceNumber} and no signature fields.
     */
    public String notification(Notification notification) {
        StringWriter out = new StringWriter(1024 + notification.message().length());
        try (JsonGenerator json = pretty(out)) {
            json.writeStartObject();
            json.writeStringField("Type", MessageType.Notification.name());
            json.writeStringField("MessageId", notification.messageId());
            String sequenceNumber = notification.sequenceNumber();
            if (sequenceNumber != null) {
                json.writeStringField("SequenceNumber", sequenceNumber);
            }
            json.writeStringField("TopicArn", notification.topicArn());
            String subject = notification.subject();
            if (subject != null) {
                json.writeStringField("Subject", subject);
            }
            json.writeStringField("Message", notification.message());
            json.writeStringField("Timestamp", MessageSigner.timestamp(notification.timestamp()));
            if (!notification.fifo()) {
                SignatureVersion version = notification.signatureVersion();
                json.writeStringField("SignatureVersion", version.value());
                json.writeStringField("Signature", signer.sign(MessageSigner.stringToSign(notification), version));
                json.writeStringField("SigningCertURL", notification.signingCertUrl());
            }
            json.writeStringField("UnsubscribeURL", notification.unsubscribeUrl());
            if (!notification.messageAttributes().isEmpty()) {
                json.writeFieldName("MessageAttributes");
                json.writeStartObject();
                for (Map.Entry<String, MessageAttributeValue> entry :
                        notification.messageAttributes().entrySet()) {
                    json.writeFieldName(entry.getKey());
                    MessageAttributeValue value = entry.getValue();
                    // SNS prints each attribute compactly inside the pretty document.
                    json.writeRawValue(attribute(value.dataType(), value));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation} document for an HTTP/S endpoint. */
    public String confirmation(Confirmation confirmation) {
        StringWriter out = new StringWriter(1536);
        try (JsonGenerator json = pretty(out)) {
            json.writeStartObject();
            json.writeStringField("Type", confirmation.type().name());
            json.writeStringField("MessageId", confirmation.messageId());
            json.writeStringField("Token", confirmation.token());
            json.writeStringField("TopicArn", confirmation.topicArn());
            json.writeStringField("Message", confirmation.message());
            json.writeStringField("SubscribeURL", confirmation.subscribeUrl());
            json.writeStringField("Timestamp", MessageSigner.timestamp(confirmation.timestamp()));
            SignatureVersion version = confirmation.signatureVersion();
            json.writeStringField("SignatureVersion", version.value());
            json.writeStringField("Signature", signer.sign(MessageSigner.stringToSign(confirmation), version));
            json.writeStringField("SigningCertURL", confirmation.signingCertUrl());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The event that a Lambda subscription's function is invoked with: one record whose {@code Sns} object names its
     * URLs {@code SigningCertUrl} and {@code UnsubscribeUrl}, and always has {@code Subject} (null when none) and
     * {@code MessageAttributes} (empty when none).
     *
     * <p>AWS writes {@code "SignatureVersion":"1"} here whatever the topic's version, and signs with the topic's
     * version all the same; Wharf does the same, so that code written against AWS verifies the same way. Lambda does
     * not know the {@code Number} and {@code String.Array} types: such attributes arrive as {@code String}.
     */
    public String lambdaEvent(Notification notification, String subscriptionArn) {
        StringWriter out = new StringWriter(1024 + notification.message().length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            json.writeStartObject();
            json.writeStringField("EventSource", "aws:sns");
            json.writeStringField("EventVersion", "1.0");
            json.writeStringField("EventSubscriptionArn", subscriptionArn);
            json.writeObjectFieldStart("Sns");
            json.writeStringField("Type", MessageType.Notification.name());
            json.writeStringField("MessageId", notification.messageId());
            json.writeStringField("TopicArn", notification.topicArn());
            json.writeStringField("Subject", notification.subject());
            json.writeStringField("Message", notification.message());
            json.writeStringField("Timestamp", MessageSigner.timestamp(notification.timestamp()));
            json.writeStringField("SignatureVersion", SignatureVersion.V1.value());
            json.writeStringField(
                    "Signature",
                    signer.sign(MessageSigner.stringToSign(notification), notification.signatureVersion()));
            json.writeStringField("SigningCertUrl", notification.signingCertUrl());
            json.writeStringField("UnsubscribeUrl", notification.unsubscribeUrl());
            json.writeObjectFieldStart("MessageAttributes");
            for (Map.Entry<String, MessageAttributeValue> entry :
                    notification.messageAttributes().entrySet()) {
                MessageAttributeValue value = entry.getValue();
                json.writeFieldName(entry.getKey());
                json.writeRawValue(attribute(value.baseType().equals("Binary") ? "Binary" : "String", value));
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static JsonGenerator pretty(StringWriter out) throws IOException {
        // A pretty printer keeps the nesting state of one document, so each document takes its own copy.
        return JSON.createGenerator(out).setPrettyPrinter(LAYOUT.createInstance());
    }

    /** One attribute as {@code {"Type":"…","Value":"…"}}, binary values in base64. */
    private static String attribute(String type, MessageAttributeValue value) throws IOException {
        byte[] binary = value.binaryValue();
        String text = binary != null
                ? Base64.getEncoder().encodeToString(binary)
                : Objects.requireNonNull(value.stringValue(), "checked by Notification");
        StringWriter out = new StringWriter(32 + text.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("Type", type);
            json.writeStringField("Value", text);
            json.writeEndObject();
        }
        return out.toString();
    }
}
