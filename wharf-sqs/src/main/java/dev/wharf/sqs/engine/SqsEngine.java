package dev.wharf.sqs.engine;

import dev.wharf.common.Arn;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.sqs.api.AddPermissionRequest;
import dev.wharf.sqs.api.BatchResultErrorEntry;
import dev.wharf.sqs.api.CancelMessageMoveTaskRequest;
import dev.wharf.sqs.api.CancelMessageMoveTaskResult;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchRequest;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchRequestEntry;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchResult;
import dev.wharf.sqs.api.ChangeMessageVisibilityBatchResultEntry;
import dev.wharf.sqs.api.ChangeMessageVisibilityRequest;
import dev.wharf.sqs.api.CreateQueueRequest;
import dev.wharf.sqs.api.CreateQueueResult;
import dev.wharf.sqs.api.DeleteMessageBatchRequest;
import dev.wharf.sqs.api.DeleteMessageBatchRequestEntry;
import dev.wharf.sqs.api.DeleteMessageBatchResult;
import dev.wharf.sqs.api.DeleteMessageBatchResultEntry;
import dev.wharf.sqs.api.DeleteMessageRequest;
import dev.wharf.sqs.api.DeleteQueueRequest;
import dev.wharf.sqs.api.EmptyResult;
import dev.wharf.sqs.api.GetQueueAttributesRequest;
import dev.wharf.sqs.api.GetQueueAttributesResult;
import dev.wharf.sqs.api.GetQueueUrlRequest;
import dev.wharf.sqs.api.GetQueueUrlResult;
import dev.wharf.sqs.api.ListDeadLetterSourceQueuesRequest;
import dev.wharf.sqs.api.ListDeadLetterSourceQueuesResult;
import dev.wharf.sqs.api.ListMessageMoveTasksRequest;
import dev.wharf.sqs.api.ListMessageMoveTasksResult;
import dev.wharf.sqs.api.ListQueueTagsRequest;
import dev.wharf.sqs.api.ListQueueTagsResult;
import dev.wharf.sqs.api.ListQueuesRequest;
import dev.wharf.sqs.api.ListQueuesResult;
import dev.wharf.sqs.api.Message;
import dev.wharf.sqs.api.PurgeQueueRequest;
import dev.wharf.sqs.api.QueueAttributeName;
import dev.wharf.sqs.api.QueueDelivery;
import dev.wharf.sqs.api.QueueDeliveryPort;
import dev.wharf.sqs.api.QueueMetrics;
import dev.wharf.sqs.api.ReceiveMessageRequest;
import dev.wharf.sqs.api.ReceiveMessageResult;
import dev.wharf.sqs.api.RemovePermissionRequest;
import dev.wharf.sqs.api.SendMessageBatchRequest;
import dev.wharf.sqs.api.SendMessageBatchRequestEntry;
import dev.wharf.sqs.api.SendMessageBatchResult;
import dev.wharf.sqs.api.SendMessageBatchResultEntry;
import dev.wharf.sqs.api.SendMessageRequest;
import dev.wharf.sqs.api.SendMessageResult;
import dev.wharf.sqs.api.SetQueueAttributesRequest;
import dev.wharf.sqs.api.SqsContext;
import dev.wharf.sqs.api.SqsError;
import dev.wharf.sqs.api.SqsLimits;
import dev.wharf.sqs.api.StartMessageMoveTaskRequest;
import dev.wharf.sqs.api.StartMessageMoveTaskResult;
import dev.wharf.sqs.api.TagQueueRequest;
import dev.wharf.sqs.api.UntagQueueRequest;
import dev.wharf.storage.QueueBatch;
import dev.wharf.storage.QueueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon SQS's semantics: queues, their attributes and tags, and (as they are added) their messages.
 *
 * <p>Thread-safe. Queue creation and deletion take the registry lock; everything else reads the registry without one.
 * Every change is committed to the {@link QueueStore} before it is acknowledged.
 */
public final class SqsEngine implements QueueDeliveryPort {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEngine.class);
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern FIFO_QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");
    private static final Duration DELETED_RECENTLY = Duration.ofSeconds(SqsLimits.QUEUE_DELETED_RECENTLY_SECONDS);

    private final QueueStore store;
    private final Clock clock;
    private final String region;
    private final Map<QueueKey, Queue> queues = new ConcurrentHashMap<>();
    /** Names deleted in the last minute, with when; guarded by {@link #registryLock}. */
    private final Map<QueueKey, Instant> deletedRecently = new HashMap<>();

    private final Object registryLock = new Object();
    private final QueueMessages messages;
    private final MessageMoveTasks moveTasks;
    private long nextQueueId = 1;

    /** An engine over the store's queues; message movement tasks that were running resume on their own threads. */
    public SqsEngine(QueueStore store, Clock clock, String region) {
        this(store, clock, region, true);
    }

    /**
     * An engine whose message movement tasks run on their own virtual threads, or, for tests that drive time, only
     * when {@link #runMoveTasks()} is called.
     */
    SqsEngine(QueueStore store, Clock clock, String region, boolean runMoveTasksInBackground) {
        this.store = store;
        this.clock = clock;
        this.region = region;
        this.messages = new QueueMessages(store, clock, this::queueByArn, this::queueArn);
        this.moveTasks = new MessageMoveTasks(store, clock, this::queueByArn, runMoveTasksInBackground);
        load();
        queues.values().forEach(moveTasks::resume);
    }

    private void load() {
        long[] maxId = {0};
        store.loadQueues((id, value) -> {
            QueueMetadata metadata = QueueMetadata.decode(value);
            queues.put(new QueueKey(metadata.accountId(), metadata.name()), new Queue(metadata));
            maxId[0] = Math.max(maxId[0], id);
        });
        nextQueueId = maxId[0] + 1;
        long messageCount = 0;
        for (Queue queue : queues.values()) {
            messages.rebuild(queue);
            messageCount += queue.index.size();
        }
        LOG.debug("loaded {} queues holding {} messages", queues.size(), messageCount);
    }

    /**
     * Wakes every long poll to look at the clock again. Waits end by the clock on their own; a test that moves a fake
     * clock calls this so that they notice at once.
     */
    void tick() {
        queues.values().forEach(Queue::wakeWaiters);
    }

    /** Runs one step of every running message movement task; for tests that drive the clock. */
    void runMoveTasks() {
        moveTasks.stepAll(queues.values());
    }

    /**
     * Ends the threads of running message movement tasks; the tasks resume when an engine starts over the same store
     * again. The server calls it before it closes the store; tests call it before they start a second engine.
     */
    public void stopMoveTasks() {
        moveTasks.stop();
    }

    static AwsException queueDoesNotExist() {
        return SqsError.QueueDoesNotExist.with("The specified queue does not exist.");
    }

    /**
     * Every live queue's CloudWatch figures at this moment, ordered by account and queue name: its gauges, the same
     * that GetQueueAttributes answers now, and its counters since the previous call, which this call resets. Each
     * event is counted in exactly one snapshot, even when calls run concurrently. A queue deleted since the previous
     * call is left out, with what it counted after that call.
     *
     * <p>Takes each queue's lock in turn, never two at once, and never the registry lock; CloudWatch calls it once a
     * minute.
     */
    public List<QueueMetrics> metricsSnapshot() {
        List<QueueMetrics> snapshot = new ArrayList<>(queues.size());
        for (Queue queue : queues.values()) {
            QueueMetrics metrics = messages.metrics(queue);
            if (metrics != null) {
                snapshot.add(metrics);
            }
        }
        snapshot.sort(Comparator.comparing(QueueMetrics::accountId).thenComparing(QueueMetrics::queueName));
        return snapshot;
    }

    /**
     * How many ReceiveMessage calls wait for messages at this moment, on every queue: the long polls parked on their
     * queue's condition, for the server's metrics. A poll that wakes to look at its queue again (a send, a timer) is
     * out of the count until it waits again. Thread-safe; takes no lock.
     */
    public int longPollsWaiting() {
        return messages.longPollsWaiting();
    }

    /** The number of live queues. */
    public int queueCount() {
        return queues.size();
    }

    public CreateQueueResult createQueue(SqsContext context, CreateQueueRequest request) {
        String name = request.queueName();
        Map<String, String> requested = request.attributes() == null ? Map.of() : request.attributes();
        boolean fifo = name.endsWith(".fifo");
        if (fifo
                ? !FIFO_QUEUE_NAME.matcher(name).matches()
                : !QUEUE_NAME.matcher(name).matches()) {
            throw SqsError.InvalidParameterValueException.with(
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        if (fifo && !"true".equalsIgnoreCase(requested.get("FifoQueue"))) {
            // AWS creates a FIFO queue only when asked; a .fifo name alone is not a valid standard queue name.
            throw SqsError.InvalidParameterValueException.with(
                    "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        if (!fifo && requested.containsKey("FifoQueue") && "true".equalsIgnoreCase(requested.get("FifoQueue"))) {
            throw SqsError.InvalidParameterValueException.with(
                    "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, "
                            + "must end with .fifo suffix and be 1 to 80 in length.");
        }
        Map<String, String> attributes = QueueAttributeRules.check(requested, fifo);
        QueueAttributeRules.checkFifoCombination(attributes);
        checkRedriveTarget(
                attributes,
                fifo,
                Arn.of("sqs", region, context.accountId(), name).toString());
        Map<String, String> tags = checkTags(name, request.tags() == null ? Map.of() : request.tags(), Map.of());
        QueueKey key = new QueueKey(context.accountId(), name);
        synchronized (registryLock) {
            Queue existing = queues.get(key);
            if (existing != null) {
                requireSameAttributes(existing.metadata(), attributes);
                return new CreateQueueResult(key.url(context.endpoint()));
            }
            Instant deletedAt = deletedRecently.get(key);
            Instant now = clock.instant();
            if (deletedAt != null && deletedAt.plus(DELETED_RECENTLY).isAfter(now)) {
                throw SqsError.QueueDeletedRecently.with("You must wait 60 seconds after deleting a queue before you "
                        + "can create another with the same name.");
            }
            long nowSeconds = now.getEpochSecond();
            QueueMetadata metadata =
                    new QueueMetadata(nextQueueId++, key.accountId(), name, nowSeconds, nowSeconds, attributes, tags);
            store.commit(new QueueBatch().putQueue(metadata.queueId(), metadata.encode()));
            queues.put(key, new Queue(metadata));
        }
        return new CreateQueueResult(key.url(context.endpoint()));
    }

    private static void requireSameAttributes(QueueMetadata existing, Map<String, String> requested) {
        for (Map.Entry<String, String> entry : requested.entrySet()) {
            String current = effectiveValue(existing, entry.getKey());
            if (!entry.getValue().equals(current)) {
                throw SqsError.QueueNameExists.with(
                        "A queue already exists with the same name and a different value for attribute "
                                + entry.getKey());
            }
        }
    }

    private static @Nullable String effectiveValue(QueueMetadata metadata, String name) {
        String set = metadata.attributes().get(name);
        if (set != null) {
            return set;
        }
        QueueAttributeName attribute = QueueAttributeName.find(name);
        if (attribute == null) {
            return null;
        }
        return switch (attribute) {
            case SqsManagedSseEnabled -> metadata.attributes().containsKey("KmsMasterKeyId") ? "false" : "true";
            case FifoQueue, ContentBasedDeduplication -> metadata.fifo() ? "false" : null;
            case DeduplicationScope -> metadata.fifo() ? "queue" : null;
            case FifoThroughputLimit -> metadata.fifo() ? "perQueue" : null;
            default -> attribute.defaultValue();
        };
    }

    private void checkRedriveTarget(Map<String, String> attributes, boolean fifo, String sourceArn) {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return;
        }
        String target = policy.substring(policy.indexOf(":\"") + 2, policy.indexOf("\","));
        Queue dlq = null;
        try {
            Arn arn = Arn.parse(target);
            dlq = queues.get(new QueueKey(arn.accountId(), arn.resource()));
        } catch (IllegalArgumentException e) {
            // An unparseable ARN names no queue.
        }
        if (dlq == null) {
            throw QueueAttributeRules.invalid(
                    QueueAttributeName.RedrivePolicy, policy, "Dead letter target does not exist.");
        }
        if (dlq.metadata().fifo() != fifo) {
            throw QueueAttributeRules.invalid(
                    QueueAttributeName.RedrivePolicy,
                    policy,
                    "Dead-letter queue must be same type of queue as the source.");
        }
        if (!QueueAttributeRules.allowsSource(dlq.metadata().attributes().get("RedriveAllowPolicy"), sourceArn)) {
            throw QueueAttributeRules.invalid(
                    QueueAttributeName.RedrivePolicy,
                    policy,
                    "Queue " + target + " does not allow this queue to use it as a dead-letter queue.");
        }
    }

    /** The queue's tags after adding some, checked against AWS's limits on the tags as they will be. */
    private static Map<String, String> checkTags(
            String queueName, Map<String, String> added, Map<String, String> current) {
        Map<String, String> merged = new TreeMap<>(current);
        for (Map.Entry<String, String> tag : added.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue() == null ? "" : tag.getValue();
            if (key.isEmpty() || key.length() > SqsLimits.TAG_KEY_LENGTH_MAX) {
                throw SqsError.InvalidParameterValueException.with(
                        "Tag keys must be between 1 and 128 characters in length.");
            }
            if (value.length() > SqsLimits.TAG_VALUE_LENGTH_MAX) {
                throw SqsError.InvalidParameterValueException.with(
                        "Tag values must be between 0 and 256 characters in length.");
            }
            merged.put(key, value);
        }
        if (merged.size() > SqsLimits.TAGS_PER_QUEUE_MAX) {
            throw SqsError.InvalidParameterValueException.with("Too many tags added for queue " + queueName + ".");
        }
        return merged;
    }

    public GetQueueUrlResult getQueueUrl(SqsContext context, GetQueueUrlRequest request) {
        String owner = request.queueOwnerAWSAccountId();
        QueueKey key =
                new QueueKey(owner == null || owner.isEmpty() ? context.accountId() : owner, request.queueName());
        if (!queues.containsKey(key)) {
            throw queueDoesNotExist();
        }
        return new GetQueueUrlResult(key.url(context.endpoint()));
    }

    public ListQueuesResult listQueues(SqsContext context, ListQueuesRequest request) {
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > SqsLimits.LIST_QUEUES_RESULTS_MAX)) {
            throw SqsError.InvalidParameterValueException.with("Value for parameter MaxResults is invalid. "
                    + "Reason: MaxResults must be an integer between 1 and 1000.");
        }
        String after = decodeNextToken(request.nextToken());
        String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
        List<String> names = new ArrayList<>();
        for (QueueKey key : queues.keySet()) {
            if (key.accountId().equals(context.accountId())
                    && key.name().startsWith(prefix)
                    && (after == null || key.name().compareTo(after) > 0)) {
                names.add(key.name());
            }
        }
        names.sort(null);
        int limit = maxResults == null ? SqsLimits.LIST_QUEUES_RESULTS_MAX : maxResults;
        List<String> page = names.subList(0, Math.min(limit, names.size()));
        List<String> urls = new ArrayList<>(page.size());
        for (String name : page) {
            urls.add(new QueueKey(context.accountId(), name).url(context.endpoint()));
        }
        // AWS pages only when MaxResults is given.
        String nextToken = maxResults != null && names.size() > page.size() ? encodeNextToken(page.getLast()) : null;
        return new ListQueuesResult(urls, nextToken);
    }

    private static String encodeNextToken(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String decodeNextToken(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SqsError.InvalidParameterValueException.with("Invalid NextToken value.");
        }
    }

    public EmptyResult deleteQueue(SqsContext context, DeleteQueueRequest request) {
        QueueKey key = ownedKey(context, request.queueUrl());
        synchronized (registryLock) {
            Queue queue = queues.get(key);
            if (queue == null) {
                throw queueDoesNotExist();
            }
            queue.lock.lock();
            try {
                // Sends to a standard queue commit without its lock: wait for them, and keep new ones out until the
                // queue is marked deleted, so that none writes records after the queue's range is deleted. Senders
                // finish without the registry lock, so waiting for them here cannot deadlock.
                QueueMessages.closeForSends(queue);
                try {
                    store.commit(new QueueBatch().deleteQueue(queue.queueId()));
                    QueueMessages.onDeleted(queue);
                } finally {
                    QueueMessages.reopen(queue);
                }
            } finally {
                queue.lock.unlock();
            }
            queues.remove(key);
            Instant now = clock.instant();
            deletedRecently.values().removeIf(at -> at.plus(DELETED_RECENTLY).isBefore(now));
            deletedRecently.put(key, now);
        }
        return new EmptyResult();
    }

    public GetQueueAttributesResult getQueueAttributes(SqsContext context, GetQueueAttributesRequest request) {
        Queue queue = queue(context, request.queueUrl());
        List<String> names = request.attributeNames() == null ? List.of() : request.attributeNames();
        List<QueueAttributeName> wanted = new ArrayList<>();
        for (String name : names) {
            QueueAttributeName attribute = QueueAttributeName.find(name);
            if (attribute == null) {
                throw SqsError.InvalidAttributeName.with("Unknown Attribute " + name + ".");
            }
            if (attribute == QueueAttributeName.All) {
                wanted.addAll(List.of(QueueAttributeName.values()));
            } else {
                wanted.add(attribute);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        QueueMetadata metadata = queue.metadata();
        QueueMessages.Counts counts = wanted.stream().anyMatch(a -> a.name().startsWith("ApproximateNumber"))
                ? messages.counts(queue)
                : new QueueMessages.Counts(0, 0, 0);
        for (QueueAttributeName attribute : wanted) {
            String value = attributeValue(counts, metadata, attribute);
            if (value != null) {
                attributes.put(attribute.name(), value);
            }
        }
        return new GetQueueAttributesResult(attributes);
    }

    private @Nullable String attributeValue(
            QueueMessages.Counts counts, QueueMetadata metadata, QueueAttributeName attribute) {
        return switch (attribute) {
            case All -> null;
            case ApproximateNumberOfMessages -> Integer.toString(counts.visible());
            case ApproximateNumberOfMessagesNotVisible -> Integer.toString(counts.notVisible());
            case ApproximateNumberOfMessagesDelayed -> Integer.toString(counts.delayed());
            case CreatedTimestamp -> Long.toString(metadata.createdTimestampSeconds());
            case LastModifiedTimestamp -> Long.toString(metadata.lastModifiedTimestampSeconds());
            case QueueArn -> queueArn(metadata);
            case KmsDataKeyReusePeriodSeconds ->
                metadata.attributes().containsKey("KmsMasterKeyId") ? effectiveValue(metadata, attribute.name()) : null;
            case Policy, RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId -> {
                String value = metadata.attributes().get(attribute.name());
                yield value == null || value.isEmpty() ? null : value;
            }
            default -> effectiveValue(metadata, attribute.name());
        };
    }

    /** The live queue that an ARN names, or null. */
    @Nullable
    Queue queueByArn(String arn) {
        try {
            Arn parsed = Arn.parse(arn);
            return queues.get(new QueueKey(parsed.accountId(), parsed.resource()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String queueArn(QueueMetadata metadata) {
        return Arn.of("sqs", region, metadata.accountId(), metadata.name()).toString();
    }

    public EmptyResult setQueueAttributes(SqsContext context, SetQueueAttributesRequest request) {
        Queue queue = queue(context, request.queueUrl());
        boolean fifo = queue.metadata().fifo();
        Map<String, String> changes = QueueAttributeRules.check(request.attributes(), fifo);
        checkRedriveTarget(changes, fifo, queueArn(queue.metadata()));
        synchronized (registryLock) {
            QueueMetadata current = queue.metadata();
            Map<String, String> merged = new TreeMap<>(current.attributes());
            for (Map.Entry<String, String> change : changes.entrySet()) {
                boolean clears = change.getValue().isEmpty()
                        && (change.getKey().equals("Policy") || change.getKey().startsWith("Redrive"));
                if (clears) {
                    merged.remove(change.getKey());
                } else {
                    merged.put(change.getKey(), change.getValue());
                }
            }
            if (fifo) {
                QueueAttributeRules.checkFifoCombination(merged);
            }
            QueueMetadata updated =
                    current.withAttributes(merged, clock.instant().getEpochSecond());
            store.commit(new QueueBatch().putQueue(updated.queueId(), updated.encode()));
            queue.metadata(updated);
        }
        return new EmptyResult();
    }

    public EmptyResult addPermission(SqsContext context, AddPermissionRequest request) {
        Queue queue = queue(context, request.queueUrl());
        List<String> accounts = request.awsAccountIds() == null ? List.of() : request.awsAccountIds();
        List<String> actions = request.actions() == null ? List.of() : request.actions();
        QueuePolicies.checkGrant(accounts, actions);
        editPolicy(
                queue,
                current -> QueuePolicies.add(
                        current, queueArn(queue.metadata()), request.label(), accounts, actions, "aws"));
        return new EmptyResult();
    }

    public EmptyResult removePermission(SqsContext context, RemovePermissionRequest request) {
        Queue queue = queue(context, request.queueUrl());
        editPolicy(queue, current -> QueuePolicies.remove(current, queueArn(queue.metadata()), request.label()));
        return new EmptyResult();
    }

    private void editPolicy(Queue queue, java.util.function.UnaryOperator<@Nullable String> edit) {
        synchronized (registryLock) {
            QueueMetadata current = queue.metadata();
            Map<String, String> attributes = new TreeMap<>(current.attributes());
            String policy = edit.apply(attributes.get("Policy"));
            if (policy == null || policy.isEmpty()) {
                attributes.remove("Policy");
            } else {
                attributes.put("Policy", policy);
            }
            QueueMetadata updated =
                    current.withAttributes(attributes, clock.instant().getEpochSecond());
            store.commit(new QueueBatch().putQueue(updated.queueId(), updated.encode()));
            queue.metadata(updated);
        }
    }

    public ListDeadLetterSourceQueuesResult listDeadLetterSourceQueues(
            SqsContext context, ListDeadLetterSourceQueuesRequest request) {
        Queue queue = queue(context, request.queueUrl());
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > SqsLimits.DEAD_LETTER_SOURCE_QUEUES_RESULTS_MAX)) {
            throw SqsError.InvalidParameterValueException.with("Value for parameter MaxResults is invalid. "
                    + "Reason: MaxResults must be an integer between 1 and 1000.");
        }
        String after = decodeNextToken(request.nextToken());
        String arn = queueArn(queue.metadata());
        List<String> names = new ArrayList<>();
        for (Queue source : queues.values()) {
            QueueMetadata metadata = source.metadata();
            QueueMetadata.Redrive redrive = metadata.redrive();
            if (redrive != null
                    && redrive.deadLetterTargetArn().equals(arn)
                    && metadata.accountId().equals(context.accountId())
                    && (after == null || metadata.name().compareTo(after) > 0)) {
                names.add(metadata.name());
            }
        }
        names.sort(null);
        int limit = maxResults == null ? SqsLimits.DEAD_LETTER_SOURCE_QUEUES_RESULTS_MAX : maxResults;
        List<String> page = names.subList(0, Math.min(limit, names.size()));
        List<String> urls = new ArrayList<>(page.size());
        for (String name : page) {
            urls.add(new QueueKey(context.accountId(), name).url(context.endpoint()));
        }
        String nextToken = maxResults != null && names.size() > page.size() ? encodeNextToken(page.getLast()) : null;
        return new ListDeadLetterSourceQueuesResult(urls, nextToken);
    }

    public StartMessageMoveTaskResult startMessageMoveTask(SqsContext context, StartMessageMoveTaskRequest request) {
        Integer rate = request.maxNumberOfMessagesPerSecond();
        if (rate != null && (rate < 1 || rate > SqsLimits.MOVE_TASK_MESSAGES_PER_SECOND_MAX)) {
            throw SqsError.InvalidParameterValueException.with("Value for parameter MaxNumberOfMessagesPerSecond is"
                    + " invalid. Reason: You must enter a number that's between 1 and 500.");
        }
        Queue source = ownedQueueByArn(context, request.sourceArn());
        if (source == null) {
            throw MessageMoveTasks.resourceNotFound("SourceArn");
        }
        String sourceArn = queueArn(source.metadata());
        boolean deadLetterQueue = false;
        for (Queue queue : queues.values()) {
            QueueMetadata.Redrive redrive = queue.metadata().redrive();
            deadLetterQueue |= redrive != null && redrive.deadLetterTargetArn().equals(sourceArn);
        }
        if (!deadLetterQueue) {
            throw SqsError.InvalidParameterValueException.with(
                    "Source queue must be configured as a Dead Letter Queue.");
        }
        String destinationArn = request.destinationArn();
        if (destinationArn != null && !destinationArn.isEmpty()) {
            Queue destination = ownedQueueByArn(context, destinationArn);
            if (destination == null) {
                throw MessageMoveTasks.resourceNotFound("DestinationArn");
            }
            if (destination == source) {
                throw SqsError.InvalidParameterValueException.with(
                        "Source queue arn and destination queue arn cannot be the same.");
            }
            if (destination.fifo() != source.fifo()) {
                throw SqsError.InvalidParameterValueException.with(
                        "The destination queue must be of the same type as the source queue.");
            }
        } else {
            destinationArn = null;
        }
        return new StartMessageMoveTaskResult(moveTasks.start(source, sourceArn, destinationArn, rate));
    }

    public ListMessageMoveTasksResult listMessageMoveTasks(SqsContext context, ListMessageMoveTasksRequest request) {
        Integer maxResults = request.maxResults();
        if (maxResults != null && (maxResults < 1 || maxResults > SqsLimits.MOVE_TASK_RESULTS_MAX)) {
            throw SqsError.InvalidParameterValueException.with("Value for parameter MaxResults is invalid. Reason:"
                    + " You must enter a number that's between 1 and 10.");
        }
        Queue source = ownedQueueByArn(context, request.sourceArn());
        if (source == null) {
            throw MessageMoveTasks.resourceNotFound("SourceArn");
        }
        return new ListMessageMoveTasksResult(moveTasks.list(source, maxResults == null ? 1 : maxResults));
    }

    public CancelMessageMoveTaskResult cancelMessageMoveTask(SqsContext context, CancelMessageMoveTaskRequest request) {
        String[] handle = MoveTask.decodeHandle(request.taskHandle());
        if (handle == null) {
            throw SqsError.InvalidParameterValueException.with("Value for parameter TaskHandle is invalid.");
        }
        Queue source = ownedQueueByArn(context, handle[1]);
        if (source == null) {
            throw MessageMoveTasks.resourceNotFound("SourceArn");
        }
        return new CancelMessageMoveTaskResult(moveTasks.cancel(source, handle[0]));
    }

    /** The live queue of the caller's account that an ARN names exactly (region included), or null. */
    private @Nullable Queue ownedQueueByArn(SqsContext context, String arn) {
        Queue queue = queueByArn(arn);
        if (queue == null
                || !queue.metadata().accountId().equals(context.accountId())
                || !queueArn(queue.metadata()).equals(arn)) {
            return null;
        }
        return queue;
    }

    public EmptyResult tagQueue(SqsContext context, TagQueueRequest request) {
        Queue queue = queue(context, request.queueUrl());
        if (request.tags().isEmpty()) {
            throw SqsError.MissingRequiredParameterException.with("The request must contain the parameter Tags.");
        }
        synchronized (registryLock) {
            QueueMetadata updated = queue.metadata()
                    .withTags(checkTags(
                            queue.metadata().name(),
                            request.tags(),
                            queue.metadata().tags()));
            store.commit(new QueueBatch().putQueue(updated.queueId(), updated.encode()));
            queue.metadata(updated);
        }
        return new EmptyResult();
    }

    public EmptyResult untagQueue(SqsContext context, UntagQueueRequest request) {
        Queue queue = queue(context, request.queueUrl());
        if (request.tagKeys().isEmpty()) {
            throw SqsError.InvalidParameterValueException.with(
                    "Tag keys must be between 1 and 128 characters in length.");
        }
        synchronized (registryLock) {
            Map<String, String> tags = new TreeMap<>(queue.metadata().tags());
            for (String key : request.tagKeys()) {
                if (key != null) {
                    tags.remove(key);
                }
            }
            QueueMetadata updated = queue.metadata().withTags(tags);
            store.commit(new QueueBatch().putQueue(updated.queueId(), updated.encode()));
            queue.metadata(updated);
        }
        return new EmptyResult();
    }

    public ListQueueTagsResult listQueueTags(SqsContext context, ListQueueTagsRequest request) {
        return new ListQueueTagsResult(
                queue(context, request.queueUrl()).metadata().tags());
    }

    public SendMessageResult sendMessage(SqsContext context, SendMessageRequest request) {
        Queue queue = queue(context, request.queueUrl());
        QueueMessages.Outgoing message = messages.prepare(
                queue,
                context.accountId(),
                request.messageBody(),
                request.delaySeconds(),
                request.messageAttributes(),
                request.messageSystemAttributes(),
                request.messageGroupId(),
                request.messageDeduplicationId());
        QueueMessages.Sent sent = messages.send(queue, List.of(message)).getFirst();
        return new SendMessageResult(
                message.md5OfMessageBody(),
                message.md5OfMessageAttributes(),
                message.md5OfMessageSystemAttributes(),
                sent.messageId(),
                sent.sequenceNumber());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The queue's own account may always send; another account's resource only as the queue's policy allows (see
     * {@link DeliveryPolicyCheck}). AWS also asks the queue's own account for a policy that lets SNS send; Wharf does
     * not, as docs/COMPATIBILITY.md says.
     */
    @Override
    public SendMessageResult deliver(QueueDelivery delivery) {
        Arn arn;
        try {
            arn = Arn.parse(delivery.queueArn());
        } catch (IllegalArgumentException e) {
            throw queueDoesNotExist();
        }
        Queue queue = queues.get(new QueueKey(arn.accountId(), arn.resource()));
        if (queue == null || !"sqs".equals(arn.service()) || !region.equals(arn.region())) {
            throw queueDoesNotExist();
        }
        if (!arn.accountId().equals(delivery.sourceAccountId())
                && !DeliveryPolicyCheck.allowsSend(
                        queue.metadata().attributes().get(QueueAttributeName.Policy.name()),
                        delivery.queueArn(),
                        DeliveryPolicyCheck.Sender.of(delivery.sourceArn(), delivery.sourceAccountId()))) {
            throw CommonError.ACCESS_DENIED.with("Access to the resource " + delivery.queueArn() + " is denied.");
        }
        QueueMessages.Outgoing message = messages.prepare(
                queue,
                delivery.senderId(),
                delivery.body(),
                null,
                delivery.attributes().isEmpty() ? null : delivery.attributes(),
                null,
                delivery.messageGroupId(),
                delivery.messageDeduplicationId());
        QueueMessages.Sent sent = messages.send(queue, List.of(message)).getFirst();
        return new SendMessageResult(
                message.md5OfMessageBody(),
                message.md5OfMessageAttributes(),
                message.md5OfMessageSystemAttributes(),
                sent.messageId(),
                sent.sequenceNumber());
    }

    public SendMessageBatchResult sendMessageBatch(SqsContext context, SendMessageBatchRequest request) {
        Queue queue = queue(context, request.queueUrl());
        List<SendMessageBatchRequestEntry> entries = request.entries() == null ? List.of() : request.entries();
        MessageRules.batch(entries, "SendMessageBatchRequestEntry", SendMessageBatchRequestEntry::id);
        long size = 0;
        for (SendMessageBatchRequestEntry entry : entries) {
            size += MessageRules.rawSize(entry.messageBody(), entry.messageAttributes());
        }
        if (size > SqsLimits.BATCH_SIZE_MAX) {
            throw SqsError.BatchRequestTooLong.with(
                    "Batch requests cannot be longer than 1048576 bytes. You have sent " + size + " bytes.");
        }
        if (queue.fifo()) {
            requireFifoParameters(queue.metadata(), entries);
        }
        List<QueueMessages.Outgoing> outgoing = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (SendMessageBatchRequestEntry entry : entries) {
            try {
                outgoing.add(messages.prepare(
                        queue,
                        context.accountId(),
                        entry.messageBody(),
                        entry.delaySeconds(),
                        entry.messageAttributes(),
                        entry.messageSystemAttributes(),
                        entry.messageGroupId(),
                        entry.messageDeduplicationId()));
                ids.add(entry.id());
            } catch (AwsException e) {
                failed.add(failure(entry.id(), e));
            }
        }
        List<QueueMessages.Sent> sent = messages.send(queue, outgoing);
        List<SendMessageBatchResultEntry> successful = new ArrayList<>();
        for (int i = 0; i < outgoing.size(); i++) {
            QueueMessages.Outgoing message = outgoing.get(i);
            successful.add(new SendMessageBatchResultEntry(
                    ids.get(i),
                    sent.get(i).messageId(),
                    message.md5OfMessageBody(),
                    message.md5OfMessageAttributes(),
                    message.md5OfMessageSystemAttributes(),
                    sent.get(i).sequenceNumber()));
        }
        return new SendMessageBatchResult(successful, failed);
    }

    /** AWS rejects a whole FIFO batch when an entry lacks its group or deduplication id. */
    private static void requireFifoParameters(QueueMetadata metadata, List<SendMessageBatchRequestEntry> entries) {
        boolean contentBased = "true".equals(metadata.attributes().get("ContentBasedDeduplication"));
        for (SendMessageBatchRequestEntry entry : entries) {
            if (!contentBased && entry.messageDeduplicationId() == null) {
                throw SqsError.InvalidParameterValueException.with("The queue should either have "
                        + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
            if (entry.messageGroupId() == null || entry.messageGroupId().isEmpty()) {
                throw SqsError.InvalidParameterValueException.with(
                        "The request must contain the parameter MessageGroupId.");
            }
        }
    }

    private static BatchResultErrorEntry failure(String id, AwsException e) {
        return new BatchResultErrorEntry(id, true, e.code().queryCode(), e.getMessage());
    }

    public ReceiveMessageResult receiveMessage(SqsContext context, ReceiveMessageRequest request) {
        Queue queue = queue(context, request.queueUrl());
        QueueMetadata metadata = queue.metadata();
        int max = MessageRules.maxNumberOfMessages(request.maxNumberOfMessages());
        int visibility = MessageRules.visibilityTimeout(
                request.visibilityTimeout(), metadata.intAttribute(QueueAttributeName.VisibilityTimeout));
        int wait = MessageRules.waitTimeSeconds(
                request.waitTimeSeconds(), metadata.intAttribute(QueueAttributeName.ReceiveMessageWaitTimeSeconds));
        MessageSelection selection = new MessageSelection(
                request.attributeNames(), request.messageSystemAttributeNames(), request.messageAttributeNames());
        List<Message> result = new ArrayList<>();
        List<QueueMessages.Received> received =
                messages.receive(queue, max, visibility, wait, request.receiveRequestAttemptId());
        for (QueueMessages.Received message : received) {
            MessagePayload payload = messages.payload(queue, message.sequence());
            if (payload != null) {
                String handle = new ReceiptHandle(queue.queueId(), message.sequence(), message.receiveCount()).encode();
                result.add(selection.message(payload, message, handle, metadata.fifo()));
            }
        }
        // Counted by what the call returns: a message deleted since the receive took it is not returned.
        queue.counters.onReceived(result.size());
        return new ReceiveMessageResult(result);
    }

    public EmptyResult deleteMessage(SqsContext context, DeleteMessageRequest request) {
        messages.delete(queue(context, request.queueUrl()), request.receiptHandle());
        return new EmptyResult();
    }

    public DeleteMessageBatchResult deleteMessageBatch(SqsContext context, DeleteMessageBatchRequest request) {
        Queue queue = queue(context, request.queueUrl());
        List<DeleteMessageBatchRequestEntry> entries = request.entries() == null ? List.of() : request.entries();
        MessageRules.batch(entries, "DeleteMessageBatchRequestEntry", DeleteMessageBatchRequestEntry::id);
        List<@Nullable AwsException> errors = messages.deleteAll(
                queue,
                entries.stream()
                        .map(DeleteMessageBatchRequestEntry::receiptHandle)
                        .toList());
        List<DeleteMessageBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AwsException error = errors.get(i);
            if (error == null) {
                successful.add(new DeleteMessageBatchResultEntry(entries.get(i).id()));
            } else {
                failed.add(failure(entries.get(i).id(), error));
            }
        }
        return new DeleteMessageBatchResult(successful, failed);
    }

    public EmptyResult changeMessageVisibility(SqsContext context, ChangeMessageVisibilityRequest request) {
        Queue queue = queue(context, request.queueUrl());
        Integer timeout = request.visibilityTimeout();
        if (timeout == null) {
            throw SqsError.MissingRequiredParameterException.with(
                    "The request must contain the parameter VisibilityTimeout.");
        }
        int seconds = MessageRules.visibilityTimeout(timeout, 0);
        AwsException error = messages.changeVisibility(queue, List.of(request.receiptHandle()), List.of(seconds))
                .getFirst();
        if (error != null) {
            throw error;
        }
        return new EmptyResult();
    }

    public ChangeMessageVisibilityBatchResult changeMessageVisibilityBatch(
            SqsContext context, ChangeMessageVisibilityBatchRequest request) {
        Queue queue = queue(context, request.queueUrl());
        List<ChangeMessageVisibilityBatchRequestEntry> entries =
                request.entries() == null ? List.of() : request.entries();
        MessageRules.batch(
                entries, "ChangeMessageVisibilityBatchRequestEntry", ChangeMessageVisibilityBatchRequestEntry::id);
        List<@Nullable AwsException> checks = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<Integer> seconds = new ArrayList<>();
        for (ChangeMessageVisibilityBatchRequestEntry entry : entries) {
            try {
                if (entry.visibilityTimeout() == null) {
                    throw SqsError.MissingRequiredParameterException.with(
                            "The request must contain the parameter VisibilityTimeout.");
                }
                seconds.add(MessageRules.visibilityTimeout(entry.visibilityTimeout(), 0));
                handles.add(entry.receiptHandle());
                checks.add(null);
            } catch (AwsException e) {
                checks.add(e);
            }
        }
        List<@Nullable AwsException> errors = messages.changeVisibility(queue, handles, seconds);
        List<ChangeMessageVisibilityBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        int applied = 0;
        for (int i = 0; i < entries.size(); i++) {
            AwsException error = checks.get(i) != null ? checks.get(i) : errors.get(applied++);
            if (error == null) {
                successful.add(new ChangeMessageVisibilityBatchResultEntry(
                        entries.get(i).id()));
            } else {
                failed.add(failure(entries.get(i).id(), error));
            }
        }
        return new ChangeMessageVisibilityBatchResult(successful, failed);
    }

    public EmptyResult purgeQueue(SqsContext context, PurgeQueueRequest request) {
        messages.purge(queue(context, request.queueUrl()));
        return new EmptyResult();
    }

    /** Finds a queue that the caller's account owns. */
    Queue queue(SqsContext context, String queueUrl) {
        Queue queue = queues.get(ownedKey(context, queueUrl));
        if (queue == null) {
            throw queueDoesNotExist();
        }
        return queue;
    }

    private static QueueKey ownedKey(SqsContext context, String queueUrl) {
        QueueKey key = QueueKey.fromUrl(queueUrl, context.accountId());
        if (!key.accountId().equals(context.accountId())) {
            // Cross-account access needs a queue policy, which arrives with the security work.
            throw queueDoesNotExist();
        }
        return key;
    }
}
