package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.MessageAttributeValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message's immutable part as the store keeps it: identity, body, attributes and sender.
 *
 * @param messageAttributes sorted by name; values carry either a string or a binary value
 */
record MessagePayload(
        UUID messageId,
        String senderId,
        String body,
        Map<String, MessageAttributeValue> messageAttributes,
        @Nullable String awsTraceHeader,
        @Nullable String messageGroupId,
        @Nullable String messageDeduplicationId,
        @Nullable String deadLetterQueueSourceArn) {

    /** Version 2 added the deduplication id and the dead-letter source; version 1 records are still read. */
    private static final byte FORMAT_VERSION = 2;

    private static final byte FORMAT_VERSION_1 = 1;
    private static final byte TRANSPORT_STRING = 1;
    private static final byte TRANSPORT_BINARY = 2;

    byte[] encode() {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(bodyBytes.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(messageId.getMostSignificantBits());
            out.writeLong(messageId.getLeastSignificantBits());
            out.writeUTF(senderId);
            writeBytes(out, bodyBytes);
            out.writeByte(messageAttributes.size());
            for (Map.Entry<String, MessageAttributeValue> attribute : messageAttributes.entrySet()) {
                MessageAttributeValue value = attribute.getValue();
                out.writeUTF(attribute.getKey());
                out.writeUTF(value.dataType());
                byte[] binary = value.binaryValue();
                if (binary != null) {
                    out.writeByte(TRANSPORT_BINARY);
                    writeBytes(out, binary);
                } else {
                    out.writeByte(TRANSPORT_STRING);
                    String string = value.stringValue();
                    writeBytes(out, (string == null ? "" : string).getBytes(StandardCharsets.UTF_8));
                }
            }
            writeOptional(out, awsTraceHeader);
            writeOptional(out, messageGroupId);
            writeOptional(out, messageDeduplicationId);
            writeOptional(out, deadLetterQueueSourceArn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MessagePayload decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION && version != FORMAT_VERSION_1) {
                throw new IllegalStateException("unknown message payload version " + version);
            }
            UUID messageId = new UUID(in.readLong(), in.readLong());
            String senderId = in.readUTF();
            String body = new String(readBytes(in), StandardCharsets.UTF_8);
            int count = in.readUnsignedByte();
            Map<String, MessageAttributeValue> attributes = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                String dataType = in.readUTF();
                byte transport = in.readByte();
                byte[] value = readBytes(in);
                attributes.put(
                        name,
                        transport == TRANSPORT_BINARY
                                ? MessageAttributeValue.ofBinary(dataType, value)
                                : MessageAttributeValue.ofString(dataType, new String(value, StandardCharsets.UTF_8)));
            }
            String traceHeader = readOptional(in);
            String groupId = readOptional(in);
            if (version == FORMAT_VERSION_1) {
                return new MessagePayload(messageId, senderId, body, attributes, traceHeader, groupId, null, null);
            }
            return new MessagePayload(
                    messageId, senderId, body, attributes, traceHeader, groupId, readOptional(in), readOptional(in));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt message payload", e);
        }
    }

    /** This message as a dead-letter queue keeps it: the same, naming the queue it came from. */
    MessagePayload withDeadLetterQueueSourceArn(String sourceArn) {
        return new MessagePayload(
                messageId,
                senderId,
                body,
                messageAttributes,
                awsTraceHeader,
                messageGroupId,
                messageDeduplicationId,
                sourceArn);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }

    private static void writeOptional(DataOutputStream out, @Nullable String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static @Nullable String readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? new String(readBytes(in), StandardCharsets.UTF_8) : null;
    }
}
