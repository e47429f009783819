package dev.wharf.kinesis.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One enhanced fan-out consumer of a stream, as its metadata record keeps it. Its status follows from the time: CREATING
 * until {@code settlesAtMillis}, then ACTIVE; once deregistered, DELETING until {@code settlesAtMillis}, then gone.
 * Immutable: a change stores a new one, under its stream's lock.
 *
 * @param name the ConsumerName, unique within its stream
 * @param arn the ConsumerARN, which names the stream, the consumer and its creation second
 * @param createdMillis when it was registered, in epoch milliseconds
 * @param settlesAtMillis when its CREATING or DELETING is over, in epoch milliseconds
 * @param deregistered whether DeregisterStreamConsumer was called
 * @param tags its tags, in the order they were added
 * @param policy its resource policy's JSON, or null
 */
record StreamConsumer(
        String name,
        String arn,
        long createdMillis,
        long settlesAtMillis,
        boolean deregistered,
        Map<String, String> tags,
        @Nullable String policy) {

    StreamConsumer {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** A consumer's status as AWS names it. */
    enum Status {
        CREATING,
        ACTIVE,
        DELETING
    }

    /** Its status at a time, or null once it is gone. */
    @Nullable
    Status status(long nowMillis) {
        if (deregistered) {
            return nowMillis < settlesAtMillis ? Status.DELETING : null;
        }
        return nowMillis < settlesAtMillis ? Status.CREATING : Status.ACTIVE;
    }

    /** Its creation time to the second, as its ARN and every description show it. */
    long createdSeconds() {
        return createdMillis / 1000;
    }

    StreamConsumer withTags(Map<String, String> newTags) {
        return new StreamConsumer(name, arn, createdMillis, settlesAtMillis, deregistered, newTags, policy);
    }

    StreamConsumer withPolicy(@Nullable String newPolicy) {
        return new StreamConsumer(name, arn, createdMillis, settlesAtMillis, deregistered, tags, newPolicy);
    }

    StreamConsumer deregisteredUntil(long goneAtMillis) {
        return new StreamConsumer(name, arn, createdMillis, goneAtMillis, true, tags, policy);
    }
}
