package dev.wharf.sqs.engine;

import java.net.URI;
import java.net.URISyntaxException;

/** A queue's identity: the owning account and the queue's name. */
record QueueKey(String accountId, String name) {

    /**
     * Reads a queue URL such as {@code http://localhost:4566/000000000000/orders}; the host does not matter.
     *
     * @throws dev.wharf.common.AwsException {@code QueueDoesNotExist} when the URL names no queue
     */
    static QueueKey fromUrl(String queueUrl) {
        String path;
        try {
            path = new URI(queueUrl.trim()).getRawPath();
        } catch (URISyntaxException e) {
            throw SqsEngine.queueDoesNotExist();
        }
        if (path == null) {
            throw SqsEngine.queueDoesNotExist();
        }
        String[] segments = path.split("/");
        if (segments.length < 2) {
            throw SqsEngine.queueDoesNotExist();
        }
        String account = segments[segments.length - 2];
        String name = segments[segments.length - 1];
        if (account.isEmpty() || name.isEmpty()) {
            throw SqsEngine.queueDoesNotExist();
        }
        return new QueueKey(account, name);
    }

    String url(String endpoint) {
        return endpoint + "/" + accountId + "/" + name;
    }
}
