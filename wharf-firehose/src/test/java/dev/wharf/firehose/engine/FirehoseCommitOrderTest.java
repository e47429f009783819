package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StreamRecord;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DeliveryStreamStore;
import dev.wharf.storage.PendingCommit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery never reads records whose put has not returned: a store may show a batch only once it is durable, so a
 * delivery that ran between a put's submit and its commit would find nothing and write an empty object.
 */
class FirehoseCommitOrderTest {

    /**
     * The memory store behind a gate: while it is held, record batches are queued, not applied, and their commits
     * wait, as a RocksDB batch that is submitted but not yet fsynced is neither durable nor (in this worst case)
     * visible. Other batches pass.
     */
    private static final class GatedStore implements DeliveryStreamStore {
        private final DeliveryStreamStore inner;
        private final List<DeliveryStreamBatch> held = new ArrayList<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch submitted = new CountDownLatch(1);
        private volatile boolean gated;

        GatedStore(DeliveryStreamStore inner) {
            this.inner = inner;
        }

        @Override
        public synchronized PendingCommit submit(DeliveryStreamBatch batch) {
            boolean records = batch.ops().stream().anyMatch(op -> op instanceof DeliveryStreamBatch.PutRecord);
            if (!gated || !records) {
                return inner.submit(batch);
            }
            held.add(batch);
            submitted.countDown();
            return () -> {
                try {
                    assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
        }

        synchronized void release() {
            held.forEach(inner::commit);
            held.clear();
            gated = false;
            released.countDown();
        }

        @Override
        public void scanResources(String prefix, ResourceVisitor visitor) {
            inner.scanResources(prefix, visitor);
        }

        @Override
        public byte @Nullable [] readResource(String key) {
            return inner.readResource(key);
        }

        @Override
        public void scanRecords(long streamId, long fromSequence, RecordVisitor visitor) {
            inner.scanRecords(streamId, fromSequence, visitor);
        }
    }

    private final FirehoseFixture fixture = new FirehoseFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRecordIsDeliveredOnlyOnceItsPutHasReturnedAndNoEmptyObjectIsWritten() throws Exception {
        fixture.firehose.close();
        GatedStore store = new GatedStore(fixture.storage.deliveryStreams());
        fixture.firehose = new FirehoseEngine(
                store,
                fixture.s3,
                fixture.clock,
                FirehoseConfig.DEFAULT.withTransition(Duration.ofSeconds(1)),
                "us-east-1",
                Runnable::run,
                new Random(7),
                false,
                FirehosePorts.NONE);
        fixture.bucket("gated");
        fixture.active("gated", extended("gated", null, 1, 0, "UNCOMPRESSED"));
        store.gated = true;
        CompletableFuture<String> put = CompletableFuture.supplyAsync(() -> String.valueOf(fixture.firehose
                .putRecord(
                        ALICE, new PutRecordRequest("gated", new StreamRecord("late".getBytes(StandardCharsets.UTF_8))))
                .recordId()));
        assertThat(store.submitted.await(10, TimeUnit.SECONDS)).isTrue();

        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.deliver();
        assertThat(fixture.objects("gated"))
                .as("nothing while the put's commit is pending")
                .isEmpty();

        store.release();
        assertThat(put.get(10, TimeUnit.SECONDS)).isNotBlank();
        fixture.deliver();
        assertThat(fixture.objects("gated")).hasSize(1);
        assertThat(fixture.body("gated", fixture.objects("gated").getFirst().key()))
                .isEqualTo("late".getBytes(StandardCharsets.UTF_8));
    }
}
