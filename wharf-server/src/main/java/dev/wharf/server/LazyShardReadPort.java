package dev.wharf.server;

import dev.wharf.kinesis.api.ShardReadPort;
import dev.wharf.kinesis.engine.KinesisEngine;
import java.util.List;
import java.util.function.Supplier;

/**
 * Firehose's way into Kinesis: the Kinesis engine, made on the first read only, so that a server whose delivery
 * streams read no Kinesis stream never loads it.
 */
final class LazyShardReadPort implements ShardReadPort {

    private final Supplier<KinesisEngine> engine;

    LazyShardReadPort(Supplier<KinesisEngine> engine) {
        this.engine = engine;
    }

    @Override
    public List<ShardDescription> shards(String streamArn) {
        return engine.get().shards(streamArn);
    }

    @Override
    public Page read(String streamArn, String shardId, Position from, int limit) {
        return engine.get().read(streamArn, shardId, from, limit);
    }
}
