package dev.wharf.kinesis.api;

import dev.wharf.common.AwsException;

/**
 * An accepted SubscribeToShard subscription, which sends its events to a sink for at most five minutes: at once, then
 * whenever records arrive, and at least every five seconds. It ends early when the client goes, when a later
 * SubscribeToShard takes it over (with {@code ResourceInUseException}), or at the end of a closed shard, after the
 * event that names the shard's children.
 */
public interface SubscribeToShardStream {

    /** Where the events go; called by the thread that runs {@link #run}. */
    interface Sink {
        /** @return false when the client has gone and the subscription should end */
        boolean onEvent(SubscribeToShardEvent event) throws InterruptedException;

        /** Sends the error that ends the subscription. */
        void onError(AwsException error) throws InterruptedException;
    }

    /** Sends the events until the subscription is over. */
    void run(Sink sink) throws InterruptedException;
}
