package dev.wharf.sqs.engine;

import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import java.util.List;
import java.util.Map;

/** Reads and states a queue's three approximate counters, for engine tests. */
final class QueueCounts {

    private static final List<String> NAMES = List.of(
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed");

    private QueueCounts() {}

    /** The queue's counters as GetQueueAttributes reports them. */
    static Map<String, String> of(SqsEngine engine, SqsContext context, String url) {
        return engine.getQueueAttributes(context, new GetQueueAttributesRequest(url, NAMES))
                .attributes();
    }

    /** The counters a queue should report. */
    static Map<String, String> expected(int visible, int notVisible, int delayed) {
        return Map.of(
                NAMES.get(0), Integer.toString(visible),
                NAMES.get(1), Integer.toString(notVisible),
                NAMES.get(2), Integer.toString(delayed));
    }
}
