package dev.wharf.sqs.engine;

import java.util.function.LongPredicate;

/** A growable ring of sequences, used as a double-ended queue without boxing. Not thread-safe. */
final class SequenceRing {

    private long[] values = new long[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void addLast(long value) {
        grow();
        values[(head + size) & (values.length - 1)] = value;
        size++;
    }

    void addFirst(long value) {
        grow();
        head = (head - 1) & (values.length - 1);
        values[head] = value;
        size++;
    }

    long pollFirst() {
        if (size == 0) {
            throw new IllegalStateException("empty ring");
        }
        long value = values[head];
        head = (head + 1) & (values.length - 1);
        size--;
        return value;
    }

    /** The value at {@code index} from the head; {@code index} must be below {@link #size()}. */
    long get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[(head + index) & (values.length - 1)];
    }

    /**
     * Removes the first occurrence of {@code value} among the first {@code searchMax} values, keeping the order of the
     * rest; returns whether it was found.
     */
    boolean remove(long value, int searchMax) {
        int limit = Math.min(size, searchMax);
        int mask = values.length - 1;
        for (int i = 0; i < limit; i++) {
            if (values[(head + i) & mask] == value) {
                for (int j = i; j > 0; j--) {
                    values[(head + j) & mask] = values[(head + j - 1) & mask];
                }
                head = (head + 1) & mask;
                size--;
                return true;
            }
        }
        return false;
    }

    /** Keeps, in order, only the values that {@code keep} accepts, and shrinks the ring to fit. */
    void retain(LongPredicate keep) {
        long[] kept = new long[capacityFor(size)];
        int count = 0;
        for (int i = 0; i < size; i++) {
            long value = values[(head + i) & (values.length - 1)];
            if (keep.test(value)) {
                kept[count++] = value;
            }
        }
        long[] fitted = new long[capacityFor(count)];
        System.arraycopy(kept, 0, fitted, 0, count);
        values = fitted;
        head = 0;
        size = count;
    }

    void clear() {
        values = new long[16];
        head = 0;
        size = 0;
    }

    private void grow() {
        if (size < values.length) {
            return;
        }
        long[] grown = new long[values.length * 2];
        for (int i = 0; i < size; i++) {
            grown[i] = values[(head + i) & (values.length - 1)];
        }
        values = grown;
        head = 0;
    }

    private static int capacityFor(int count) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, count)) << 1);
    }
}
