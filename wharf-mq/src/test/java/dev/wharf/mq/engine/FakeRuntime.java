package dev.wharf.mq.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A test double of the broker port: instances that come up at once (or fail, or hang, as the test sets it), and that
 * share a store as ActiveMQ's lock does: the first live instance of a store is ACTIVE, the others STANDBY until it
 * stops. Thread-safe.
 */
public final class FakeRuntime implements BrokerRuntime {
    /** How the instances launched from now on behave. */
    public enum Mode {
        UP,
        FAIL,
        HANG,
        THROW
    }

    private final List<FakeRuntime.Instance> launched = new ArrayList<>();
    private volatile FakeRuntime.Mode mode = FakeRuntime.Mode.UP;
    private volatile boolean closed;
    private volatile boolean lastTakesTheLock;

    public void mode(FakeRuntime.Mode next) {
        this.mode = next;
    }

    /** Whether the instance launched last, rather than first, wins a shared store's lock, as a race may have it. */
    public void lastTakesTheLock(boolean last) {
        this.lastTakesTheLock = last;
    }

    public boolean closed() {
        return this.closed;
    }

    public synchronized List<FakeRuntime.Instance> launched() {
        return List.copyOf(this.launched);
    }

    public synchronized List<InstanceLaunch> launches() {
        return this.launched.stream().map(FakeRuntime.Instance::launch).toList();
    }

    @Override
    public synchronized BrokerInstance launch(InstanceLaunch launch) {
        if (this.mode == FakeRuntime.Mode.THROW) {
            throw new IllegalStateException("launch refused");
        }

        FakeRuntime.Instance instance = new FakeRuntime.Instance(this, launch, this.mode);
        this.launched.add(instance);
        return instance;
    }

    private synchronized BrokerInstance.InstanceState stateOf(FakeRuntime.Instance instance) {
        if (instance.stopped) {
            return BrokerInstance.InstanceState.STOPPED;
        }

        switch (instance.behaviour) {
            case FAIL:
                return BrokerInstance.InstanceState.FAILED;
            case HANG:
                if (this.mode == FakeRuntime.Mode.HANG) {
                    return BrokerInstance.InstanceState.STARTING;
                }
                break;
            default:
                break;
        }

        List<FakeRuntime.Instance> order = new ArrayList<>(this.launched);
        if (this.lastTakesTheLock) {
            java.util.Collections.reverse(order);
        }

        for (FakeRuntime.Instance other : order) {
            if (!other.stopped
                    && other.behaviour != FakeRuntime.Mode.FAIL
                    && other.launch.storeDirectory().equals(instance.launch.storeDirectory())) {
                return other == instance ? BrokerInstance.InstanceState.ACTIVE : BrokerInstance.InstanceState.STANDBY;
            }
        }

        throw new AssertionError("an instance is not among those launched");
    }

    @Override
    public void close() {
        this.closed = true;
    }

    /** One launched instance. */
    public static final class Instance implements BrokerInstance {
        private final FakeRuntime runtime;
        private final InstanceLaunch launch;
        private final FakeRuntime.Mode behaviour;
        private volatile boolean stopped;

        Instance(FakeRuntime runtime, InstanceLaunch launch, FakeRuntime.Mode behaviour) {
            this.runtime = runtime;
            this.launch = launch;
            this.behaviour = behaviour;
        }

        public InstanceLaunch launch() {
            return this.launch;
        }

        public boolean stopped() {
            return this.stopped;
        }

        @Override
        public String instanceName() {
            return this.launch.instanceName();
        }

        @Override
        public BrokerInstance.InstanceState state() {
            return this.runtime.stateOf(this);
        }

        @Override
        public @Nullable String failure() {
            return this.behaviour == FakeRuntime.Mode.FAIL ? "boom" : null;
        }

        @Override
        public void stop() {
            this.stopped = true;
        }

        @Override
        public void halt() {
            this.stopped = true;
        }

        @Override
        public List<BrokerInstance.DestinationCounts> destinations() {
            return List.of();
        }
    }
}
