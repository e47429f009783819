package dev.wharf.sns.engine;

import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.TopicAttributeName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers FIFO topics' deduplication ids for SNS's five-minute window, per topic or per message group as the
 * topic's {@code FifoThroughputScope} says, so that a duplicate publish answers the first one's message id and is not
 * delivered again.
 *
 * <p>Caller must hold the topic's lock (publishes to a FIFO topic run one at a time). The window is bounded by {@link
 * #ENTRIES_MAX}; beyond it the oldest entries go first, early.
 */
final class FifoDeduplication {

    /** Bounds the memory of the window: about 100 bytes each. */
    static final int ENTRIES_MAX = 200_000;

    record Seen(String messageId, String sequenceNumber, long expiresMillis) {}

    private final Clock clock;
    /** In insertion order, which is expiry order because the window is fixed. */
    private final LinkedHashMap<String, Seen> window = new LinkedHashMap<>();

    FifoDeduplication(Clock clock) {
        this.clock = clock;
    }

    /** The earlier publish that this one duplicates, or null. Lock of the topic must be held. */
    synchronized @Nullable Seen seen(Topic topic, Publisher.Outgoing outgoing) {
        expire();
        return window.get(key(topic, outgoing));
    }

    synchronized void remember(Topic topic, Publisher.Outgoing outgoing, String messageId, String sequenceNumber) {
        long expires = clock.millis() + SnsLimits.DEDUPLICATION_WINDOW_SECONDS * 1000L;
        window.put(key(topic, outgoing), new Seen(messageId, sequenceNumber, expires));
        while (window.size() > ENTRIES_MAX) {
            Iterator<Map.Entry<String, Seen>> oldest = window.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void expire() {
        long now = clock.millis();
        for (Iterator<Map.Entry<String, Seen>> it = window.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresMillis() > now) {
                return;
            }
            it.remove();
        }
    }

    private static String key(Topic topic, Publisher.Outgoing outgoing) {
        boolean perGroup = "MessageGroup".equals(topic.attributes.get(TopicAttributeName.FifoThroughputScope.name()));
        return topic.arn
                + '\n'
                + (perGroup ? outgoing.messageGroupId() : "")
                + '\n'
                + outgoing.messageDeduplicationId();
    }

    /** The deduplication id that content-based deduplication derives: the SHA-256 of the message body. */
    static String contentId(String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
