package dev.wharf.firehose.engine;

import dev.wharf.storage.DeliveryStreamStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one delivery to an endpoint, read whole from the store: from the stream's cursor until their data
 * reach the buffer's size (at most 64 MiB for the endpoint destinations), {@code recordsMax} records are taken, or the
 * records accepted when the delivery began are all taken, as {@link ObjectBody} takes them for S3.
 *
 * @param last the last sequence taken, -1 for none
 * @param bytes the data of the records taken
 */
record Batch(List<Batch.Entry> records, long last, long bytes) {

    /**
     * One record.
     *
     * @param arrivalMillis when it was put
     */
    record Entry(long sequence, long arrivalMillis, byte[] data) {}

    static Batch read(DeliveryStreamStore store, long streamId, long from, long end, long sizeLimit, int recordsMax) {
        List<Entry> records = new ArrayList<>();
        long[] taken = {-1, 0};
        store.scanRecords(streamId, from, (sequence, value) -> {
            if (sequence >= end || taken[1] >= sizeLimit || records.size() >= recordsMax) {
                return false;
            }
            records.add(new Entry(sequence, FirehoseRecords.arrivalOf(value), FirehoseRecords.dataOf(value)));
            taken[0] = sequence;
            taken[1] += FirehoseRecords.sizeOf(value);
            return true;
        });
        return new Batch(records, taken[0], taken[1]);
    }
}
