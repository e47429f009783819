package dev.wharf.storage;

/**
 * One opened backend: the stores of every service, over one durable medium.
 *
 * <p>Its stores share one commit order: {@link QueueStore#submit}, {@link TopicStore#submit}, {@link
 * DeliveryStore#submit}, {@link MessageArchiveStore#submit}, {@link StreamStore#submit}, {@link MetricStore#submit},
 * {@link TableStore#submit}, {@link ObjectStore#commit}, {@link DeliveryStreamStore#submit} and {@link BrokerStore#submit} all queue behind every
 * batch submitted before them to any of the stores, and what survives a crash is a prefix of that one order. So a
 * service that changes records in two stores (SNS delivering to an SQS queue, then deleting its delivery record) may
 * submit the second change after the first and rely on the second never being durable without the first.
 *
 * <p>It is opened once per process and closed at shutdown; {@link #close()} flushes what is buffered and releases the
 * data directory's lock. After it, every store's methods throw {@link IllegalStateException}, except the submit of an
 * empty batch, which changes nothing.
 */
public interface StorageEngine extends AutoCloseable {

    /** SQS's queues and messages. */
    QueueStore queues();

    /** SNS's resources: topics, subscriptions, platform applications and endpoints. */
    TopicStore topics();

    /** SNS's outbox of published messages and their pending deliveries. */
    DeliveryStore deliveries();

    /** SNS's archives of the messages published to FIFO topics with an ArchivePolicy. */
    MessageArchiveStore archive();

    /** Kinesis Data Streams' streams: their metadata, their shards' records and the records' time index. */
    StreamStore streams();

    /** CloudWatch's metric series, their datapoints at each resolution, and alarms with their history. */
    MetricStore metrics();

    /** DynamoDB's tables: their metadata records, their items and their secondary indexes' entries. */
    TableStore tables();

    /** S3's buckets and objects: their metadata records and the blobs that hold object bodies. */
    ObjectStore objects();

    /** Firehose's delivery streams, the records put to them and not yet delivered, and their delivery cursors. */
    DeliveryStreamStore deliveryStreams();

    /** Amazon MQ's brokers, their users, and its configurations with their revisions. */
    BrokerStore brokers();

    DurabilityMode mode();

    /** A short description for the start-up line, such as the data directory. */
    String describe();

    /**
     * Whether this backend writes commits in groups and reports them to an {@link #observe observer}. The memory
     * backend applies each batch as it is submitted and has nothing to report.
     */
    default boolean reportsCommits() {
        return false;
    }

    /**
     * Reports every commit group written from now on to {@code observer}, in place of the one before ({@link
     * StoreObserver#NONE}, until this is called). Until then a backend pays no more than one read per group for it. A
     * backend that does not {@link #reportsCommits report commits} ignores it. Thread-safe.
     */
    default void observe(StoreObserver observer) {}

    /** Idempotent: a second call returns once the first has finished. */
    @Override
    void close();
}
