package dev.wharf.mq.engine.broker;

import static dev.wharf.mq.engine.broker.Brokers.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's bounds and the ways an instance fails to start or stops, each reported in the instance's state. */
@NullUnmarked
class ActiveMqRuntimeTest {
    @TempDir
    Path home;

    @Test
    void theRuntimeBoundsItsLiveInstances() {
        try (ActiveMqRuntime runtime = new ActiveMqRuntime(1)) {
            BrokerInstance first = runtime.launch(Brokers.launch(this.home.resolve("a"), "instance-1", null, ADMIN));
            BrokerInstance second = runtime.launch(Brokers.launch(this.home.resolve("b"), "instance-1", null, ADMIN));
            assertThat(second.state()).isEqualTo(BrokerInstance.InstanceState.FAILED);
            assertThat(second.failure()).isEqualTo("this server runs at most 1 broker instances");
            assertThat(second.destinations()).isEmpty();
            Brokers.awaitState(first, BrokerInstance.InstanceState.ACTIVE);
            first.stop();
            BrokerInstance third = runtime.launch(Brokers.launch(this.home.resolve("c"), "instance-1", null, ADMIN));
            assertThat(third.state()).isNotEqualTo(BrokerInstance.InstanceState.FAILED);
            third.halt();
            assertThat(third.state()).isEqualTo(BrokerInstance.InstanceState.STOPPED);
        }

        assertThatThrownBy(() -> new ActiveMqRuntime(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedRuntimeStopsItsInstancesAndLaunchesNoMore() {
        ActiveMqRuntime runtime = new ActiveMqRuntime();
        BrokerInstance running = runtime.launch(Brokers.launch(this.home, "instance-1", null, ADMIN));
        Brokers.awaitState(running, BrokerInstance.InstanceState.ACTIVE);
        runtime.close();
        assertThat(running.state()).isEqualTo(BrokerInstance.InstanceState.STOPPED);
        BrokerInstance refused = runtime.launch(Brokers.launch(this.home, "instance-2", null, ADMIN));
        assertThat(refused.state()).isEqualTo(BrokerInstance.InstanceState.FAILED);
        assertThat(refused.failure()).isEqualTo("the broker runtime is closed");
        refused.stop();
        assertThat(refused.state()).isEqualTo(BrokerInstance.InstanceState.FAILED);
    }

    @Test
    void aConfigurationWhoseRootIsNotABrokerFailsTheInstance() {
        try (ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            BrokerInstance instance = runtime.launch(Brokers.launch(this.home, "instance-1", "<beans/>", ADMIN));
            Brokers.awaitState(instance, BrokerInstance.InstanceState.FAILED);
            assertThat(instance.failure())
                    .isEqualTo("the configuration's root element is not"
                            + " <broker xmlns=\"http://activemq.apache.org/schema/core\">");
        }
    }

    @Test
    void aConfigurationValueThatSpringCannotApplyFailsTheInstance() {
        String xml = "<broker xmlns=\"" + Brokers.CORE + "\" schedulePeriodForDestinationPurge=\"often\"/>";
        try (ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            BrokerInstance instance = runtime.launch(Brokers.launch(this.home, "instance-1", xml, ADMIN));
            Brokers.awaitState(instance, BrokerInstance.InstanceState.FAILED);
            assertThat(instance.failure()).contains("often");
        }
    }

    @Test
    void aTransportPortInUseFailsTheInstance() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            InstanceLaunch.Ports free = Brokers.freePorts();
            InstanceLaunch.Ports ports = new InstanceLaunch.Ports(
                    taken.getLocalPort(), free.amqp(), free.stomp(), free.mqtt(), free.webSocket(), free.console());
            BrokerInstance instance = runtime.launch(
                    Brokers.launch(this.home.resolve("kahadb"), this.home.resolve("instance-1"), ports, null, ADMIN));
            Brokers.awaitState(instance, BrokerInstance.InstanceState.FAILED);
            assertThat(instance.failure()).contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void aConsolePortInUseFailsTheInstance() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            InstanceLaunch.Ports free = Brokers.freePorts();
            InstanceLaunch.Ports ports = new InstanceLaunch.Ports(
                    free.openWire(), free.amqp(), free.stomp(), free.mqtt(), free.webSocket(), taken.getLocalPort());
            BrokerInstance instance = runtime.launch(
                    Brokers.launch(this.home.resolve("kahadb"), this.home.resolve("instance-1"), ports, null, ADMIN));
            Brokers.awaitState(instance, BrokerInstance.InstanceState.FAILED);
            assertThat(instance.failure())
                    .startsWith("the web console could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aStandbyThatIsStoppedGivesUpTheLockWait() {
        try (ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            BrokerInstance active = runtime.launch(Brokers.launch(this.home, "instance-1", null, ADMIN));
            Brokers.awaitState(active, BrokerInstance.InstanceState.ACTIVE);
            BrokerInstance standby = runtime.launch(Brokers.launch(this.home, "instance-2", null, ADMIN));
            Brokers.awaitState(standby, BrokerInstance.InstanceState.STANDBY);
            standby.stop();
            assertThat(standby.state()).isEqualTo(BrokerInstance.InstanceState.STOPPED);
            assertThat(standby.failure()).isNull();
            assertThat(active.state()).isEqualTo(BrokerInstance.InstanceState.ACTIVE);
        }
    }

    @Test
    void theBeansDocumentKeepsTheConfigurationButOwnsTransportsStoreAndLogins() throws Exception {
        String xml = "<broker xmlns=\"" + Brokers.CORE + "\" transportConnectorURIs=\"tcp://0.0.0.0:1\">"
                + "<managementContext/><transportConnectors><transportConnector name=\"openwire\"/>"
                + "</transportConnectors><persistenceAdapter><kahaDB useLock=\"false\" directory=\"/elsewhere\">"
                + "<locker/></kahaDB></persistenceAdapter><plugins><simpleAuthenticationPlugin/>"
                + "<statisticsBrokerPlugin/></plugins></broker>";
        InstanceLaunch launch = Brokers.launch(this.home, "instance-1", xml, ADMIN);
        String beans = new String(BrokerServices.beansDocument(xml, launch), StandardCharsets.UTF_8);
        assertThat(beans)
                .contains("http://www.springframework.org/schema/beans")
                .contains("brokerName=\"test-broker\"")
                .contains("useJmx=\"false\"")
                .contains("start=\"false\"")
                .contains("directory=\"" + launch.storeDirectory() + "\"")
                .contains("statisticsBrokerPlugin")
                .doesNotContain("transportConnector")
                .doesNotContain("managementContext")
                .doesNotContain("simpleAuthenticationPlugin")
                .doesNotContain("useLock")
                .doesNotContain("locker")
                .doesNotContain("/elsewhere");
        String jdbc = "<broker xmlns=\"" + Brokers.CORE + "\"><persistenceAdapter><jdbcPersistenceAdapter/>"
                + "</persistenceAdapter></broker>";
        assertThat(new String(BrokerServices.beansDocument(jdbc, launch), StandardCharsets.UTF_8))
                .doesNotContain("persistenceAdapter");
    }

    @Test
    void describeJoinsTheCausesAndBoundsTheText() {
        Exception nested = new IllegalStateException("outer", new RuntimeException((String) null));
        assertThat(ActiveMqInstance.describe(nested)).isEqualTo("outer: RuntimeException");
        assertThat(ActiveMqInstance.describe(new RuntimeException("x".repeat(3000))))
                .hasSize(2000);
    }
}
