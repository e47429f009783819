package dev.wharf.mq.engine;

/** Starts broker instances; the engine's one door to ActiveMQ, which loads with the first broker. */
public interface BrokerRuntime extends AutoCloseable {
    BrokerInstance launch(InstanceLaunch launch);

    @Override
    void close();
}
