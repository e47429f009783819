package dev.wharf.storage;

import java.util.List;

/**
 * The behaviour that every {@link TopicStore} backend passes, {@link KeyedRecordStoreContractTest} bound to {@link
 * TopicStore} and {@link TopicBatch}: subclass it, open the backend in {@link #open()}, and say in {@link
 * #survivesReopen()} whether committed data outlives a close.
 */
public abstract class TopicStoreContractTest extends KeyedRecordStoreContractTest<TopicBatch> {

    @Override
    protected final RecordStore<TopicBatch> storeOf(StorageEngine engine) {
        TopicStore topics = engine.topics();
        return new RecordStore<>(
                topics::submit,
                topics::commit,
                (prefix, visitor) -> topics.scan(prefix, visitor::accept),
                topics::read);
    }

    @Override
    protected final TopicBatch batchOf(List<Op> ops) {
        return build(ops, new TopicBatch(), TopicBatch::put, TopicBatch::delete, TopicBatch::deletePrefix);
    }
}
