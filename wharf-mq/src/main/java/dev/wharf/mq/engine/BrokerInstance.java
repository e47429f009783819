package dev.wharf.mq.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One running broker instance (of one, or of an active/standby pair): its state and its destinations' counts. */
public interface BrokerInstance {
    String instanceName();

    BrokerInstance.InstanceState state();

    @Nullable
    String failure();

    void stop();

    void halt();

    List<BrokerInstance.DestinationCounts> destinations();

    /** A queue's or topic's counts, as the console shows them. */
    record DestinationCounts(String name, boolean topic, long pending, long consumers, long enqueued, long dequeued) {}

    /** Where an instance is in its life. */
    enum InstanceState {
        STARTING,
        STANDBY,
        ACTIVE,
        STOPPED,
        FAILED;
    }
}
