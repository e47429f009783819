package dev.wharf.protocol.sigv4;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 computes by default for every object, which the JDK lacks: the reflected polynomial
 * {@code 0x9a6c9329ac4bc9b5}, with every bit set at the start and flipped at the end. Not thread-safe, as no {@link
 * Checksum} is.
 */
public final class Crc64Nvme implements Checksum {

    private static final long POLYNOMIAL = 0x9a6c9329ac4bc9b5L;
    private static final long[] TABLE = table();

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long value = crc;
        for (int i = off; i < off + len; i++) {
            value = TABLE[(int) ((value ^ b[i]) & 0xFF)] ^ (value >>> 8);
        }
        crc = value;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long value = i;
            for (int bit = 0; bit < 8; bit++) {
                value = (value & 1) != 0 ? (value >>> 1) ^ POLYNOMIAL : value >>> 1;
            }
            table[i] = value;
        }
        return table;
    }
}
