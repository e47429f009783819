package dev.wharf.storage.rocksdb;

import dev.wharf.storage.ArchiveBatch;
import dev.wharf.storage.BlobId;
import dev.wharf.storage.BrokerBatch;
import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.SequenceNumber;
import dev.wharf.storage.StreamBatch;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TopicBatch;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One store's batch as {@link GroupCommitWriter} queues it. The SPI's batch types share no supertype, and the one
 * writer takes the batches of every store in one order, so that they share fsync groups and a crash keeps a prefix of
 * all of them.
 */
sealed interface StoreBatch {

    record Queues(QueueBatch batch) implements StoreBatch {}

    record Topics(TopicBatch batch) implements StoreBatch {}

    record Deliveries(DeliveryBatch batch) implements StoreBatch {}

    record Archive(ArchiveBatch batch) implements StoreBatch {}

    /** A purge's deletion of the archive keys from {@code start}, inclusive, up to {@code end}, exclusive. */
    record ArchivePurge(byte[] start, byte[] end) implements StoreBatch {}

    record Streams(StreamBatch batch) implements StoreBatch {}

    /**
     * A trim of one shard: deletes its records from {@code recordsStart}, inclusive, up to {@code recordsEnd}, and its
     * time index from {@code timesStart} up to {@code timesEnd}, both exclusive; an end that is null deletes nothing.
     * Then writes the time index entry {@code timeKey} when it is not null: the kept record that heads its time.
     *
     * <p>When {@code splitBelow} is not null, {@code recordsEnd} is where the shard's records from it begin, and the
     * chunk found there may hold records below it too: the writer rewrites that chunk without them, reading it only
     * once every batch queued before the trim is written, so that no chunk appended meanwhile escapes.
     */
    record StreamTrim(
            byte[] recordsStart,
            byte @Nullable [] recordsEnd,
            byte[] timesStart,
            byte @Nullable [] timesEnd,
            byte @Nullable [] timeKey,
            @Nullable SequenceNumber splitBelow)
            implements StoreBatch {}

    record Metrics(MetricBatch batch) implements StoreBatch {}

    record Tables(TableBatch batch) implements StoreBatch {}

    /** An object store's batch, with the length of each blob it adds, for the blob's record. */
    record Objects(ObjectBatch batch, Map<BlobId, Long> lengths) implements StoreBatch {}

    record DeliveryStreams(DeliveryStreamBatch batch) implements StoreBatch {}

    record Brokers(BrokerBatch batch) implements StoreBatch {}
}
