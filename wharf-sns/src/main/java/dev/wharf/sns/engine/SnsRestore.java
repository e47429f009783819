package dev.wharf.sns.engine;

import dev.wharf.storage.TopicStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds every topic and subscription from the {@link TopicStore} at start: one scan of each prefix, and for each
 * topic that archives one look at its archive's newest entry.
 */
final class SnsRestore {

    private SnsRestore() {}

    static void load(TopicStore store, Topics topics, Archives archives) {
        store.scan(SnsRecords.TOPIC_PREFIX, (key, value) -> {
            topics.restore(Topic.of(SnsRecords.decode(value, SnsRecords.TopicRecord.class)));
        });
        Map<String, List<Subscription>> byTopic = new java.util.HashMap<>();
        store.scan(SnsRecords.SUBSCRIPTION_PREFIX, (key, value) -> {
            SnsRecords.SubscriptionRecord record = SnsRecords.decode(value, SnsRecords.SubscriptionRecord.class);
            Subscription subscription = new Subscription(
                    record.arn(),
                    record.topicArn(),
                    record.owner(),
                    record.protocol(),
                    record.endpoint(),
                    Map.copyOf(record.attributes()),
                    SubscriptionAttributes.filterOf(
                            record.attributes(), dev.wharf.sns.engine.filter.FilterPolicy.Operation.Subscribe),
                    record.confirmed(),
                    record.authenticated(),
                    record.token());
            byTopic.computeIfAbsent(record.topicArn(), t -> new ArrayList<>()).add(subscription);
        });
        for (Topic topic : topics.all()) {
            topic.lock.lock();
            try {
                if (archives.restore(topic)) {
                    topics.persist(topic);
                }
            } finally {
                topic.lock.unlock();
            }
        }
        byTopic.forEach((topicArn, subscriptions) -> {
            Topic topic = topics.find(topicArn);
            if (topic != null) {
                topic.subscriptions = List.copyOf(subscriptions);
            }
        });
    }
}
