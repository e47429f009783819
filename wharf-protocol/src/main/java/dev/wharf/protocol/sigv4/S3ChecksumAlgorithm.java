package dev.wharf.protocol.sigv4;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.jspecify.annotations.Nullable;

/** The additional checksums that S3 computes over an object's body, named as S3 names them. */
public enum S3ChecksumAlgorithm {
    CRC32(4),
    CRC32C(4),
    CRC64NVME(8),
    SHA1(20),
    SHA256(32);

    private final int length;

    S3ChecksumAlgorithm(int length) {
        this.length = length;
    }

    /** The header, or trailer, that carries this checksum: {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** How many bytes the checksum has. */
    public int length() {
        return length;
    }

    /** The algorithm a header or trailer name carries, or null when it names none. */
    public static @Nullable S3ChecksumAlgorithm ofHeader(String lowerCaseName) {
        for (S3ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName().equals(lowerCaseName)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The algorithm of a name such as {@code x-amz-sdk-checksum-algorithm} carries, or null when unknown. */
    public static @Nullable S3ChecksumAlgorithm ofName(String name) {
        for (S3ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        return null;
    }

    /** A fresh computation of this checksum. */
    Digester digester() {
        return switch (this) {
            case CRC32 -> new CrcDigester(new CRC32(), 4);
            case CRC32C -> new CrcDigester(new CRC32C(), 4);
            case CRC64NVME -> new CrcDigester(new Crc64Nvme(), 8);
            case SHA1 -> new HashDigester(messageDigest("SHA-1"));
            case SHA256 -> new HashDigester(messageDigest("SHA-256"));
        };
    }

    static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // Every JDK provides MD5, SHA-1 and SHA-256.
            throw new IllegalStateException(name + " is unavailable", e);
        }
    }

    /** One checksum being computed over a stream. */
    interface Digester {
        void update(byte[] bytes, int offset, int length);

        /** The checksum's bytes, big-endian for the CRCs, as S3 encodes them in base64. */
        byte[] result();
    }

    private record CrcDigester(Checksum checksum, int length) implements Digester {
        @Override
        public void update(byte[] bytes, int offset, int count) {
            checksum.update(bytes, offset, count);
        }

        @Override
        public byte[] result() {
            byte[] eight = ByteBuffer.allocate(8).putLong(checksum.getValue()).array();
            byte[] result = new byte[length];
            System.arraycopy(eight, 8 - length, result, 0, length);
            return result;
        }
    }

    private record HashDigester(MessageDigest digest) implements Digester {
        @Override
        public void update(byte[] bytes, int offset, int count) {
            digest.update(bytes, offset, count);
        }

        @Override
        public byte[] result() {
            return digest.digest();
        }
    }
}
