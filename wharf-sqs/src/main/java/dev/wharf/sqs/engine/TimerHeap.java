package dev.wharf.sqs.engine;

/** A binary min-heap of (time, sequence) pairs in two primitive arrays. Not thread-safe. */
final class TimerHeap {

    /** Decides whether a timer is still live. */
    @FunctionalInterface
    interface TimerFilter {
        boolean keep(long time, long sequence);
    }

    private long[] times = new long[16];
    private long[] sequences = new long[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long peekTime() {
        return times[0];
    }

    long peekSequence() {
        return sequences[0];
    }

    void push(long time, long sequence) {
        if (size == times.length) {
            int capacity = times.length + (times.length >> 1);
            times = java.util.Arrays.copyOf(times, capacity);
            sequences = java.util.Arrays.copyOf(sequences, capacity);
        }
        int i = size++;
        times[i] = time;
        sequences[i] = sequence;
        siftUp(i);
    }

    void pop() {
        size--;
        times[0] = times[size];
        sequences[0] = sequences[size];
        siftDown(0);
    }

    /** Keeps only the timers that {@code filter} accepts, and shrinks the arrays to fit. */
    void retain(TimerFilter filter) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (filter.keep(times[i], sequences[i])) {
                times[count] = times[i];
                sequences[count] = sequences[i];
                count++;
            }
        }
        size = count;
        int capacity = Math.max(16, count + (count >> 1));
        times = java.util.Arrays.copyOf(times, capacity);
        sequences = java.util.Arrays.copyOf(sequences, capacity);
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    void clear() {
        times = new long[16];
        sequences = new long[16];
        size = 0;
    }

    private void siftUp(int start) {
        int i = start;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int start) {
        int i = start;
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    /** Orders by time, then by sequence, so that messages due together become ready in arrival order. */
    private boolean less(int a, int b) {
        return times[a] < times[b] || (times[a] == times[b] && sequences[a] < sequences[b]);
    }

    private void swap(int a, int b) {
        long time = times[a];
        times[a] = times[b];
        times[b] = time;
        long sequence = sequences[a];
        sequences[a] = sequences[b];
        sequences[b] = sequence;
    }
}
