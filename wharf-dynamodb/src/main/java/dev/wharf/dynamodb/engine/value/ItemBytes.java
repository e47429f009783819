package dev.wharf.dynamodb.engine.value;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The stored form of an item: a compact, stable byte layout that a store keeps as the item's record.
 *
 * <p>Layout: a format byte ({@value #FORMAT}), the number of attributes, then each attribute's name and value. Counts
 * and lengths are unsigned LEB128 varints; strings are UTF-8 with their length first. A value is a tag byte (its
 * {@link Type}'s ordinal) and then: S, its string; N, its scale as a zig-zag varint and its unscaled digits as a
 * length and big-endian two's complement bytes; B, its length and bytes; BOOL, one byte; NULL, nothing; L, a count and
 * the values; M, a count and names with values; SS, NS and BS, a count and the elements as S, N and B write them. The
 * tags are the enum's ordinals, so {@link Type}'s order is part of the format and must never change; a new layout
 * takes a new format byte.
 */
public final class ItemBytes {

    /** The format byte of this layout. */
    static final int FORMAT = 1;

    private static final Type[] TYPES = Type.values();

    private ItemBytes() {}

    /** The stored form of the item. */
    public static byte[] encode(Item item) {
        Writer out = new Writer(Math.max(16, item.sizeBytes() + 8));
        out.write(FORMAT);
        out.varint(item.attributes().size());
        item.attributes().forEach((name, value) -> {
            out.string(name);
            out.value(value);
        });
        return out.toByteArray();
    }

    /** The item of a stored form; throws IllegalArgumentException for bytes that {@link #encode} did not write. */
    public static Item decode(byte[] bytes) {
        Reader in = new Reader(bytes);
        int format = in.unsignedByte();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown item format " + format);
        }
        int count = in.count();
        LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.string();
            attributes.put(name, in.value(0));
        }
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("trailing bytes after the item");
        }
        return Item.of(attributes);
    }

    /** Writes the layout; a ByteArrayOutputStream never throws, so neither does this. */
    private static final class Writer extends ByteArrayOutputStream {

        Writer(int size) {
            super(size);
        }

        void varint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            write((int) rest);
        }

        void bytes(byte[] bytes) {
            varint(bytes.length);
            write(bytes, 0, bytes.length);
        }

        void string(String text) {
            bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void number(BigDecimal number) {
            int scale = number.scale();
            varint(Integer.toUnsignedLong((scale << 1) ^ (scale >> 31)));
            bytes(number.unscaledValue().toByteArray());
        }

        void value(Value value) {
            write(value.type().ordinal());
            switch (value) {
                case Value.S s -> string(s.value());
                case Value.N n -> number(n.value());
                case Value.B b -> bytes(b.value().array());
                case Value.Bool bool -> write(bool.value() ? 1 : 0);
                case Value.Null ignored -> {}
                case Value.L l -> {
                    varint(l.values().size());
                    l.values().forEach(this::value);
                }
                case Value.M m -> {
                    varint(m.values().size());
                    m.values().forEach((name, element) -> {
                        string(name);
                        value(element);
                    });
                }
                case Value.SS ss -> {
                    varint(ss.values().size());
                    ss.values().forEach(this::string);
                }
                case Value.NS ns -> {
                    varint(ns.values().size());
                    ns.values().forEach(this::number);
                }
                case Value.BS bs -> {
                    varint(bs.values().size());
                    bs.values().forEach(element -> bytes(element.array()));
                }
            }
        }
    }

    /** Reads the layout, refusing anything out of bounds. */
    private static final class Reader {

        /** Deeper than any item DynamoDB accepts, so that corrupt bytes cannot recurse without end. */
        private static final int DEPTH_MAX = 64;

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        int unsignedByte() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("the item's bytes end too soon");
            }
            return bytes[position++] & 0xFF;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = unsignedByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint is too long");
        }

        /** A count or length, which can never exceed the bytes left. */
        int count() {
            long count = varint();
            if (count < 0 || count > remaining()) {
                throw new IllegalArgumentException("a length of " + count + " runs past the item's bytes");
            }
            return (int) count;
        }

        byte[] bytes() {
            int length = count();
            byte[] out = new byte[length];
            System.arraycopy(bytes, position, out, 0, length);
            position += length;
            return out;
        }

        String string() {
            int length = count();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        BigDecimal number() {
            long zigzag = varint();
            int scale = (int) ((zigzag >>> 1) ^ -(zigzag & 1));
            byte[] unscaled = bytes();
            if (unscaled.length == 0) {
                throw new IllegalArgumentException("a number without digits");
            }
            return new BigDecimal(new BigInteger(unscaled), scale);
        }

        /** A set's elements; a repeated one is corrupt, since {@link #encode} writes a set as it is. */
        <T> LinkedHashSet<T> set(Supplier<T> element) {
            int count = count();
            LinkedHashSet<T> values = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                if (!values.add(element.get())) {
                    throw new IllegalArgumentException("a set holds an element twice");
                }
            }
            return values;
        }

        Value value(int depth) {
            if (depth > DEPTH_MAX) {
                throw new IllegalArgumentException("the item nests too deeply");
            }
            int tag = unsignedByte();
            if (tag >= TYPES.length) {
                throw new IllegalArgumentException("unknown value tag " + tag);
            }
            return switch (TYPES[tag]) {
                case S -> new Value.S(string());
                case N -> new Value.N(number());
                case B -> new Value.B(Bytes.wrap(bytes()));
                case BOOL -> Value.Bool.of(unsignedByte() != 0);
                case NULL -> Value.Null.INSTANCE;
                case L -> {
                    int count = count();
                    List<Value> values = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        values.add(value(depth + 1));
                    }
                    yield new Value.L(values);
                }
                case M -> {
                    int count = count();
                    LinkedHashMap<String, Value> values = new LinkedHashMap<>();
                    for (int i = 0; i < count; i++) {
                        String name = string();
                        values.put(name, value(depth + 1));
                    }
                    yield new Value.M(values);
                }
                case SS -> new Value.SS(set(this::string));
                case NS -> new Value.NS(set(this::number));
                case BS -> new Value.BS(set(() -> Bytes.wrap(bytes())));
            };
        }
    }
}
