package dev.wharf.bench.fuzz;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Creates, with the real SDK, the server state that the valid requests point at (the fuzz queues, their ARNs, live
 * receipt handles and a message move task), and deletes every queue that the run created afterwards, so that what
 * the run stored does not count as memory the server kept.
 *
 * <p>Each queue has one role, so that a mutation cannot slow the run down: receives only target {@link #MAIN}, whose
 * attributes no request changes; SetQueueAttributes, tags and permissions target {@link #ATTRS}; DeleteQueue and
 * PurgeQueue target {@link #DOOMED}, which CreateQueue brings back.
 */
final class FuzzFixture implements AutoCloseable {

    /** The roles of the fuzz queues; each queue is named {@code fuzz-<run>-<role>}. */
    static final String MAIN = "main";

    static final String FIFO = "main.fifo";
    static final String ATTRS = "attrs";
    static final String DOOMED = "doomed";
    static final String DLQ = "dlq";

    /** Receipt handles kept for the valid delete and visibility requests. */
    private static final int RECEIPT_HANDLES = 10;
    /** Bounds the queues listed before and deleted after: pages of ListQueues, 1000 queues each. */
    private static final int LIST_PAGES_MAX = 20;

    /**
     * What the valid requests name.
     *
     * @param queueNames by role
     * @param queueUrls by role
     * @param queueArns by role
     * @param receiptHandles of messages of {@link #MAIN} received with a 12-hour visibility timeout
     * @param taskHandle of a message move task from {@link #DLQ}, or a made-up one when the server gave none
     */
    record State(
            Map<String, String> queueNames,
            Map<String, String> queueUrls,
            Map<String, String> queueArns,
            List<String> receiptHandles,
            String fifoReceiptHandle,
            String taskHandle) {

        String name(String role) {
            return get(queueNames, role);
        }

        String url(String role) {
            return get(queueUrls, role);
        }

        String arn(String role) {
            return get(queueArns, role);
        }

        private static String get(Map<String, String> byRole, String role) {
            String value = byRole.get(role);
            if (value == null) {
                throw new IllegalArgumentException("no fuzz queue " + role);
            }
            return value;
        }

        String receiptHandle(int n) {
            return receiptHandles.get(Math.floorMod(n, receiptHandles.size()));
        }
    }

    private final SqsClient sqs;
    /** The queues the server had before the run; they are left alone afterwards. */
    private final Set<String> existing = new HashSet<>();

    FuzzFixture(URI endpoint, String accessKey, String secretKey) {
        this.sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(RequestSigner.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(ApacheHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    /**
     * Creates the queues and the messages; throws when the server cannot serve valid requests at all. The queue
     * names carry {@code run}, so that a run can follow another on the same server at once (SQS keeps a deleted
     * queue's name for 60 s).
     */
    State setUp(String run) {
        existing.addAll(listQueues());
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, String> arns = new LinkedHashMap<>();
        for (String role : List.of(DLQ, MAIN, FIFO, ATTRS, DOOMED)) {
            String name = "fuzz-" + run + "-" + role;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("VisibilityTimeout", "600");
            if (role.endsWith(".fifo")) {
                attributes.put("FifoQueue", "true");
                attributes.put("ContentBasedDeduplication", "true");
            }
            String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes))
                    .queueUrl();
            names.put(role, name);
            urls.put(role, url);
            arns.put(
                    role,
                    sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN));
        }
        State partial = new State(names, urls, arns, List.of(), "", "");
        String redrive = "{\"deadLetterTargetArn\":\"" + partial.arn(DLQ) + "\",\"maxReceiveCount\":\"1000\"}";
        sqs.setQueueAttributes(
                b -> b.queueUrl(partial.url(MAIN)).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive)));
        return new State(
                names,
                urls,
                arns,
                receiptHandles(partial.url(MAIN)),
                fifoReceiptHandle(partial.url(FIFO)),
                taskHandle(partial));
    }

    private List<String> receiptHandles(String url) {
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < RECEIPT_HANDLES; i++) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("fuzz fixture message"));
        }
        for (int attempt = 0; attempt < 5 && handles.size() < RECEIPT_HANDLES; attempt++) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(43_200)
                            .waitTimeSeconds(0))
                    .messages()) {
                handles.add(message.receiptHandle());
            }
        }
        if (handles.isEmpty()) {
            throw new IllegalStateException("the server returned no message from " + url);
        }
        return handles;
    }

    private String fifoReceiptHandle(String url) {
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("fuzz fifo fixture").messageGroupId("g1"));
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(43_200))
                .messages();
        return messages.isEmpty()
                ? "fuzz-no-fifo-receipt-handle"
                : messages.get(0).receiptHandle();
    }

    private String taskHandle(State state) {
        try {
            return sqs.startMessageMoveTask(b -> b.sourceArn(state.arn(DLQ)).destinationArn(state.arn(MAIN)))
                    .taskHandle();
        } catch (SqsException e) {
            // A server without move tasks still gets CancelMessageMoveTask requests; a made-up handle does.
            return "eyJ0YXNrSWQiOiJmdXp6In0=";
        }
    }

    /** Deletes every queue the run created, its own and those its mutations created; returns how many. */
    int deleteCreatedQueues() {
        int deleted = 0;
        for (String url : listQueues()) {
            if (existing.contains(url)) {
                continue;
            }
            try {
                sqs.deleteQueue(b -> b.queueUrl(url));
                deleted++;
            } catch (SqsException e) {
                // Gone already, or a name the server cannot parse back: nothing more to free.
            }
        }
        return deleted;
    }

    private List<String> listQueues() {
        List<String> urls = new ArrayList<>();
        String token = null;
        for (int page = 0; page < LIST_PAGES_MAX; page++) {
            String next = token;
            var listed = sqs.listQueues(b -> b.maxResults(1000).nextToken(next));
            urls.addAll(listed.queueUrls());
            token = listed.nextToken();
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        return urls;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
