/**
 * Amazon Kinesis Data Streams' semantics: streams and their shards, the 128-bit hash key space, sequence numbers,
 * records and iterators, resharding, retention and the per-shard throughput limits.
 */
@NullMarked
package dev.wharf.kinesis.engine;

import org.jspecify.annotations.NullMarked;
