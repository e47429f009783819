package dev.wharf.storage.rocksdb;

import dev.wharf.storage.TableStore;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Encodes the keys of DynamoDB's two column families so that RocksDB's bytewise order is the order that {@link
 * TableStore} promises.
 *
 * <ul>
 *   <li>{@code dynamodb-tables}: 8 big-endian bytes of the table id, then the record name's UTF-8, so a table is one
 *       range, up to the next id.
 *   <li>{@code dynamodb-items}: the table id, 4 big-endian bytes of the index, 4 of the partition key's {@link
 *       TableStore#partitionHash}, the partition key escaped (each zero byte written as {@code 00 FF}) and ended by
 *       {@code 00 01}, then the sort key as it is. The escape keeps the partition keys' own order and makes them end
 *       where no partition key's bytes can: one partition is the range from its prefix up to the prefix with its last
 *       byte raised ({@code 00 02}), and its sort keys, last in the key, keep their order within it. An index and a
 *       hash range are each one range too, so a deleted index is one range tombstone and a scan segment one seek.
 * </ul>
 *
 * <p>Big-endian ids and indexes sort like the numbers because the SPI keeps them non-negative; the hash is unsigned.
 */
final class ItemKeys {

    /** The bytes before a partition key: table id, index, hash. */
    static final int PARTITION_OFFSET = Long.BYTES + Integer.BYTES + Integer.BYTES;

    private static final byte ESCAPE = 0;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte END = 1;

    private ItemKeys() {}

    /** A table record's key. */
    static byte[] recordKey(long tableId, String name) {
        return RecordKeys.streamMetadataKey(tableId, name);
    }

    static long recordTableOf(byte[] key) {
        return RecordKeys.streamIdOf(key);
    }

    static String recordNameOf(byte[] key) {
        return RecordKeys.streamMetadataNameOf(key);
    }

    /** The first key of a table in either family, inclusive. */
    static byte[] tableStart(long tableId) {
        return RecordKeys.queueKey(tableId);
    }

    /** The key just past a table in either family, exclusive; {@link Long#MAX_VALUE} wraps past every id. */
    static byte[] tableEnd(long tableId) {
        return RecordKeys.queueKey(tableId + 1);
    }

    /** The first key of an index of a table, inclusive. */
    static byte[] indexStart(long tableId, int index) {
        return Arrays.copyOf(hashKey(tableId, index, 0), Long.BYTES + Integer.BYTES);
    }

    /** The key just past an index, exclusive; {@link Integer#MAX_VALUE} wraps past every index. */
    static byte[] indexEnd(long tableId, int index) {
        return Arrays.copyOf(hashKey(tableId, index + 1, 0), Long.BYTES + Integer.BYTES);
    }

    /** The first key of a hash of an index, inclusive: table, index and hash, nothing after. */
    static byte[] hashKey(long tableId, int index, long hash) {
        byte[] key = new byte[PARTITION_OFFSET];
        writeNumber(key, 0, tableId, Long.BYTES);
        writeNumber(key, Long.BYTES, index, Integer.BYTES);
        writeNumber(key, Long.BYTES + Integer.BYTES, hash, Integer.BYTES);
        return key;
    }

    /** The first key of one partition, inclusive: every key of its items begins with it. */
    static byte[] partitionStart(long tableId, int index, byte[] partition) {
        ByteArrayOutputStream key = new ByteArrayOutputStream(PARTITION_OFFSET + partition.length + 4);
        key.writeBytes(hashKey(tableId, index, TableStore.partitionHash(partition)));
        for (byte b : partition) {
            if (b == ESCAPE) {
                key.write(ESCAPE);
                key.write(ESCAPED_ZERO);
            } else {
                key.write(b);
            }
        }
        key.write(ESCAPE);
        key.write(END);
        return key.toByteArray();
    }

    /** The key just past one partition, exclusive: its start with the last byte raised. */
    static byte[] partitionEnd(byte[] partitionStart) {
        byte[] end = partitionStart.clone();
        end[end.length - 1]++;
        return end;
    }

    /** An item's key. */
    static byte[] itemKey(long tableId, int index, byte[] partition, byte[] sort) {
        return append(partitionStart(tableId, index, partition), sort);
    }

    static byte[] append(byte[] prefix, byte[] suffix) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
        return key;
    }

    /** The partition key and sort key of an item's key. */
    static TableStore.ItemKey itemOf(byte[] key) {
        ByteArrayOutputStream partition = new ByteArrayOutputStream();
        int at = PARTITION_OFFSET;
        while (true) {
            byte b = key[at++];
            if (b != ESCAPE) {
                partition.write(b);
            } else if (key[at++] == ESCAPED_ZERO) {
                partition.write(0);
            } else {
                break;
            }
        }
        return new TableStore.ItemKey(partition.toByteArray(), Arrays.copyOfRange(key, at, key.length));
    }

    private static void writeNumber(byte[] target, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            target[offset + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }
}
