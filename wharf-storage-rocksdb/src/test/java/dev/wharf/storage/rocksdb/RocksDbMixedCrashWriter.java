package dev.wharf.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wharf.storage.DeliveryBatch;
import dev.wharf.storage.DeliveryStreamBatch;
import dev.wharf.storage.DurabilityMode;
import dev.wharf.storage.MetricBatch;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.PendingCommit;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.TableBatch;
import dev.wharf.storage.TopicBatch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A child process of {@link RocksDbCrashTest}: submits commit {@code n} to the queue, topic, delivery, metric, table,
 * object or delivery stream store in turn ({@code n % 7}), from one thread so that the submit order is known, keeping up to {@link
 * #WINDOW} commits in flight so that the writer groups commits of all seven stores; prints {@code ack <n>} once a commit's wait has returned,
 * until it is killed.
 *
 * <p>Arguments: the data directory and the first commit number. It stops by itself after {@link #MAX_RUN_SECONDS}.
 */
final class RocksDbMixedCrashWriter {

    static final long QUEUE_ID = 3;
    private static final long SERIES_ID = 5;
    private static final int PERIOD_SECONDS = 60;
    private static final long TABLE_ID = 9;
    private static final long FIREHOSE_STREAM_ID = 11;
    private static final String TOPIC_PREFIX = "mixed/";
    private static final int WINDOW = 64;
    private static final long MAX_RUN_SECONDS = 120;

    private record InFlight(long number, PendingCommit commit) {}

    private RocksDbMixedCrashWriter() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        long number = Long.parseLong(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_RUN_SECONDS);
        PrintStream out = System.out;
        RocksDbStorageEngine engine = RocksDbStorageEngine.open(dataDir, DurabilityMode.SYNC);
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        while (System.nanoTime() - deadline < 0) {
            inFlight.add(new InFlight(number, submit(engine, number)));
            number++;
            if (inFlight.size() >= WINDOW) {
                InFlight oldest = inFlight.remove();
                oldest.commit().await();
                out.print("ack " + oldest.number() + "\n");
                out.flush();
            }
        }
        engine.close();
    }

    private static PendingCommit submit(RocksDbStorageEngine engine, long number) {
        byte[] value = value(number);
        return switch ((int) (number % 7)) {
            case 0 -> engine.queues().submit(new QueueBatch().putIndex(QUEUE_ID, number, value));
            case 1 -> engine.topics().submit(new TopicBatch().put(topicKey(number), value));
            case 2 ->
                engine.deliveries()
                        .submit(new DeliveryBatch().putMessage(number, value).putDelivery(number, 0, value));
            case 3 -> engine.metrics().submit(new MetricBatch().putPoint(SERIES_ID, PERIOD_SECONDS, number, value));
            case 4 ->
                // An item and its index entry, which must survive together.
                engine.tables()
                        .submit(new TableBatch()
                                .putItem(TABLE_ID, 0, itemKey(number), new byte[0], value)
                                .putItem(TABLE_ID, 1, new byte[] {1}, itemKey(number), value));
            case 5 -> engine.objectStore().submit(new ObjectBatch().put(topicKey(number), value));
            default ->
                // A buffered record and a resource beside it, which must survive together.
                engine.deliveryStreams()
                        .submit(new DeliveryStreamBatch()
                                .putRecord(FIREHOSE_STREAM_ID, number, value)
                                .putResource(topicKey(number), value));
        };
    }

    /**
     * The commit numbers stored in every store, each checked whole: its value intact, and a delivery commit's payload
     * and delivery record both present.
     */
    static Set<Long> stored(RocksDbStorageEngine engine) {
        Set<Long> stored = new HashSet<>();
        engine.scanIndex(QUEUE_ID, (number, value) -> add(stored, number, value));
        engine.topics()
                .scan(
                        TOPIC_PREFIX,
                        (key, value) -> add(stored, Long.parseLong(key.substring(TOPIC_PREFIX.length())), value));
        engine.deliveries().scanDeliveries((number, target, value) -> {
            add(stored, number, value);
            if (!Arrays.equals(engine.deliveries().readMessage(number), value)) {
                throw new AssertionError("the delivery commit " + number + " is stored without its payload");
            }
        });
        engine.metrics().scanPoints(SERIES_ID, PERIOD_SECONDS, Long.MIN_VALUE, Long.MAX_VALUE, (number, value) -> {
            add(stored, number, value);
            return true;
        });
        engine.objects().scan(TOPIC_PREFIX, "", (key, value) -> {
            add(stored, Long.parseLong(key.substring(TOPIC_PREFIX.length())), value);
            return true;
        });
        engine.deliveryStreams().scanRecords(FIREHOSE_STREAM_ID, 0, (number, value) -> {
            add(stored, number, value);
            if (!Arrays.equals(engine.deliveryStreams().readResource(topicKey(number)), value)) {
                throw new AssertionError("the delivery stream commit " + number + " is stored without its resource");
            }
            return true;
        });
        engine.tables().scanItems(TABLE_ID, 0, 0, 1, null, (partition, sort, value) -> {
            long number = Long.parseLong(new String(partition, UTF_8));
            add(stored, number, value);
            if (!Arrays.equals(engine.tables().readItem(TABLE_ID, 1, new byte[] {1}, partition), value)) {
                throw new AssertionError("the table commit " + number + " is stored without its index entry");
            }
            return true;
        });
        return stored;
    }

    private static byte[] itemKey(long number) {
        return Long.toString(number).getBytes(UTF_8);
    }

    private static void add(Set<Long> stored, long number, byte[] value) {
        if (!Arrays.equals(value, value(number))) {
            throw new AssertionError("the value of commit " + number + " is corrupted");
        }
        if (!stored.add(number)) {
            throw new AssertionError("commit " + number + " is stored twice");
        }
    }

    private static String topicKey(long number) {
        return TOPIC_PREFIX + String.format(Locale.ROOT, "%019d", number);
    }

    private static byte[] value(long number) {
        return ("commit " + number).getBytes(UTF_8);
    }
}
