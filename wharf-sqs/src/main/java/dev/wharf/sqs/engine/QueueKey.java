package dev.wharf.sqs.engine;

import java.net.URI;
import java.net.URISyntaxException;

/** A queue's identity: the owning account and the queue's name. */
record QueueKey(String accountId, String name) {

    /**
     * Reads the {@code QueueUrl} parameter, which names a queue the way AWS accepts it: a queue URL such as {@code
     * http://localhost:4566/000000000000/orders}, whose host does not matter, or a bare queue name such as {@code
     * orders} (or a URL whose path is only a name), which names the caller's queue.
     *
     * @param callerAccountId the account a bare name belongs to
     * @throws dev.wharf.common.AwsException {@code QueueDoesNotExist} when the value names no queue
     */
    static QueueKey fromUrl(String queueUrl, String callerAccountId) {
        String path;
        try {
            path = new URI(queueUrl.trim()).getRawPath();
        } catch (URISyntaxException e) {
            throw SqsEngine.queueDoesNotExist();
        }
        if (path == null) {
            throw SqsEngine.queueDoesNotExist();
        }
        // The SDK v1 moves the QueueUrl into the request's path, so a bare name arrives as "/orders".
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        String[] segments = trimmed.split("/");
        // A path of slashes alone splits into no segment at all (found by fuzzing).
        if (segments.length == 0) {
            throw SqsEngine.queueDoesNotExist();
        }
        String name = segments[segments.length - 1];
        if (name.isEmpty()) {
            throw SqsEngine.queueDoesNotExist();
        }
        if (segments.length == 1) {
            return new QueueKey(callerAccountId, name);
        }
        String account = segments[segments.length - 2];
        if (account.isEmpty()) {
            throw SqsEngine.queueDoesNotExist();
        }
        return new QueueKey(account, name);
    }

    String url(String endpoint) {
        return endpoint + "/" + accountId + "/" + name;
    }
}
