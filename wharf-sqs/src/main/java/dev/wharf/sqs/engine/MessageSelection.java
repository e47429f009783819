package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.MessageAttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a ReceiveMessage asked to see of each message: which system attributes (the union of the deprecated {@code
 * AttributeNames} and {@code MessageSystemAttributeNames}) and which message attributes ({@code All}, {@code .*} or
 * {@code *} for every one, exact names, or prefixes such as {@code Hel.*}, which selects {@code Hello} and {@code
 * Help.Me} as AWS does: the prefix is what comes before {@code .*}).
 */
final class MessageSelection {

    private static final String ALL = "All";
    private static final String WILDCARD = ".*";

    private final Set<String> systemAttributes = new TreeSet<>();
    private final boolean allSystemAttributes;
    private final Set<String> names = new TreeSet<>();
    private final List<String> prefixes;
    private final boolean allMessageAttributes;

    MessageSelection(
            @Nullable List<String> attributeNames,
            @Nullable List<String> systemAttributeNames,
            @Nullable List<String> messageAttributeNames) {
        systemAttributes.addAll(present(attributeNames));
        systemAttributes.addAll(present(systemAttributeNames));
        allSystemAttributes = systemAttributes.contains(ALL);
        List<String> requested = present(messageAttributeNames);
        allMessageAttributes = requested.contains(ALL) || requested.contains(WILDCARD) || requested.contains("*");
        prefixes = requested.stream()
                .filter(name -> name.endsWith(WILDCARD) && name.length() > WILDCARD.length())
                .map(name -> name.substring(0, name.length() - WILDCARD.length()))
                .toList();
        names.addAll(requested);
    }

    /** The names of a list, without the nulls that a JSON request can hold. */
    private static List<String> present(@Nullable List<String> names) {
        return names == null
                ? List.of()
                : names.stream().filter(Objects::nonNull).toList();
    }

    private boolean wantsSystem(String name) {
        return allSystemAttributes || systemAttributes.contains(name);
    }

    private boolean wantsAttribute(String name) {
        if (allMessageAttributes || names.contains(name)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The message as ReceiveMessage returns it; the attributes' MD5 covers only the attributes returned. */
    Message message(MessagePayload payload, QueueMessages.Received received, String receiptHandle, boolean fifo) {
        Map<String, String> system = new LinkedHashMap<>();
        if (wantsSystem("SenderId")) {
            system.put("SenderId", payload.senderId());
        }
        if (wantsSystem("SentTimestamp")) {
            system.put("SentTimestamp", Long.toString(received.sentTimestamp()));
        }
        if (wantsSystem("ApproximateReceiveCount")) {
            system.put("ApproximateReceiveCount", Integer.toString(received.receiveCount()));
        }
        if (wantsSystem("ApproximateFirstReceiveTimestamp")) {
            system.put("ApproximateFirstReceiveTimestamp", Long.toString(received.firstReceiveTimestamp()));
        }
        String traceHeader = payload.awsTraceHeader();
        if (traceHeader != null && wantsSystem("AWSTraceHeader")) {
            system.put("AWSTraceHeader", traceHeader);
        }
        String groupId = payload.messageGroupId();
        if (groupId != null && wantsSystem("MessageGroupId")) {
            system.put("MessageGroupId", groupId);
        }
        String deduplicationId = payload.messageDeduplicationId();
        if (fifo && deduplicationId != null && wantsSystem("MessageDeduplicationId")) {
            system.put("MessageDeduplicationId", deduplicationId);
        }
        if (fifo && wantsSystem("SequenceNumber")) {
            system.put("SequenceNumber", QueueMessages.sequenceNumber(received.sequence()));
        }
        String sourceArn = payload.deadLetterQueueSourceArn();
        if (sourceArn != null && wantsSystem("DeadLetterQueueSourceArn")) {
            system.put("DeadLetterQueueSourceArn", sourceArn);
        }
        Map<String, MessageAttributeValue> attributes = new TreeMap<>();
        for (Map.Entry<String, MessageAttributeValue> entry :
                payload.messageAttributes().entrySet()) {
            if (wantsAttribute(entry.getKey())) {
                attributes.put(entry.getKey(), entry.getValue());
            }
        }
        return new Message(
                payload.messageId().toString(),
                receiptHandle,
                MessageAttributesMd5.ofBody(payload.body()),
                payload.body(),
                system,
                MessageAttributesMd5.ofAttributes(attributes),
                attributes);
    }
}
