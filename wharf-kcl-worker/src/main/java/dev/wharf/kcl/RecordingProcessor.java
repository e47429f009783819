package dev.wharf.kcl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Writes every record of its shard to the event log, then checkpoints the batch: so the log holds a record before
 * any checkpoint that covers it, and a line {@code CKPT} only for a checkpoint the lease table acknowledged.
 */
final class RecordingProcessor implements ShardRecordProcessor {

    private final EventLog log;
    private String shardId = "?";

    RecordingProcessor(EventLog log) {
        this.log = log;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        log.write("INIT", shardId, String.valueOf(input.extendedSequenceNumber()));
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        List<KinesisClientRecord> records = input.records();
        if (records.isEmpty()) {
            return;
        }
        for (KinesisClientRecord record : records) {
            byte[] data = new byte[record.data().remaining()];
            record.data().duplicate().get(data);
            log.write(
                    "REC",
                    shardId,
                    record.sequenceNumber(),
                    Long.toString(record.subSequenceNumber()),
                    record.partitionKey(),
                    new String(data, StandardCharsets.UTF_8),
                    Boolean.toString(record.aggregated()));
        }
        checkpoint(input.checkpointer(), "CKPT", records.get(records.size() - 1).sequenceNumber());
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        log.write("LOST", shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        checkpoint(input.checkpointer(), "END", "SHARD_END");
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer(), "SHUTDOWN", "");
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, String event, String sequenceNumber) {
        try {
            checkpointer.checkpoint();
            log.write(event, shardId, sequenceNumber);
        } catch (Exception e) { // ShutdownException, InvalidStateException, ThrottlingException and the like
            log.write("CKPTFAIL", shardId, sequenceNumber, e.getClass().getSimpleName());
        }
    }
}
