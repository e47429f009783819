package dev.wharf.storage;

import java.util.List;

/**
 * The behaviour that every {@link BrokerStore} backend passes, {@link KeyedRecordStoreContractTest} bound to {@link
 * BrokerStore} and {@link BrokerBatch}: subclass it, open the backend in {@link #open()}, and say in {@link
 * #survivesReopen()} whether committed data outlives a close.
 */
public abstract class BrokerStoreContractTest extends KeyedRecordStoreContractTest<BrokerBatch> {

    @Override
    protected final RecordStore<BrokerBatch> storeOf(StorageEngine engine) {
        BrokerStore brokers = engine.brokers();
        return new RecordStore<>(
                brokers::submit,
                brokers::commit,
                (prefix, visitor) -> brokers.scan(prefix, visitor::accept),
                brokers::read);
    }

    @Override
    protected final BrokerBatch batchOf(List<Op> ops) {
        return build(ops, new BrokerBatch(), BrokerBatch::put, BrokerBatch::delete, BrokerBatch::deletePrefix);
    }
}
