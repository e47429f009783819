package dev.wharf.sqs.api;

/**
 * One queue's figures for one interval of its CloudWatch metrics (namespace {@code AWS/SQS}, dimension {@code
 * QueueName}), named as AWS names the metrics.
 *
 * <p>The gauges are the queue's state at the moment of the snapshot, the same figures that GetQueueAttributes answers
 * then; the counters count what happened since the previous snapshot, and each event is in exactly one snapshot.
 *
 * @param accountId the account that owns the queue
 * @param queueName the queue's name, the metrics' {@code QueueName} dimension
 * @param fifo whether the queue is a FIFO queue, the only kind that reports {@code NumberOfDeduplicatedSentMessages}
 * @param visible {@code ApproximateNumberOfMessagesVisible}: messages available for retrieval
 * @param notVisible {@code ApproximateNumberOfMessagesNotVisible}: messages in flight
 * @param delayed {@code ApproximateNumberOfMessagesDelayed}: messages whose delay has not ended
 * @param ageOfOldestMessageSeconds {@code ApproximateAgeOfOldestMessage}: how long the oldest message that counts has
 *     been in the queue, in whole seconds; 0 when none counts
 * @param sent {@code NumberOfMessagesSent}: messages added to the queue by a sender
 * @param received {@code NumberOfMessagesReceived}: messages that ReceiveMessage calls returned
 * @param deleted {@code NumberOfMessagesDeleted}: successful deletions, a message's repeated ones included
 * @param emptyReceives {@code NumberOfEmptyReceives}: ReceiveMessage calls that returned no message
 * @param sentMessageSize {@code SentMessageSize}: the sizes of the messages counted in {@code sent}, in bytes
 * @param deduplicatedSent {@code NumberOfDeduplicatedSentMessages}: FIFO sends accepted but not added, as duplicates
 */
public record QueueMetrics(
        String accountId,
        String queueName,
        boolean fifo,
        long visible,
        long notVisible,
        long delayed,
        long ageOfOldestMessageSeconds,
        long sent,
        long received,
        long deleted,
        long emptyReceives,
        StatisticSet sentMessageSize,
        long deduplicatedSent) {

    /**
     * A set of samples as CloudWatch's {@code StatisticSet} holds them; with no sample every figure is 0.
     *
     * @param sampleCount how many samples
     * @param sum their sum
     * @param minimum the least sample
     * @param maximum the greatest sample
     */
    public record StatisticSet(long sampleCount, long sum, long minimum, long maximum) {

        /** No sample. */
        public static final StatisticSet EMPTY = new StatisticSet(0, 0, 0, 0);
    }
}
