package dev.wharf.mq.engine.broker;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map.Entry;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.advisory.AdvisorySupport;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.DestinationStatistics;
import org.apache.activemq.broker.region.RegionBroker;
import org.apache.activemq.command.ActiveMQDestination;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class ActiveMqInstance implements BrokerInstance {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveMqInstance.class);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30L);
    static final String CONSOLE_USER = "wharf:web-console";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final InstanceLaunch launch;
    private final ThreadFactory threads;
    private final StoreLock lock;
    private final long launchedNanos = System.nanoTime();
    private final InstanceLaunch.Login consoleLogin;
    private BrokerInstance.InstanceState state = BrokerInstance.InstanceState.STARTING;
    private @Nullable String failure;
    private @Nullable BrokerService broker;
    private @Nullable WebConsole console;
    private @Nullable Thread starter;
    private boolean stopRequested;
    private long activeAfterMillis = -1L;

    ActiveMqInstance(InstanceLaunch launch, ThreadFactory threads) {
        this.launch = launch;
        this.threads = threads;
        this.lock = new StoreLock(this::onStandby, 1000L);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        this.consoleLogin = new InstanceLaunch.Login(
                "wharf:web-console",
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                Set.of("activemq-webconsole"),
                false);
    }

    static ActiveMqInstance failed(InstanceLaunch launch, ThreadFactory threads, String reason) {
        ActiveMqInstance instance = new ActiveMqInstance(launch, threads);
        synchronized (instance) {
            instance.state = BrokerInstance.InstanceState.FAILED;
            instance.failure = reason;
            return instance;
        }
    }

    void start() {
        Thread thread = this.threads.newThread(this::run);
        synchronized (this) {
            this.starter = thread;
        }

        thread.start();
    }

    private void run() {
        BrokerService made = null;

        try {
            made = BrokerServices.create(this.launch, this.lock, this.consoleLogin);
            synchronized (this) {
                if (this.stopRequested) {
                    return;
                }

                this.broker = made;
            }

            made.start();
            BrokerService started = made;
            WebConsole serving =
                    WebConsole.start(this.launch, consoleUri(made), this.consoleLogin, () -> countsOf(started));
            boolean stopNow;
            synchronized (this) {
                stopNow = this.stopRequested;
                if (!stopNow) {
                    this.state = BrokerInstance.InstanceState.ACTIVE;
                    this.console = serving;
                    this.activeAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.launchedNanos);
                }
            }

            if (stopNow) {
                serving.stop();
                made.stop();
            } else {
                LOG.info("{} is ACTIVE, {} ms after its launch", this.launch.instanceName(), this.activeAfterMillis);
            }
        } catch (Exception | LinkageError e) {
            this.onFailure(made, e);
        }
    }

    private void onFailure(@Nullable BrokerService made, Throwable e) {
        if (made != null) {
            try {
                made.stop();
            } catch (Exception | LinkageError stopFailure) {
                LOG.debug("{} did not stop after its failure", this.launch.instanceName(), stopFailure);
            }
        }

        boolean stopping;
        synchronized (this) {
            stopping = this.stopRequested;
            if (!stopping) {
                this.state = BrokerInstance.InstanceState.FAILED;
                this.failure = describe(e);
            }
        }

        if (!stopping) {
            LOG.warn("{} failed to start: {}", this.launch.instanceName(), describe(e));
            LOG.debug("{} failed to start", this.launch.instanceName(), e);
        }
    }

    private static URI consoleUri(BrokerService started) throws Exception {
        TransportConnector connector = started.getConnectorByName("wharf-console");
        URI bound = connector.getConnectUri();
        return URI.create("tcp://127.0.0.1:" + bound.getPort());
    }

    private void onStandby() {
        synchronized (this) {
            if (this.state == BrokerInstance.InstanceState.STARTING) {
                this.state = BrokerInstance.InstanceState.STANDBY;
            }
        }

        LOG.info("{} is STANDBY, waiting for the lock of {}", this.launch.instanceName(), this.launch.storeDirectory());
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable cause = e;

        for (int depth = 0; cause != null && depth < 5; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }

            String message = cause.getMessage();
            text.append(message == null ? cause.getClass().getSimpleName() : message);
            depth++;
        }

        return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
    }

    @Override
    public String instanceName() {
        return this.launch.instanceName();
    }

    @Override
    public synchronized BrokerInstance.InstanceState state() {
        BrokerService running = this.broker;
        if (this.state == BrokerInstance.InstanceState.ACTIVE
                && running != null
                && running.isStopped()
                && !this.stopRequested) {
            this.state = BrokerInstance.InstanceState.FAILED;
            this.failure = "the broker stopped itself (its store failed or it lost the store's lock)";
        }

        return this.state;
    }

    @Override
    public synchronized @Nullable String failure() {
        return this.failure;
    }

    synchronized @Nullable BrokerService brokerService() {
        return this.broker;
    }

    synchronized long activeAfterMillis() {
        return this.activeAfterMillis;
    }

    synchronized boolean live() {
        return !this.stopRequested && this.state != BrokerInstance.InstanceState.FAILED;
    }

    @Override
    public void stop() {
        this.end(false);
    }

    @Override
    public void halt() {
        this.end(true);
    }

    private void end(boolean crash) {
        BrokerService running;
        WebConsole serving;
        Thread thread;
        boolean active;
        synchronized (this) {
            if (this.stopRequested) {
                return;
            }

            this.stopRequested = true;
            running = this.broker;
            serving = this.console;
            this.console = null;
            thread = this.starter;
            active = this.state == BrokerInstance.InstanceState.ACTIVE;
        }

        this.lock.abort();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        boolean stopped = true;
        if (active && running != null) {
            Thread stopper = this.threads.newThread(() -> this.stopBroker(running, serving, crash));
            stopper.start();
            stopped = join(stopper, deadline);
        }

        if (thread != null) {
            stopped &= join(thread, deadline);
        }

        synchronized (this) {
            if (!stopped) {
                this.state = BrokerInstance.InstanceState.FAILED;
                this.failure = "the broker did not stop within " + STOP_TIMEOUT.toSeconds() + " s";
            } else if (this.state != BrokerInstance.InstanceState.FAILED) {
                this.state = BrokerInstance.InstanceState.STOPPED;
            }
        }

        LOG.info(
                "{} is {} ({})", new Object[] {this.launch.instanceName(), this.state(), crash ? "halted" : "stopped"});
    }

    private void stopBroker(BrokerService running, @Nullable WebConsole serving, boolean crash) {
        if (serving != null) {
            try {
                serving.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn(
                        "{}'s web console did not stop cleanly: {}",
                        new Object[] {this.launch.instanceName(), describe(e), e});
            }
        }

        try {
            if (crash) {
                for (TransportConnector connector : running.getTransportConnectors()) {
                    try {
                        connector.stop();
                    } catch (Exception e) {
                        LOG.debug(
                                "{}'s {} did not stop",
                                new Object[] {this.launch.instanceName(), connector.getName(), e});
                    }
                }
            }

            running.stop();
            running.waitUntilStopped();
        } catch (Exception | LinkageError e) {
            LOG.warn("{} did not stop cleanly: {}", new Object[] {this.launch.instanceName(), describe(e), e});
        }
    }

    private static boolean join(Thread thread, long deadlineNanos) {
        try {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (leftMillis > 0L) {
                thread.join(leftMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        return !thread.isAlive();
    }

    @Override
    public List<BrokerInstance.DestinationCounts> destinations() {
        BrokerService running;
        synchronized (this) {
            running = this.broker;
            if (this.state != BrokerInstance.InstanceState.ACTIVE || running == null) {
                return List.of();
            }
        }

        return countsOf(running);
    }

    private static List<BrokerInstance.DestinationCounts> countsOf(BrokerService running) {
        if (running.getRegionBroker() instanceof RegionBroker region) {
            ArrayList var7 = new ArrayList();

            for (Entry<ActiveMQDestination, Destination> entry :
                    region.getDestinationMap().entrySet()) {
                ActiveMQDestination destination = entry.getKey();
                if (!destination.isTemporary() && !AdvisorySupport.isAdvisoryTopic(destination)) {
                    DestinationStatistics statistics = entry.getValue().getDestinationStatistics();
                    var7.add(new BrokerInstance.DestinationCounts(
                            destination.getPhysicalName(),
                            destination.isTopic(),
                            statistics.getMessages().getCount(),
                            statistics.getConsumers().getCount(),
                            statistics.getEnqueues().getCount(),
                            statistics.getDequeues().getCount()));
                }
            }

            var7.sort(Comparator.comparing(BrokerInstance.DestinationCounts::topic)
                    .thenComparing(BrokerInstance.DestinationCounts::name));
            return List.copyOf(var7);
        } else {
            return List.of();
        }
    }
}
