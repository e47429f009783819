package dev.wharf.mq.engine;

import static dev.wharf.mq.engine.MqEngineTest.CONTEXT;
import static dev.wharf.mq.engine.MqEngineTest.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.mq.api.ConfigurationId;
import dev.wharf.mq.api.CreateConfigurationRequest;
import dev.wharf.mq.api.CreateUserRequest;
import dev.wharf.mq.api.DeleteBrokerRequest;
import dev.wharf.mq.api.DescribeBrokerRequest;
import dev.wharf.mq.api.ListBrokersRequest;
import dev.wharf.mq.api.RebootBrokerRequest;
import dev.wharf.mq.api.UpdateConfigurationRequest;
import dev.wharf.storage.MemoryStorageEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.jms.Connection;
import javax.jms.JMSSecurityException;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over the real ActiveMQ runtime: a created broker runs its configuration and its users' logins. */
@NullUnmarked
class MqEngineActiveMqTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String AUTHORIZATION = "<broker xmlns=\"http://activemq.apache.org/schema/core\"><plugins>"
            + "<authorizationPlugin><map><authorizationMap><authorizationEntries>"
            + "<authorizationEntry queue=\"&gt;\" read=\"admins,apps\" write=\"admins\" admin=\"admins,apps\"/>"
            + "<authorizationEntry topic=\"&gt;\" read=\"admins,apps\" write=\"admins,apps\" admin=\"admins,apps\"/>"
            + "</authorizationEntries></authorizationMap></map></authorizationPlugin></plugins></broker>";

    @TempDir
    Path data;

    /** A base port whose first six ports are free now, for the one broker instance this test runs. */
    private static int freeBlock() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                base = probe.getLocalPort();
            }

            if (base < 65000 && allFree(base, 6)) {
                return base;
            }
        }

        throw new IOException("no block of six free ports");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }

        return true;
    }

    private static Connection login(String url, String username, String password) throws Exception {
        Connection connection = new ActiveMQConnectionFactory(url).createConnection(username, password);
        connection.start();
        return connection;
    }

    private static void send(Connection connection, String queue) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage("hello"));
        session.close();
    }

    @Test
    void aCreatedBrokerRunsItsConfigurationAndItsUsersLogIn() throws Exception {
        MqSettings settings = new MqSettings(
                this.data,
                "127.0.0.1",
                freeBlock(),
                1,
                new InstanceLaunch.Limits(64L << 20, 1L << 30, 256L << 20),
                null,
                START);
        try (MqEngine engine = new MqEngine(
                new MemoryStorageEngine().brokers(), Clock.systemUTC(), settings, MqEngine.defaultRuntime(1))) {
            String configuration = engine.configurations()
                    .createConfiguration(
                            CONTEXT, new CreateConfigurationRequest(null, "ACTIVEMQ", "5.18", "auth", null))
                    .id();
            engine.configurations()
                    .updateConfiguration(
                            CONTEXT,
                            new UpdateConfigurationRequest(
                                    configuration,
                                    Base64.getEncoder().encodeToString(AUTHORIZATION.getBytes(StandardCharsets.UTF_8)),
                                    "groups"));
            String id = engine.createBroker(
                            CONTEXT,
                            MqEngineTest.with(
                                    MqEngineTest.request(
                                            "real",
                                            "SINGLE_INSTANCE",
                                            List.of(
                                                    MqEngineTest.user("admin", true, "admins"),
                                                    MqEngineTest.user("app", false, "apps"))),
                                    "configuration",
                                    new ConfigurationId(configuration, 2)))
                    .brokerId();
            await().atMost(START).until(() -> "RUNNING"
                    .equals(engine.describeBroker(CONTEXT, new DescribeBrokerRequest(id))
                            .brokerState()));
            String url = engine.describeBroker(CONTEXT, new DescribeBrokerRequest(id))
                    .brokerInstances()
                    .get(0)
                    .endpoints()
                    .get(0);

            try (Connection admin = login(url, "admin", PASSWORD);
                    Connection app = login(url, "app", PASSWORD)) {
                send(admin, "engine.q");
                assertThatThrownBy(() -> send(app, "engine.q"))
                        .isInstanceOf(JMSSecurityException.class)
                        .hasMessageContaining("User app is not authorized to write to: queue://engine.q");
            }

            assertThat(engine.activeInstance(id).destinations())
                    .anySatisfy(d -> assertThat(d.name()).isEqualTo("engine.q"));
            engine.createUser(CONTEXT, new CreateUserRequest(id, false, List.of("admins"), PASSWORD, "late", null));
            assertThatThrownBy(() -> login(url, "late", PASSWORD).close()).isInstanceOf(JMSSecurityException.class);
            engine.rebootBroker(CONTEXT, new RebootBrokerRequest(id));
            await().atMost(START).until(() -> "RUNNING"
                    .equals(engine.describeBroker(CONTEXT, new DescribeBrokerRequest(id))
                            .brokerState()));
            try (Connection late = login(url, "late", PASSWORD)) {
                send(late, "engine.q");
            }

            engine.deleteBroker(CONTEXT, new DeleteBrokerRequest(id));
            await().atMost(START).until(() -> engine.listBrokers(CONTEXT, new ListBrokersRequest(null, null))
                    .brokerSummaries()
                    .isEmpty());
            assertThat(this.data.resolve(id)).doesNotExist();
        }
    }
}
