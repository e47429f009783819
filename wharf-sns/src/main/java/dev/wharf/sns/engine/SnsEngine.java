package dev.wharf.sns.engine;

import dev.wharf.firehose.api.RecordPutPort;
import dev.wharf.sns.api.AddPermissionRequest;
import dev.wharf.sns.api.AddPermissionResponse;
import dev.wharf.sns.api.ConfirmSubscriptionRequest;
import dev.wharf.sns.api.ConfirmSubscriptionResponse;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.CreateTopicResponse;
import dev.wharf.sns.api.DeleteTopicRequest;
import dev.wharf.sns.api.DeleteTopicResponse;
import dev.wharf.sns.api.GetDataProtectionPolicyRequest;
import dev.wharf.sns.api.GetDataProtectionPolicyResponse;
import dev.wharf.sns.api.GetSubscriptionAttributesRequest;
import dev.wharf.sns.api.GetSubscriptionAttributesResponse;
import dev.wharf.sns.api.GetTopicAttributesRequest;
import dev.wharf.sns.api.GetTopicAttributesResponse;
import dev.wharf.sns.api.ListSubscriptionsByTopicRequest;
import dev.wharf.sns.api.ListSubscriptionsByTopicResponse;
import dev.wharf.sns.api.ListSubscriptionsRequest;
import dev.wharf.sns.api.ListSubscriptionsResponse;
import dev.wharf.sns.api.ListTagsForResourceRequest;
import dev.wharf.sns.api.ListTagsForResourceResponse;
import dev.wharf.sns.api.ListTopicsRequest;
import dev.wharf.sns.api.ListTopicsResponse;
import dev.wharf.sns.api.PublishBatchRequest;
import dev.wharf.sns.api.PublishBatchResponse;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.PublishResponse;
import dev.wharf.sns.api.PutDataProtectionPolicyRequest;
import dev.wharf.sns.api.PutDataProtectionPolicyResponse;
import dev.wharf.sns.api.RemovePermissionRequest;
import dev.wharf.sns.api.RemovePermissionResponse;
import dev.wharf.sns.api.SetSubscriptionAttributesRequest;
import dev.wharf.sns.api.SetSubscriptionAttributesResponse;
import dev.wharf.sns.api.SetTopicAttributesRequest;
import dev.wharf.sns.api.SetTopicAttributesResponse;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.SubscribeResponse;
import dev.wharf.sns.api.Tag;
import dev.wharf.sns.api.TagResourceRequest;
import dev.wharf.sns.api.TagResourceResponse;
import dev.wharf.sns.api.TopicAttributeName;
import dev.wharf.sns.api.UnsubscribeRequest;
import dev.wharf.sns.api.UnsubscribeResponse;
import dev.wharf.sns.api.UntagResourceRequest;
import dev.wharf.sns.api.UntagResourceResponse;
import dev.wharf.sns.engine.message.Envelope;
import dev.wharf.sns.engine.message.MessageType;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.api.QueueDeliveryPort;
import dev.wharf.storage.DeliveryStore;
import dev.wharf.storage.MessageArchiveStore;
import dev.wharf.storage.TopicStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Amazon SNS's semantics: topics, subscriptions and publishing, over the storage SPI, delivering to SQS through SQS's
 * port, to HTTP/S endpoints and Lambda functions through an {@link dev.wharf.sns.engine.endpoint.EndpointSender}, and
 * to mail addresses through a {@link dev.wharf.sns.engine.endpoint.MailSender}.
 * One per server; thread-safe.
 */
public final class SnsEngine implements AutoCloseable {

    private final Topics topics;
    private final Subscriptions subscriptions;
    private final Publisher publisher;
    private final Deliveries deliveries;
    private final PushDeliveries pushes;
    private final Webhooks webhooks;
    private final Permissions permissions;
    private final SigningKeys keys;
    private final Mobile mobile;
    private final Archives archives;
    private final Replays replays;
    private final Clock clock;
    private final ScheduledExecutorService retries;
    private final Executor requests;
    private final java.util.concurrent.Future<?> recovery;
    private static final long RECOVERY_WAIT_SECONDS = 30;

    /** An engine that reaches HTTP/S endpoints with the JDK's defaults and knows no Lambda functions. */
    public SnsEngine(
            TopicStore store,
            DeliveryStore outbox,
            MessageArchiveStore archive,
            QueueDeliveryPort queues,
            SigningKeys keys,
            Clock clock,
            String region) {
        this(store, outbox, archive, queues, keys, clock, region, SnsDeliveryConfig.defaults());
    }

    public SnsEngine(
            TopicStore store,
            DeliveryStore outbox,
            MessageArchiveStore archive,
            QueueDeliveryPort queues,
            SigningKeys keys,
            Clock clock,
            String region,
            SnsDeliveryConfig delivery) {
        this(store, outbox, archive, queues, NO_FIREHOSE, keys, clock, region, delivery);
    }

    /** An engine that delivers its {@code firehose} subscriptions through {@code firehose}. */
    public SnsEngine(
            TopicStore store,
            DeliveryStore outbox,
            MessageArchiveStore archive,
            QueueDeliveryPort queues,
            RecordPutPort firehose,
            SigningKeys keys,
            Clock clock,
            String region,
            SnsDeliveryConfig delivery) {
        this(
                store,
                outbox,
                archive,
                queues,
                firehose,
                keys,
                clock,
                region,
                delivery,
                DeliveryLanes.Limits.DEFAULT,
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("wharf-sns-delivery-", 0).factory()),
                true);
    }

    /**
     * An engine whose endpoint deliveries run on {@code requests}; without {@code background} nothing runs them but
     * {@link #runDeliveries()}, so that tests drive them with a fake clock.
     */
    SnsEngine(
            TopicStore store,
            DeliveryStore outboxStore,
            MessageArchiveStore archiveStore,
            QueueDeliveryPort queues,
            SigningKeys keys,
            Clock clock,
            String region,
            SnsDeliveryConfig delivery,
            DeliveryLanes.Limits limits,
            Executor requests,
            boolean background) {
        this(
                store,
                outboxStore,
                archiveStore,
                queues,
                NO_FIREHOSE,
                keys,
                clock,
                region,
                delivery,
                limits,
                requests,
                background);
    }

    /** A server without Firehose: every delivery stream is missing. */
    private static final RecordPutPort NO_FIREHOSE = (arn, data) -> {
        throw dev.wharf.firehose.api.FirehoseError.ResourceNotFound.with("Firehose " + arn + " not found.");
    };

    /** As the constructor above, with the port that {@code firehose} subscriptions are delivered through. */
    SnsEngine(
            TopicStore store,
            DeliveryStore outboxStore,
            MessageArchiveStore archiveStore,
            QueueDeliveryPort queues,
            RecordPutPort firehose,
            SigningKeys keys,
            Clock clock,
            String region,
            SnsDeliveryConfig delivery,
            DeliveryLanes.Limits limits,
            Executor requests,
            boolean background) {
        this.keys = keys;
        this.clock = clock;
        this.requests = requests;
        this.topics = new Topics(store, region);
        this.subscriptions = new Subscriptions(topics, store, clock);
        this.permissions = new Permissions(topics);
        this.retries =
                Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        Outbox outbox = new Outbox(outboxStore);
        Envelope envelope = new Envelope(keys);
        QueueNotifications notifications = new QueueNotifications(envelope, keys);
        DeadLetters deadLetters = new DeadLetters(queues);
        LambdaFunctions functions = new LambdaFunctions(delivery.lambdaFunctions());
        this.pushes = new PushDeliveries(
                outbox,
                topics,
                new EndpointRequests(envelope, notifications, keys, functions),
                delivery.sender(),
                deadLetters,
                functions,
                new MailMessages(topics, envelope, notifications),
                delivery.mail(),
                new DeliveryLanes(clock, limits),
                clock,
                requests,
                background);
        this.deliveries = new Deliveries(outbox, topics, queues, firehose, notifications, deadLetters, pushes, retries);
        this.mobile = new Mobile(store, clock, region);
        this.replays = new Replays(store, archiveStore, topics, queues, notifications, deadLetters, clock);
        this.archives = new Archives(archiveStore, replays, topics, clock, background);
        this.publisher = new Publisher(outbox, deliveries, clock, mobile.publisher(), archives);
        SnsRestore.load(store, topics, archives);
        replays.restore();
        archives.startIfNeeded();
        mobile.restore();
        this.webhooks = new Webhooks(delivery.webhooks(), mobile.outboxes(), delivery.sender(), clock, background);
        subscriptions.pruneUnsubscribed();
        this.recovery = deliveries.recover();
    }

    /** Starts every endpoint delivery that is due by the clock, and those that fall due meanwhile; for tests. */
    void runDeliveries() {
        pushes.runDue();
        webhooks.runDue();
    }

    /** Runs every archive purge and replay step that is due by the clock, and those that fall due meanwhile; for tests. */
    void runArchive() {
        archives.runDue();
    }

    /** Runs one round of archive work: a purge pass if due, and one step of each due replay; for tests. */
    void runArchiveRound() {
        archives.runOnce();
    }

    /** Waits until the deliveries that the outbox held at start have had their first attempt; for tests. */
    void awaitRecovery() throws Exception {
        recovery.get(RECOVERY_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The signing certificate's PEM, which the server serves at every notification's SigningCertURL. */
    public String signingCertificatePem() {
        return keys.certificatePem();
    }

    /** The file name under which the certificate is served: {@code /<name>} on the server's endpoint. */
    public String signingCertificateFileName() {
        return keys.certificateFileName();
    }

    public CreateTopicResponse createTopic(SnsContext context, CreateTopicRequest request) {
        Map<String, String> attributes = new LinkedHashMap<>(orEmpty(request.attributes()));
        if (request.dataProtectionPolicy() != null) {
            attributes.put(TopicAttributeName.DataProtectionPolicy.name(), request.dataProtectionPolicy());
        }
        Topic topic = topics.create(context, request.name(), attributes, orEmpty(request.tags()));
        String archivePolicy = attributes.get(TopicAttributeName.ArchivePolicy.name());
        if (topic.fifo && ArchivePolicies.retentionDays(archivePolicy) > 0) {
            topic.lock.lock();
            try {
                if (topic.archiveRetentionDays == 0 && !topic.deleted) {
                    // Created with an ArchivePolicy: its archiving begins now. A crash before this write is made
                    // good at the next start, which finds the policy without its beginning.
                    setArchivePolicy(topic, topic.attributes.get(TopicAttributeName.ArchivePolicy.name()));
                }
            } finally {
                topic.lock.unlock();
            }
        }
        return new CreateTopicResponse(topic.arn);
    }

    public DeleteTopicResponse deleteTopic(SnsContext context, DeleteTopicRequest request) {
        Topic deleted = topics.delete(context, request.topicArn());
        if (deleted != null) {
            archives.onDeleted(deleted);
        }
        return new DeleteTopicResponse();
    }

    public ListTopicsResponse listTopics(SnsContext context, ListTopicsRequest request) {
        Page<String> page = topics.list(context, request.nextToken());
        List<dev.wharf.sns.api.Topic> out = new ArrayList<>();
        for (String arn : page.items()) {
            out.add(new dev.wharf.sns.api.Topic(arn));
        }
        return new ListTopicsResponse(out, page.nextToken());
    }

    public GetTopicAttributesResponse getTopicAttributes(SnsContext context, GetTopicAttributesRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        topic.lock.lock();
        try {
            Map<String, String> attributes = TopicAttributes.all(topic);
            Long beginning = archives.beginning(topic);
            if (beginning != null) {
                attributes.put(
                        TopicAttributeName.BeginningArchiveTime.name(),
                        java.time.Instant.ofEpochMilli(beginning).toString());
            }
            return new GetTopicAttributesResponse(attributes);
        } finally {
            topic.lock.unlock();
        }
    }

    public SetTopicAttributesResponse setTopicAttributes(SnsContext context, SetTopicAttributesRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        String value = TopicAttributes.checkForSet(request.attributeName(), request.attributeValue(), topic.fifo);
        topic.lock.lock();
        try {
            String name = Objects.requireNonNull(request.attributeName());
            if (name.equals(TopicAttributeName.ArchivePolicy.name())) {
                setArchivePolicy(topic, value);
                return new SetTopicAttributesResponse();
            }
            String previous = topic.attributes.put(name, value);
            try {
                topics.persist(topic);
            } catch (RuntimeException e) {
                restore(topic.attributes, name, previous);
                throw e;
            }
        } finally {
            topic.lock.unlock();
        }
        return new SetTopicAttributesResponse();
    }

    /** Lock must be held: sets a checked ArchivePolicy, turning the topic's archive on or off with it. */
    private void setArchivePolicy(Topic topic, @org.jspecify.annotations.Nullable String value) {
        String name = TopicAttributeName.ArchivePolicy.name();
        String previous = value == null ? topic.attributes.get(name) : topic.attributes.put(name, value);
        int retentionDays = topic.archiveRetentionDays;
        long beganMillis = topic.archiveBeganMillis;
        Runnable applied = archives.onPolicy(topic);
        try {
            topics.persist(topic);
        } catch (RuntimeException e) {
            restore(topic.attributes, name, previous);
            Archives.undo(topic, retentionDays, beganMillis);
            throw e;
        }
        applied.run();
    }

    private static void restore(Map<String, String> map, String key, @org.jspecify.annotations.Nullable String value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    public SubscribeResponse subscribe(SnsContext context, SubscribeRequest request) {
        String replayPolicy = orEmpty(request.attributes()).get(ReplayPolicies.REPLAY_POLICY);
        ReplayPolicies.Window replay = replayPolicy == null || replayPolicy.isEmpty()
                ? null
                : replayWindow(topics.require(context, request.topicArn()), replayPolicy);
        Subscriptions.Subscribed subscribed = subscriptions.subscribe(
                context, request.topicArn(), request.protocol(), request.endpoint(), orEmpty(request.attributes()));
        Subscription subscription = subscribed.subscription();
        if (replay != null && subscribed.created()) {
            replays.start(subscription.arn(), replay);
            archives.wake();
        }
        if (!subscription.confirmed() && PushDeliveries.pushes(subscription.protocol())) {
            // A new HTTP/S or email subscription gets its confirmation request; one still pending gets it again
            // (chosen).
            pushes.handshake(pushes.handshakeFor(
                    MessageType.SubscriptionConfirmation,
                    subscription,
                    context.endpoint(),
                    signatureVersion(subscription.topicArn())));
        }
        boolean returnArn = Boolean.TRUE.equals(request.returnSubscriptionArn()) || subscription.confirmed();
        return new SubscribeResponse(returnArn ? subscription.arn() : "pending confirmation");
    }

    public ConfirmSubscriptionResponse confirmSubscription(SnsContext context, ConfirmSubscriptionRequest request) {
        boolean authenticate = "true".equalsIgnoreCase(request.authenticateOnUnsubscribe());
        Subscription confirmed = subscriptions.confirm(context, request.topicArn(), request.token(), authenticate);
        return new ConfirmSubscriptionResponse(confirmed.arn());
    }

    public UnsubscribeResponse unsubscribe(SnsContext context, UnsubscribeRequest request) {
        if (!context.anonymous()) {
            subscriptions.require(context, request.subscriptionArn());
        }
        Subscription removed = subscriptions.unsubscribe(context, request.subscriptionArn());
        if (removed != null) {
            replays.forget(removed.arn());
        }
        if (removed != null && removed.confirmed() && removed.protocol().startsWith("http")) {
            pushes.handshake(pushes.handshakeFor(
                    MessageType.UnsubscribeConfirmation,
                    removed,
                    context.endpoint(),
                    signatureVersion(removed.topicArn())));
        }
        return new UnsubscribeResponse();
    }

    /** The topic's SignatureVersion, which its confirmations are signed with. */
    private String signatureVersion(String topicArn) {
        Topic topic = topics.find(topicArn);
        if (topic == null) {
            return "1";
        }
        topic.lock.lock();
        try {
            return topic.attributes.getOrDefault(TopicAttributeName.SignatureVersion.name(), "1");
        } finally {
            topic.lock.unlock();
        }
    }

    public ListSubscriptionsResponse listSubscriptions(SnsContext context, ListSubscriptionsRequest request) {
        Page<Subscription> page =
                subscriptions.list(topics.all(), s -> s.owner().equals(context.accountId()), request.nextToken());
        return new ListSubscriptionsResponse(listed(page.items()), page.nextToken());
    }

    public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(
            SnsContext context, ListSubscriptionsByTopicRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        Page<Subscription> page = subscriptions.list(List.of(topic), s -> true, request.nextToken());
        return new ListSubscriptionsByTopicResponse(listed(page.items()), page.nextToken());
    }

    private static List<dev.wharf.sns.api.Subscription> listed(List<Subscription> page) {
        List<dev.wharf.sns.api.Subscription> out = new ArrayList<>(page.size());
        for (Subscription s : page) {
            out.add(new dev.wharf.sns.api.Subscription(
                    s.listedArn(), s.owner(), s.protocol(), s.endpoint(), s.topicArn()));
        }
        return out;
    }

    public GetSubscriptionAttributesResponse getSubscriptionAttributes(
            SnsContext context, GetSubscriptionAttributesRequest request) {
        Subscription subscription = subscriptions.require(context, request.subscriptionArn());
        Topic topic = topics.find(subscription.topicArn());
        String topicPolicy = null;
        if (topic != null) {
            topic.lock.lock();
            try {
                topicPolicy = topic.attributes.get(TopicAttributeName.DeliveryPolicy.name());
            } finally {
                topic.lock.unlock();
            }
        }
        Map<String, String> attributes = SubscriptionAttributes.all(subscription, topicPolicy);
        String replayStatus = replays.status(subscription.arn());
        if (replayStatus != null) {
            attributes.put("ReplayStatus", replayStatus);
        }
        return new GetSubscriptionAttributesResponse(attributes);
    }

    public SetSubscriptionAttributesResponse setSubscriptionAttributes(
            SnsContext context, SetSubscriptionAttributesRequest request) {
        if (!ReplayPolicies.REPLAY_POLICY.equals(request.attributeName())) {
            subscriptions.setAttribute(
                    context, request.subscriptionArn(), request.attributeName(), request.attributeValue());
            return new SetSubscriptionAttributesResponse();
        }
        Subscription subscription = subscriptions.require(context, request.subscriptionArn());
        String policy = request.attributeValue();
        if (policy == null || policy.isEmpty()) {
            subscriptions.setAttribute(context, subscription.arn(), request.attributeName(), policy);
            replays.cancel(subscription.arn());
            return new SetSubscriptionAttributesResponse();
        }
        ReplayPolicies.Window window = replayWindow(
                Objects.requireNonNull(topics.find(subscription.topicArn()), "a subscription's topic"), policy);
        subscriptions.setAttribute(context, subscription.arn(), request.attributeName(), policy);
        // A new policy replaces the replay that runs, as on AWS.
        replays.start(subscription.arn(), window);
        archives.wake();
        return new SetSubscriptionAttributesResponse();
    }

    /** The window of a ReplayPolicy, checked on its own and against the topic's archive now. */
    private ReplayPolicies.Window replayWindow(Topic topic, String policy) {
        ReplayPolicies.Window window = ReplayPolicies.parse(policy);
        Long beginning;
        topic.lock.lock();
        try {
            beginning = archives.beginning(topic);
        } finally {
            topic.lock.unlock();
        }
        ReplayPolicies.checkAgainstArchive(window, beginning, clock.millis());
        return window;
    }

    public PublishResponse publish(SnsContext context, PublishRequest request) {
        String arn = request.topicArn() != null ? request.topicArn() : request.targetArn();
        if (request.phoneNumber() != null && arn == null) {
            return mobile.publisher().publishToPhone(context, request);
        }
        if (arn == null) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (request.topicArn() != null && request.targetArn() != null) {
            throw SnsError.InvalidParameter.with(
                    "Invalid parameter: TopicArn Reason: Only one of TopicArn or TargetArn may be specified");
        }
        if (request.phoneNumber() != null) {
            throw SnsError.InvalidParameter.with("Invalid parameter: PhoneNumber Reason: Only one of PhoneNumber,"
                    + " TopicArn or TargetArn may be specified");
        }
        if (request.topicArn() == null && MobileArns.isEndpoint(arn)) {
            return mobile.publisher().publishToEndpoint(context, request);
        }
        Topic topic = topics.require(context, arn);
        Publisher.Outgoing outgoing = Publisher.check(
                topic,
                request.subject(),
                request.message(),
                request.messageStructure(),
                request.messageAttributes(),
                request.messageGroupId(),
                request.messageDeduplicationId());
        Publisher.Accepted accepted = publisher.publish(topic, outgoing, context.endpoint());
        return new PublishResponse(accepted.messageId(), accepted.sequenceNumber());
    }

    public PublishBatchResponse publishBatch(SnsContext context, PublishBatchRequest request) {
        Topic topic = topics.require(context, request.topicArn());
        return PublishBatches.publish(topic, orEmpty(request.publishBatchRequestEntries()), publisher, context);
    }

    public TagResourceResponse tagResource(SnsContext context, TagResourceRequest request) {
        Topic topic = topics.require(context, request.resourceArn());
        Map<String, String> added = Tags.check(orEmpty(request.tags()));
        topic.lock.lock();
        try {
            Map<String, String> before = new LinkedHashMap<>(topic.tags);
            topic.tags.putAll(added);
            if (topic.tags.size() > dev.wharf.sns.api.SnsLimits.TAGS_MAX) {
                topic.tags.clear();
                topic.tags.putAll(before);
                Tags.requireWithinQuota(Integer.MAX_VALUE);
            }
            topics.persist(topic);
        } finally {
            topic.lock.unlock();
        }
        return new TagResourceResponse();
    }

    public UntagResourceResponse untagResource(SnsContext context, UntagResourceRequest request) {
        Topic topic = topics.require(context, request.resourceArn());
        List<String> keys = orEmpty(request.tagKeys());
        Tags.requireKeys(keys);
        topic.lock.lock();
        try {
            keys.forEach(topic.tags::remove);
            topics.persist(topic);
        } finally {
            topic.lock.unlock();
        }
        return new UntagResourceResponse();
    }

    public ListTagsForResourceResponse listTagsForResource(SnsContext context, ListTagsForResourceRequest request) {
        Topic topic = topics.require(context, request.resourceArn());
        List<Tag> out = new ArrayList<>();
        topics.tagsOf(topic).forEach((key, value) -> out.add(new Tag(key, value)));
        return new ListTagsForResourceResponse(out);
    }

    public AddPermissionResponse addPermission(SnsContext context, AddPermissionRequest request) {
        permissions.add(context, request);
        return new AddPermissionResponse();
    }

    public RemovePermissionResponse removePermission(SnsContext context, RemovePermissionRequest request) {
        permissions.remove(context, request);
        return new RemovePermissionResponse();
    }

    public PutDataProtectionPolicyResponse putDataProtectionPolicy(
            SnsContext context, PutDataProtectionPolicyRequest request) {
        setTopicAttributes(
                context,
                new SetTopicAttributesRequest(
                        request.resourceArn(),
                        TopicAttributeName.DataProtectionPolicy.name(),
                        request.dataProtectionPolicy()));
        return new PutDataProtectionPolicyResponse();
    }

    public GetDataProtectionPolicyResponse getDataProtectionPolicy(
            SnsContext context, GetDataProtectionPolicyRequest request) {
        Topic topic = topics.require(context, request.resourceArn());
        topic.lock.lock();
        try {
            return new GetDataProtectionPolicyResponse(
                    topic.attributes.get(TopicAttributeName.DataProtectionPolicy.name()));
        } finally {
            topic.lock.unlock();
        }
    }

    // Mobile push and SMS: platform applications and endpoints, SMS settings, opt-outs and the sandbox.

    public dev.wharf.sns.api.CreatePlatformApplicationResponse createPlatformApplication(
            SnsContext context, dev.wharf.sns.api.CreatePlatformApplicationRequest request) {
        return mobile.createPlatformApplication(context, request);
    }

    public dev.wharf.sns.api.DeletePlatformApplicationResponse deletePlatformApplication(
            SnsContext context, dev.wharf.sns.api.DeletePlatformApplicationRequest request) {
        return mobile.deletePlatformApplication(context, request);
    }

    public dev.wharf.sns.api.ListPlatformApplicationsResponse listPlatformApplications(
            SnsContext context, dev.wharf.sns.api.ListPlatformApplicationsRequest request) {
        return mobile.listPlatformApplications(context, request);
    }

    public dev.wharf.sns.api.GetPlatformApplicationAttributesResponse getPlatformApplicationAttributes(
            SnsContext context, dev.wharf.sns.api.GetPlatformApplicationAttributesRequest request) {
        return mobile.getPlatformApplicationAttributes(context, request);
    }

    public dev.wharf.sns.api.SetPlatformApplicationAttributesResponse setPlatformApplicationAttributes(
            SnsContext context, dev.wharf.sns.api.SetPlatformApplicationAttributesRequest request) {
        return mobile.setPlatformApplicationAttributes(context, request);
    }

    public dev.wharf.sns.api.CreatePlatformEndpointResponse createPlatformEndpoint(
            SnsContext context, dev.wharf.sns.api.CreatePlatformEndpointRequest request) {
        return mobile.createPlatformEndpoint(context, request);
    }

    public dev.wharf.sns.api.DeleteEndpointResponse deleteEndpoint(
            SnsContext context, dev.wharf.sns.api.DeleteEndpointRequest request) {
        return mobile.deleteEndpoint(context, request);
    }

    public dev.wharf.sns.api.ListEndpointsByPlatformApplicationResponse listEndpointsByPlatformApplication(
            SnsContext context, dev.wharf.sns.api.ListEndpointsByPlatformApplicationRequest request) {
        return mobile.listEndpointsByPlatformApplication(context, request);
    }

    public dev.wharf.sns.api.GetEndpointAttributesResponse getEndpointAttributes(
            SnsContext context, dev.wharf.sns.api.GetEndpointAttributesRequest request) {
        return mobile.getEndpointAttributes(context, request);
    }

    public dev.wharf.sns.api.SetEndpointAttributesResponse setEndpointAttributes(
            SnsContext context, dev.wharf.sns.api.SetEndpointAttributesRequest request) {
        return mobile.setEndpointAttributes(context, request);
    }

    public dev.wharf.sns.api.SetSMSAttributesResponse setSMSAttributes(
            SnsContext context, dev.wharf.sns.api.SetSMSAttributesRequest request) {
        return mobile.setSMSAttributes(context, request);
    }

    public dev.wharf.sns.api.GetSMSAttributesResponse getSMSAttributes(
            SnsContext context, dev.wharf.sns.api.GetSMSAttributesRequest request) {
        return mobile.getSMSAttributes(context, request);
    }

    public dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutResponse checkIfPhoneNumberIsOptedOut(
            SnsContext context, dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutRequest request) {
        return mobile.checkIfPhoneNumberIsOptedOut(context, request);
    }

    public dev.wharf.sns.api.ListPhoneNumbersOptedOutResponse listPhoneNumbersOptedOut(
            SnsContext context, dev.wharf.sns.api.ListPhoneNumbersOptedOutRequest request) {
        return mobile.listPhoneNumbersOptedOut(context, request);
    }

    public dev.wharf.sns.api.OptInPhoneNumberResponse optInPhoneNumber(
            SnsContext context, dev.wharf.sns.api.OptInPhoneNumberRequest request) {
        return mobile.optInPhoneNumber(context, request);
    }

    public dev.wharf.sns.api.ListOriginationNumbersResponse listOriginationNumbers(
            SnsContext context, dev.wharf.sns.api.ListOriginationNumbersRequest request) {
        return mobile.listOriginationNumbers(context, request);
    }

    public dev.wharf.sns.api.CreateSMSSandboxPhoneNumberResponse createSMSSandboxPhoneNumber(
            SnsContext context, dev.wharf.sns.api.CreateSMSSandboxPhoneNumberRequest request) {
        return mobile.createSMSSandboxPhoneNumber(context, request);
    }

    public dev.wharf.sns.api.VerifySMSSandboxPhoneNumberResponse verifySMSSandboxPhoneNumber(
            SnsContext context, dev.wharf.sns.api.VerifySMSSandboxPhoneNumberRequest request) {
        return mobile.verifySMSSandboxPhoneNumber(context, request);
    }

    public dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberResponse deleteSMSSandboxPhoneNumber(
            SnsContext context, dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberRequest request) {
        return mobile.deleteSMSSandboxPhoneNumber(context, request);
    }

    public dev.wharf.sns.api.ListSMSSandboxPhoneNumbersResponse listSMSSandboxPhoneNumbers(
            SnsContext context, dev.wharf.sns.api.ListSMSSandboxPhoneNumbersRequest request) {
        return mobile.listSMSSandboxPhoneNumbers(context, request);
    }

    public dev.wharf.sns.api.GetSMSSandboxAccountStatusResponse getSMSSandboxAccountStatus(
            SnsContext context, dev.wharf.sns.api.GetSMSSandboxAccountStatusRequest request) {
        return mobile.getSMSSandboxAccountStatus();
    }

    /** The SMS that an account sent, oldest first, to one phone number or to all: what a carrier would have had. */
    public List<dev.wharf.sns.api.SentMessage> smsMessages(
            String accountId, @org.jspecify.annotations.Nullable String phoneNumber) {
        return mobile.smsMessages(accountId, phoneNumber);
    }

    /** Forgets the SMS that an account sent, to one phone number or to all. */
    public void clearSmsMessages(String accountId, @org.jspecify.annotations.Nullable String phoneNumber) {
        mobile.clearSmsMessages(accountId, phoneNumber);
    }

    /** The push notifications that an account sent, oldest first, to one endpoint or to all. */
    public List<dev.wharf.sns.api.SentMessage> platformEndpointMessages(
            String accountId, @org.jspecify.annotations.Nullable String endpointArn) {
        return mobile.platformEndpointMessages(accountId, endpointArn);
    }

    /** Forgets the push notifications that an account sent, to one endpoint or to all. */
    public void clearPlatformEndpointMessages(String accountId, @org.jspecify.annotations.Nullable String endpointArn) {
        mobile.clearPlatformEndpointMessages(accountId, endpointArn);
    }

    /**
     * Opts a phone number out of an account's SMS, as its owner's STOP reply does on AWS, which has no action for it.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidParameter} for a number that is not E.164
     */
    public void optOutPhoneNumber(String accountId, @org.jspecify.annotations.Nullable String phoneNumber) {
        mobile.optOut(accountId, phoneNumber);
    }

    /** The region of this server, which every ARN it makes names. */
    public String region() {
        return mobile.region();
    }

    private static <K, V> Map<K, V> orEmpty(@org.jspecify.annotations.Nullable Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> orEmpty(@org.jspecify.annotations.Nullable List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * Each topic's figures for CloudWatch's {@code AWS/SNS} metrics since the previous call, and only the topics that
     * have any: every count, once taken, starts again from zero, and each lands in exactly one snapshot. Meant for one
     * caller, once a minute; a topic deleted since the last call takes its figures with it.
     */
    public List<dev.wharf.sns.api.TopicMetrics> metricsSnapshot() {
        List<dev.wharf.sns.api.TopicMetrics> out = new ArrayList<>();
        for (Topic topic : topics.all()) {
            dev.wharf.sns.api.TopicMetrics metrics = topic.counts.take(topic);
            if (metrics != null) {
                out.add(metrics);
            }
        }
        return out;
    }

    /**
     * Whether an account has a topic of that name now: {@link #metricsSnapshot()} leaves out quiet topics, so the
     * server's metrics ask this to tell a quiet topic from a deleted one. Takes no lock.
     */
    public boolean hasTopic(String accountId, String topicName) {
        return topics.find(topics.arnOf(accountId, topicName)) != null;
    }

    /** How many topics the server holds, for the start-up line. */
    public int topicCount() {
        int count = 0;
        for (Topic ignored : topics.all()) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        webhooks.close();
        archives.close();
        pushes.close();
        if (requests instanceof ExecutorService service) {
            service.shutdownNow();
        }
        retries.shutdownNow();
        deliveries.close();
    }

    /** The topic's state, for engine tests. */
    @org.jspecify.annotations.Nullable
    Topic topicForTest(String arn) {
        return topics.find(arn);
    }
}
