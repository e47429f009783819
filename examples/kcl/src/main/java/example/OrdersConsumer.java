package example;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * A KCL 3.x consumer of the stream {@code orders} on Wharf: the Kinesis, DynamoDB and CloudWatch clients all point
 * at the one endpoint, with any credentials; everything else is the KCL's default (enhanced fan-out, leases in the
 * DynamoDB table named after the application, metrics to CloudWatch), but reading from TRIM_HORIZON.
 *
 * <p>{@code java example.OrdersConsumer ENDPOINT STREAM APPLICATION EXPECTED} prints each record and checkpoints
 * each batch; once it has processed EXPECTED records it shuts down gracefully, which checkpoints and releases its
 * leases.
 */
public final class OrdersConsumer {

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String stream = args[1];
        String application = args[2];
        int expected = Integer.parseInt(args[3]);
        // Any credentials: Wharf accepts any well-formed signature while it listens on loopback.
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any"));
        KinesisAsyncClient kinesis = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials));
        DynamoDbAsyncClient dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(System.getenv().getOrDefault("DYNAMODB_ENDPOINT", args[0])))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();

        AtomicInteger processed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ConfigsBuilder configs = new ConfigsBuilder(
                stream,
                application,
                kinesis,
                dynamoDb,
                cloudWatch,
                "worker-" + ProcessHandle.current().pid(),
                () -> new Printer(processed, expected, done));
        InitialPositionInStreamExtended trimHorizon =
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                configs.leaseManagementConfig().initialPositionInStream(trimHorizon),
                configs.lifecycleConfig(),
                configs.metricsConfig(),
                configs.processorConfig(),
                configs.retrievalConfig().initialPositionInStreamExtended(trimHorizon));
        Thread worker = new Thread(scheduler, "kcl-scheduler");
        worker.start();
        if (!done.await(5, TimeUnit.MINUTES)) {
            System.out.println("consumer: gave up after 5 minutes with " + processed.get() + " records");
            System.exit(1);
        }
        System.out.println("consumer: processed " + processed.get() + " records; shutting down");
        scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Prints each record of its shard and checkpoints after each batch. */
    static final class Printer implements ShardRecordProcessor {

        private final AtomicInteger processed;
        private final int expected;
        private final CountDownLatch done;
        private String shardId = "";

        Printer(AtomicInteger processed, int expected, CountDownLatch done) {
            this.processed = processed;
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            System.out.println("consumer: " + shardId + " from " + input.extendedSequenceNumber().sequenceNumber());
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord record : input.records()) {
                byte[] data = new byte[record.data().remaining()];
                record.data().get(data);
                System.out.printf(
                        "consumer: %s %s %s%n",
                        shardId, record.partitionKey(), new String(data, StandardCharsets.UTF_8));
                if (processed.incrementAndGet() >= expected) {
                    done.countDown();
                }
            }
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                System.out.println("consumer: checkpoint of " + shardId + " failed: " + e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                System.out.println("consumer: checkpoint at the end of " + shardId + " failed: " + e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                System.out.println("consumer: checkpoint at shutdown of " + shardId + " failed: " + e);
            }
        }
    }
}
