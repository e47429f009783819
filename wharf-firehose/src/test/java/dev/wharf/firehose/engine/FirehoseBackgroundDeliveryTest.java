package dev.wharf.firehose.engine;

import static dev.wharf.firehose.engine.FirehoseFixture.ALICE;
import static dev.wharf.firehose.engine.FirehoseFixture.ALICE_S3;
import static dev.wharf.firehose.engine.FirehoseFixture.START;
import static dev.wharf.firehose.engine.FirehoseFixture.extended;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.TestClock;
import dev.wharf.firehose.api.PutRecordRequest;
import dev.wharf.firehose.api.StreamRecord;
import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.ObjectWritePort;
import dev.wharf.s3.engine.S3Engine;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine as a server makes it, with its own scheduler thread: deliveries start without {@code runDeliveries()}.
 * The test waits on the writes themselves, never on a sleep; the clock is still the test's.
 */
class FirehoseBackgroundDeliveryTest {

    private final TestClock clock = new TestClock(START);
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final S3Engine s3 = new S3Engine(storage.objects(), clock);
    /** The bodies written, in order, as the port received them. */
    private final LinkedBlockingQueue<String> written = new LinkedBlockingQueue<>();

    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final ObjectWritePort port = (write, body) -> {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = s3.write(write, new ByteArrayInputStream(bytes));
        keys.add(write.key());
        written.add(new String(bytes, StandardCharsets.UTF_8));
        return etag;
    };
    private final FirehoseEngine firehose = new FirehoseEngine(
            storage.deliveryStreams(), port, clock, FirehoseConfig.DEFAULT.withTransition(Duration.ZERO), "us-east-1");

    @AfterEach
    void close() {
        firehose.close();
        storage.close();
    }

    private void put(String stream, String data) {
        firehose.putRecord(
                ALICE, new PutRecordRequest(stream, new StreamRecord(data.getBytes(StandardCharsets.UTF_8))));
    }

    private @Nullable String nextWrite() throws InterruptedException {
        return written.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void aPutThatMakesABufferDueIsDeliveredWithoutAnyoneAsking() throws InterruptedException {
        s3.createBucket(ALICE_S3, new BucketShapes.CreateBucketRequest("logs", null));
        firehose.createDeliveryStream(
                ALICE, FirehoseFixture.create("now", extended("logs", "now/", 1, 0, "UNCOMPRESSED")));

        put("now", "at once");

        assertThat(nextWrite()).isEqualTo("at once");
        assertThat(keys).singleElement().asString().startsWith("now/2026/12/02/17/now-1-");
    }

    @Test
    void aBufferWhoseIntervalPassesIsDeliveredByTheSchedulersOwnRound() throws InterruptedException {
        s3.createBucket(ALICE_S3, new BucketShapes.CreateBucketRequest("logs", null));
        firehose.createDeliveryStream(
                ALICE, FirehoseFixture.create("later", extended("logs", "later/", 1, 60, "UNCOMPRESSED")));
        put("later", "after a minute");
        assertThat(written.poll(50, TimeUnit.MILLISECONDS))
                .as("not due for another minute")
                .isNull();

        clock.advance(Duration.ofSeconds(60));

        assertThat(nextWrite()).as("the scheduler looks at least once a second").isEqualTo("after a minute");
    }
}
