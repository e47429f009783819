package dev.wharf.sqs.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A queue's durable description: its identity, the attributes set on it and its tags.
 *
 * @param queueId the store's key for the queue; a queue created again under the same name gets a new one
 * @param attributes only the attributes that were set; defaults are applied when they are read
 */
record QueueMetadata(
        long queueId,
        String accountId,
        String name,
        long createdTimestampSeconds,
        long lastModifiedTimestampSeconds,
        Map<String, String> attributes,
        Map<String, String> tags) {

    private static final byte FORMAT_VERSION = 1;

    QueueMetadata {
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A queue's RedrivePolicy, read from its canonical form. */
    record Redrive(String deadLetterTargetArn, int maxReceiveCount) {}

    /** The queue's RedrivePolicy, or null when it has none. */
    @Nullable
    Redrive redrive() {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        // QueueAttributeRules stores {"deadLetterTargetArn":"…","maxReceiveCount":N} exactly.
        int arnStart = policy.indexOf(":\"") + 2;
        int arnEnd = policy.indexOf("\",", arnStart);
        int countStart = policy.lastIndexOf(':') + 1;
        return new Redrive(
                policy.substring(arnStart, arnEnd),
                Integer.parseInt(
                        policy.substring(countStart, policy.length() - 1).trim()));
    }

    boolean fifo() {
        return "true".equals(attributes.get("FifoQueue"));
    }

    /** The value of an integer attribute, or its default when it was never set. */
    int intAttribute(dev.wharf.sqs.api.QueueAttributeName attribute) {
        String value = attributes.get(attribute.name());
        String effective = value == null ? attribute.defaultValue() : value;
        if (effective == null) {
            throw new IllegalArgumentException(attribute + " is not an integer attribute");
        }
        return Integer.parseInt(effective);
    }

    QueueMetadata withAttributes(Map<String, String> newAttributes, long nowSeconds) {
        return new QueueMetadata(queueId, accountId, name, createdTimestampSeconds, nowSeconds, newAttributes, tags);
    }

    QueueMetadata withTags(Map<String, String> newTags) {
        return new QueueMetadata(
                queueId, accountId, name, createdTimestampSeconds, lastModifiedTimestampSeconds, attributes, newTags);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(queueId);
            out.writeUTF(accountId);
            out.writeUTF(name);
            out.writeLong(createdTimestampSeconds);
            out.writeLong(lastModifiedTimestampSeconds);
            writeMap(out, attributes);
            writeMap(out, tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static QueueMetadata decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException("unknown queue record version " + version);
            }
            return new QueueMetadata(
                    in.readLong(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), readMap(in), readMap(in));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt queue record", e);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            out.writeUTF(entry.getKey());
            // Policies can exceed writeUTF's 64 KiB, so values are length-prefixed bytes.
            byte[] value = entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            String key = in.readUTF();
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            map.put(key, new String(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        return map;
    }
}
