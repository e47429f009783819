package dev.wharf.storage.rocksdb;

import dev.wharf.storage.QueueBatch;

/**
 * One store's batch as {@link GroupCommitWriter} queues it. The SPI's batch types share no supertype, and the one
 * writer is to take the batches of every store in one order, so that they share fsync groups and a crash keeps a
 * prefix of all of them; so far there is the queue store's.
 */
sealed interface StoreBatch {

    record Queues(QueueBatch batch) implements StoreBatch {}
}
