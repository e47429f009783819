/**
 * The embedded durable store: every {@link dev.wharf.storage.QueueStore} record in one RocksDB database under the data
 * directory, written through one group-committing writer thread.
 */
@NullMarked
package dev.wharf.storage.rocksdb;

import org.jspecify.annotations.NullMarked;
