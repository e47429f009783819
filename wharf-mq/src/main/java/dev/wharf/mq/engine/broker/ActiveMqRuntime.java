package dev.wharf.mq.engine.broker;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.BrokerRuntime;
import dev.wharf.mq.engine.InstanceLaunch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each broker instance as an embedded ActiveMQ Classic {@code BrokerService}, on threads of its own, up to a
 * bound on the number of live instances. Loaded through {@link dev.wharf.mq.engine.MqLibraries}. Thread-safe.
 */
public final class ActiveMqRuntime implements BrokerRuntime {
    public static final int INSTANCES_MAX = 50;
    private final int instancesMax;
    private final List<ActiveMqInstance> instances = new ArrayList<>();
    private final ThreadFactory threads;
    private boolean closed;

    public ActiveMqRuntime() {
        this(50);
    }

    public ActiveMqRuntime(int instancesMax) {
        if (instancesMax < 1) {
            throw new IllegalArgumentException("instancesMax must be positive: " + instancesMax);
        }

        this.instancesMax = instancesMax;
        ClassLoader libraries = ActiveMqRuntime.class.getClassLoader();
        AtomicLong made = new AtomicLong();
        this.threads = task -> {
            Thread thread = new Thread(task, "wharf-mq-broker-" + made.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(libraries);
            return thread;
        };
    }

    @Override
    public BrokerInstance launch(InstanceLaunch launch) {
        Objects.requireNonNull(launch, "launch");
        ActiveMqInstance instance;
        synchronized (this) {
            this.instances.removeIf(i -> !i.live());
            if (this.closed) {
                return ActiveMqInstance.failed(launch, this.threads, "the broker runtime is closed");
            }

            if (this.instances.size() >= this.instancesMax) {
                return ActiveMqInstance.failed(
                        launch, this.threads, "this server runs at most " + this.instancesMax + " broker instances");
            }

            instance = new ActiveMqInstance(launch, this.threads);
            this.instances.add(instance);
        }

        instance.start();
        return instance;
    }

    @Override
    public void close() {
        List<ActiveMqInstance> running;
        synchronized (this) {
            this.closed = true;
            running = List.copyOf(this.instances);
            this.instances.clear();
        }

        for (ActiveMqInstance instance : running) {
            instance.stop();
        }
    }
}
