package dev.wharf.sns.engine.message;

import dev.wharf.sns.api.MessageAttributeValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * One published message as one subscription receives it: the message already chosen for the subscription's protocol,
 * and the URLs that the document carries.
 *
 * @param subject the {@code Subject} of the Publish request, or null when it had none
 * @param messageAttributes in the order the documents list them; SNS keeps the publisher's order
 * @param sequenceNumber the FIFO topic's sequence number, or null for a standard topic; a FIFO notification carries it
 *     and no signature
 * @param signatureVersion the topic's {@code SignatureVersion} attribute
 */
public record Notification(
        String messageId,
        String topicArn,
        @Nullable String subject,
        String message,
        Instant timestamp,
        SequencedMap<String, MessageAttributeValue> messageAttributes,
        @Nullable String sequenceNumber,
        String unsubscribeUrl,
        String signingCertUrl,
        SignatureVersion signatureVersion) {

    public Notification {
        messageAttributes = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(messageAttributes));
        for (var entry : messageAttributes.entrySet()) {
            MessageAttributeValue value = entry.getValue();
            if ((value.stringValue() == null) == (value.binaryValue() == null)) {
                throw new IllegalArgumentException(
                        "message attribute " + entry.getKey() + " needs exactly one of a string and a binary value");
            }
        }
    }

    /** Whether the message was published to a FIFO topic. */
    public boolean fifo() {
        return sequenceNumber != null;
    }
}
