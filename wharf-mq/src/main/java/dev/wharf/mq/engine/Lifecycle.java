package dev.wharf.mq.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private static final long POLL_MILLIS = 50L;
    private static final int MAX_QUEUED = 200;
    private final Supplier<BrokerRuntime> runtimes;
    private final Duration startTimeout;
    private final Clock clock;
    private final ExecutorService thread;
    private volatile @Nullable BrokerRuntime runtime;

    Lifecycle(Supplier<BrokerRuntime> runtimes, Duration startTimeout, Clock clock) {
        this.runtimes = runtimes;
        this.startTimeout = startTimeout;
        this.clock = clock;
        this.thread =
                new ThreadPoolExecutor(1, 1, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<>(MAX_QUEUED), task -> {
                    Thread made = new Thread(task, "mq-lifecycle");
                    made.setDaemon(true);
                    return made;
                });
    }

    private BrokerRuntime runtime() {
        BrokerRuntime made = this.runtime;
        if (made == null) {
            synchronized (this) {
                made = this.runtime;
                if (made == null) {
                    made = this.runtimes.get();
                    this.runtime = made;
                }
            }
        }

        return made;
    }

    void submit(Runnable operation) {
        this.thread.execute(operation);
    }

    void start(Lifecycle.Live live, int instances, IntFunction<InstanceLaunch> launches, String failedState) {
        if (deleting(live)) {
            return;
        }

        String failure;
        try {
            for (int i = 0; i < instances; i++) {
                live.set(i, this.runtime().launch(launches.apply(i)));
            }

            failure = this.awaitRunning(live, instances);
        } catch (RuntimeException | LinkageError e) {
            // A runtime that cannot be loaded or a launch that throws is the broker's failure, reported in its state:
            // thrown here, it would be lost on the lifecycle thread and leave the broker in progress for ever.
            failure = describe(e);
        }

        if (deleting(live)) {
            return;
        } else if (failure == null) {
            live.failure = null;
            live.state = "RUNNING";
        } else {
            LOG.warn("Amazon MQ broker {} did not start: {}", live.id, failure);
            live.failure = failure;
            live.state = failedState;
        }
    }

    void reboot(Lifecycle.Live live, int instances, IntFunction<InstanceLaunch> launches) {
        if (deleting(live)) {
            return;
        }

        for (int i = 0; i < instances; i++) {
            BrokerInstance old = live.instance(i);
            if (old != null) {
                old.stop();
            }

            if (instances > 1) {
                this.await(live.instance(1 - i), BrokerInstance.InstanceState.ACTIVE);
            }

            BrokerInstance.InstanceState wanted =
                    instances > 1 ? BrokerInstance.InstanceState.STANDBY : BrokerInstance.InstanceState.ACTIVE;
            String failure;
            try {
                live.set(i, this.runtime().launch(launches.apply(i)));
                failure = this.await(live.instance(i), wanted);
            } catch (RuntimeException | LinkageError e) {
                failure = describe(e);
            }

            if (deleting(live)) {
                return;
            } else if (failure != null) {
                LOG.warn("Amazon MQ broker {} did not come back from its reboot: {}", live.id, failure);
                live.failure = failure;
                live.state = "CRITICAL_ACTION_REQUIRED";
                return;
            }
        }

        live.failure = null;
        live.state = "RUNNING";
    }

    /**
     * Whether the broker's deletion was asked for while this start or reboot waited its turn: the deletion, queued
     * behind it, stops whatever runs, so launching now would only show a deleted broker RUNNING for a while.
     */
    private static boolean deleting(Lifecycle.Live live) {
        return "DELETION_IN_PROGRESS".equals(live.state);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : message;
    }

    void stop(Lifecycle.Live live) {
        for (BrokerInstance instance : live.instances()) {
            instance.stop();
        }
    }

    /**
     * Waits for a broker's instances to be up: the one instance active, or of a pair each active or standing by. The
     * two instances of a pair race for the store's lock, so either may be the active one; the lock's holder never
     * stands by, so once both are past their start one of them is active.
     */
    private @Nullable String awaitRunning(Lifecycle.Live live, int instances) {
        if (instances == 1) {
            return this.await(live.instance(0), BrokerInstance.InstanceState.ACTIVE);
        }

        for (int i = 0; i < instances; i++) {
            String failure = this.await(live.instance(i), BrokerInstance.InstanceState.STANDBY);
            if (failure != null) {
                return failure;
            }
        }

        for (BrokerInstance instance : live.instances()) {
            if (instance.state() == BrokerInstance.InstanceState.ACTIVE) {
                return null;
            }
        }

        return "neither instance holds the store's lock";
    }

    private @Nullable String await(@Nullable BrokerInstance instance, BrokerInstance.InstanceState wanted) {
        if (instance == null) {
            return "the instance was not launched";
        }

        long deadline = this.clock.millis() + this.startTimeout.toMillis();

        while (true) {
            BrokerInstance.InstanceState state = instance.state();
            if (state == wanted
                    || (wanted == BrokerInstance.InstanceState.STANDBY
                            && state == BrokerInstance.InstanceState.ACTIVE)) {
                return null;
            }

            if (state == BrokerInstance.InstanceState.FAILED || state == BrokerInstance.InstanceState.STOPPED) {
                String why = instance.failure();
                return instance.instanceName() + " " + state.name().toLowerCase(Locale.ROOT)
                        + (why == null ? "" : ": " + why);
            }

            if (this.clock.millis() >= deadline) {
                return instance.instanceName() + " did not start within " + this.startTimeout.toSeconds() + " s";
            }

            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    @Override
    public void close() {
        this.thread.shutdownNow();

        try {
            this.thread.awaitTermination(this.startTimeout.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        BrokerRuntime made = this.runtime;
        if (made != null) {
            made.close();
        }
    }

    static final class Live {
        final String id;
        volatile String state;
        volatile @Nullable String failure;
        private final List<@Nullable BrokerInstance> instances = new ArrayList<>();

        Live(String id, String state) {
            this.id = id;
            this.state = state;
        }

        synchronized List<BrokerInstance> instances() {
            List<BrokerInstance> out = new ArrayList<>();

            for (BrokerInstance instance : this.instances) {
                if (instance != null) {
                    out.add(instance);
                }
            }

            return out;
        }

        synchronized @Nullable BrokerInstance instance(int index) {
            return index < this.instances.size() ? this.instances.get(index) : null;
        }

        synchronized void set(int index, @Nullable BrokerInstance instance) {
            while (this.instances.size() <= index) {
                this.instances.add(null);
            }

            this.instances.set(index, instance);
        }
    }
}
