package dev.wharf.storage;

/**
 * One opened backend: the stores of every service, over one durable medium.
 *
 * <p>Its stores share one commit order: {@link QueueStore#submit}, {@link TopicStore#submit}, {@link
 * DeliveryStore#submit}, {@link MessageArchiveStore#submit}, {@link StreamStore#submit}, {@link MetricStore#submit} and {@link
 * TableStore#submit}
 * all queue behind every batch submitted before them to any of the stores, and what survives a crash is a prefix of
 * that one order. So a service that changes records in two stores (SNS delivering to an SQS queue,
 * then deleting its delivery record) may submit the second change after the first and rely on the second never being
 * durable without the first.
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

    DurabilityMode mode();

    /** A short description for the start-up line, such as the data directory. */
    String describe();

    /** Idempotent: a second call returns once the first has finished. */
    @Override
    void close();
}
