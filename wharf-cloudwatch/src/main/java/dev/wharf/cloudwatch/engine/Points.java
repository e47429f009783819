package dev.wharf.cloudwatch.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a point, the aggregates of one bucket by unit, as the store keeps it: a version byte, the number of units,
 * then per unit its name, sample count, sum, minimum, maximum, the distribution's kind and its (value, count) pairs.
 */
final class Points {

    private static final byte VERSION = 1;

    private Points() {}

    static byte[] encode(Map<String, Aggregate> byUnit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(byUnit.size());
            for (Map.Entry<String, Aggregate> entry : byUnit.entrySet()) {
                Aggregate aggregate = entry.getValue();
                out.writeUTF(entry.getKey());
                out.writeDouble(aggregate.sampleCount());
                out.writeDouble(aggregate.sum());
                out.writeDouble(aggregate.minimum());
                out.writeDouble(aggregate.maximum());
                out.writeByte(aggregate.distribution().ordinal());
                out.writeInt(aggregate.values().size());
                for (Map.Entry<Double, Double> value : aggregate.values().entrySet()) {
                    out.writeDouble(value.getKey());
                    out.writeDouble(value.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a point.
     *
     * @throws IllegalStateException when the bytes are not a point this version wrote
     */
    static TreeMap<String, Aggregate> decode(byte[] value) {
        TreeMap<String, Aggregate> byUnit = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readByte() != VERSION) {
                throw new IllegalStateException("a CloudWatch point of an unknown version");
            }
            int units = in.readUnsignedShort();
            for (int i = 0; i < units; i++) {
                String unit = in.readUTF();
                Aggregate aggregate = Aggregate.of(
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        Aggregate.Distribution.values()[in.readUnsignedByte()]);
                int distinct = in.readInt();
                if (distinct < 0 || distinct > value.length / 16) {
                    throw new IllegalStateException("a CloudWatch point with a malformed distribution");
                }
                for (int j = 0; j < distinct; j++) {
                    aggregate.restoreValue(in.readDouble(), in.readDouble());
                }
                byUnit.put(unit, aggregate);
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("a malformed CloudWatch point", e);
        }
        return byUnit;
    }
}
