package dev.wharf.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Subscribes one consumer to shards with the AWS SDK for Java v2's {@link KinesisAsyncClient} on its Netty client over
 * HTTP/2 (h2c with prior knowledge on the plain endpoint, the KCL's client with the protocol it needs), and hands each {@link
 * SubscribeToShardEvent} to a listener as the SDK hands it over. A subscription that ends (AWS ends each after five
 * minutes) is renewed from its last {@code ContinuationSequenceNumber} with {@code AFTER_SEQUENCE_NUMBER}.
 *
 * <p>Thread-safe. The listener is called on the SDK's threads, one event at a time for each shard.
 */
final class SdkSubscriptions implements AutoCloseable {

    /** What is done with the events; called on the SDK's threads. */
    interface Listener {
        /** An event of {@code shardId}, with the {@link System#nanoTime} read as the SDK handed it over. */
        void onEvent(String shardId, SubscribeToShardEvent event, long receivedNanos);

        /** A subscription failed after it was established, or could not be renewed. */
        void onError(String shardId, Throwable cause);
    }

    /** Renewals a shard's subscription may take in one run: a run lasts minutes, a subscription five. */
    private static final int RENEWALS_MAX = 20;

    /** After a failure, a renewal waits out the five seconds in which the server refuses another subscription. */
    private static final long RENEW_AFTER_FAILURE_MILLIS = 5_100;

    private final SdkAsyncHttpClient http;
    private final KinesisAsyncClient kinesis;
    private final String consumerArn;
    private final Listener listener;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "subscription-renewer");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Shard> shards = new ArrayList<>();
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicInteger initialResponses = new AtomicInteger();
    private volatile boolean closed;

    SdkSubscriptions(URI endpoint, String consumerArn, Listener listener) {
        this.consumerArn = consumerArn;
        this.listener = listener;
        this.http = NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP2)
                .protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL)
                .build();
        this.kinesis = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(http)
                .build();
    }

    /**
     * Subscribes to every shard from TRIM_HORIZON and waits until each subscription has its initial response or, from
     * a server that sends none, its first event.
     *
     * @throws IllegalStateException with the SDK's reason when a subscription is refused or fails before it starts
     */
    void subscribe(List<String> shardIds, Duration timeout) throws InterruptedException {
        List<CompletableFuture<Void>> established = new ArrayList<>();
        for (String shardId : shardIds) {
            Shard shard = new Shard(shardId);
            synchronized (shards) {
                shards.add(shard);
            }
            established.add(shard.established);
            shard.start(StartingPosition.builder()
                    .type(ShardIteratorType.TRIM_HORIZON)
                    .build());
        }
        try {
            CompletableFuture.allOf(established.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(describe(e), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("SubscribeToShard: no initial response and no event within " + timeout, e);
        }
    }

    /** The subscriptions, first ones and renewals, that the server started with an initial-response event. */
    int initialResponses() {
        return initialResponses.get();
    }

    /** Subscriptions renewed so far, over all shards. */
    int renewals() {
        return renewals.get();
    }

    /** The innermost cause's class and message: what the SDK says went wrong. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        StringBuilder text = new StringBuilder(cause.toString());
        for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause()) {
            text.append("; caused by ").append(inner);
        }
        return text.toString();
    }

    /** One shard's subscription, renewed as it ends. */
    private final class Shard {
        private final String shardId;
        private final CompletableFuture<Void> established = new CompletableFuture<>();
        private volatile @Nullable String continuation;
        private volatile @Nullable CompletableFuture<Void> call;
        private int renewed;

        Shard(String shardId) {
            this.shardId = shardId;
        }

        void start(StartingPosition position) {
            if (closed) {
                return;
            }
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .onResponse(response -> {
                        initialResponses.incrementAndGet();
                        established.complete(null);
                    })
                    .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                            .onSubscribeToShardEvent(this::onEvent)
                            .build())
                    .build();
            CompletableFuture<Void> subscription = kinesis.subscribeToShard(
                    b -> b.consumerARN(consumerArn).shardId(shardId).startingPosition(position), handler);
            call = subscription;
            subscription.whenComplete((ignored, failure) -> onEnd(failure));
        }

        private void onEvent(SubscribeToShardEvent event) {
            long now = System.nanoTime();
            // kinesis-mock 0.6.2 sends no initial-response, only events: its first event starts the subscription.
            established.complete(null);
            String next = event.continuationSequenceNumber();
            if (next != null) {
                continuation = next;
            }
            listener.onEvent(shardId, event, now);
        }

        /** Renews a subscription that ended; a failure before the first answer is subscribe's to report. */
        private void onEnd(@Nullable Throwable failure) {
            if (closed) {
                return;
            }
            if (!established.isDone()) {
                established.completeExceptionally(
                        failure != null ? failure : new IllegalStateException("the subscription ended unanswered"));
                return;
            }
            if (failure != null) {
                listener.onError(shardId, failure);
            }
            if (renewed >= RENEWALS_MAX) {
                listener.onError(shardId, new IllegalStateException("renewed " + renewed + " times: given up"));
                return;
            }
            renewed++;
            renewals.incrementAndGet();
            String from = continuation;
            StartingPosition position = from == null
                    ? StartingPosition.builder()
                            .type(ShardIteratorType.TRIM_HORIZON)
                            .build()
                    : StartingPosition.builder()
                            .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(from)
                            .build();
            renewer.schedule(
                    () -> start(position), failure == null ? 0 : RENEW_AFTER_FAILURE_MILLIS, TimeUnit.MILLISECONDS);
        }

        void cancel() {
            CompletableFuture<Void> current = call;
            if (current != null) {
                current.cancel(true);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        renewer.shutdownNow();
        synchronized (shards) {
            for (Shard shard : shards) {
                shard.cancel();
            }
        }
        kinesis.close();
        http.close();
    }
}
