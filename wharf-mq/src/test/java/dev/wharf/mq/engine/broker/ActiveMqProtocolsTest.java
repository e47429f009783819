package dev.wharf.mq.engine.broker;

import static dev.wharf.mq.engine.broker.Brokers.ADMIN;
import static dev.wharf.mq.engine.broker.Brokers.PASSWORD;
import static dev.wharf.mq.engine.broker.Brokers.READER;
import static dev.wharf.mq.engine.broker.Brokers.READER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import dev.wharf.mq.engine.config.ConfigurationSanitizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSSecurityException;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.jetty.websocket.api.WebSocketAdapter;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real embedded brokers: each transport with the broker's users and groups, persistence, and active/standby. */
@NullUnmarked
class ActiveMqProtocolsTest {
    @TempDir
    static Path home;

    private static ActiveMqRuntime runtime;
    private static InstanceLaunch launch;
    private static BrokerInstance broker;

    @BeforeAll
    static void startBroker() {
        runtime = new ActiveMqRuntime(4);
        String xml =
                new ConfigurationSanitizer().sanitize(Brokers.AUTHORIZATION).xml();
        launch = Brokers.launch(home.resolve("shared"), "instance-1", xml, ADMIN, READER);
        broker = runtime.launch(launch);
        Brokers.awaitState(broker, BrokerInstance.InstanceState.ACTIVE);
    }

    @AfterAll
    static void stopBroker() {
        runtime.close();
    }

    private static Connection openWire(InstanceLaunch to, String username, String password) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(Brokers.openWire(to));
        Connection connection = factory.createConnection(username, password);
        connection.start();
        return connection;
    }

    private static void send(Connection connection, String queue, String text) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(session.createTextMessage(text));
        session.close();
    }

    private static String receive(Connection connection, String queue) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        TextMessage message = (TextMessage) consumer.receive(10_000L);
        session.close();
        return message == null ? null : message.getText();
    }

    @Test
    void openWireConnectsWithTheRightPasswordAndSendsAndReceives() throws Exception {
        assertThat(broker.instanceName()).isEqualTo("instance-1");
        assertThat(broker.failure()).isNull();
        try (Connection connection = openWire(launch, "admin", PASSWORD)) {
            send(connection, "openwire.q", "over openwire");
            assertThat(receive(connection, "openwire.q")).isEqualTo("over openwire");
        }
    }

    @Test
    void openWireRefusesAWrongPasswordAndAnUnknownUser() {
        assertThatThrownBy(() -> openWire(launch, "admin", "wrong-password-1").close())
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("User name [admin] or password is invalid.");
        assertThatThrownBy(() -> openWire(launch, "nobody", PASSWORD).close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> openWire(launch, null, null).close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void groupsAuthorizeWritesAndReadsAsTheConfigurationSays() throws Exception {
        try (Connection admin = openWire(launch, "admin", PASSWORD);
                Connection reader = openWire(launch, "reader", READER_PASSWORD)) {
            send(admin, "authorized.q", "for readers");
            assertThat(receive(reader, "authorized.q")).isEqualTo("for readers");
            assertThatThrownBy(() -> send(reader, "authorized.q", "not allowed"))
                    .isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("User reader is not authorized to write to: queue://authorized.q");
        }
    }

    @Test
    void amqpRoundTripsThroughQpidJms() throws Exception {
        JmsConnectionFactory factory =
                new JmsConnectionFactory("amqp://127.0.0.1:" + launch.ports().amqp());
        try (jakarta.jms.Connection connection = factory.createConnection("admin", PASSWORD)) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue queue = session.createQueue("amqp.q");
            jakarta.jms.MessageConsumer consumer = session.createConsumer(queue);
            session.createProducer(queue).send(session.createTextMessage("over amqp"));
            jakarta.jms.TextMessage received = (jakarta.jms.TextMessage) consumer.receive(10_000L);
            assertThat(received.getText()).isEqualTo("over amqp");
        }

        assertThatThrownBy(() ->
                        factory.createConnection("admin", "wrong-password-1").start())
                .isInstanceOf(jakarta.jms.JMSSecurityException.class);
    }

    @Test
    void stompRoundTripsOverAPlainSocket() throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), launch.ports().stomp())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            frame(out, "CONNECT\naccept-version:1.2\nhost:localhost\nlogin:admin\npasscode:" + PASSWORD + "\n\n");
            assertThat(read(in)).startsWith("CONNECTED");
            frame(out, "SUBSCRIBE\nid:1\ndestination:/queue/stomp.q\nack:auto\n\n");
            frame(out, "SEND\ndestination:/queue/stomp.q\ncontent-type:text/plain\n\nover stomp");
            String message = read(in);
            assertThat(message).startsWith("MESSAGE").endsWith("\n\nover stomp");
        }

        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), launch.ports().stomp())) {
            socket.setSoTimeout(10_000);
            frame(
                    socket.getOutputStream(),
                    "CONNECT\naccept-version:1.2\nhost:localhost\nlogin:admin\npasscode:no\n\n");
            assertThat(read(socket.getInputStream())).startsWith("ERROR");
        }
    }

    private static void frame(OutputStream out, String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.flush();
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b = in.read();
        while (b == '\n' || b == '\r') {
            b = in.read();
        }

        while (b > 0) {
            frame.write(b);
            b = in.read();
        }

        return frame.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mqttRoundTripsThroughPaho() throws Exception {
        String uri = "tcp://127.0.0.1:" + launch.ports().mqtt();
        MqttClient client = new MqttClient(uri, "paho-round-trip", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("admin");
        options.setPassword(PASSWORD.toCharArray());
        options.setCleanSession(true);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        client.connect(options);
        try {
            client.subscribe(
                    "mqtt/topic",
                    1,
                    (topic, message) ->
                            received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish("mqtt/topic", "over mqtt".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("mqtt/topic=over mqtt");
        } finally {
            client.disconnect();
            client.close();
        }

        MqttClient wrong = new MqttClient(uri, "paho-wrong", new MemoryPersistence());
        MqttConnectOptions bad = new MqttConnectOptions();
        bad.setUserName("admin");
        bad.setPassword("wrong-password-1".toCharArray());
        assertThatThrownBy(() -> wrong.connect(bad)).isInstanceOf(MqttException.class);
        wrong.close();
    }

    @Test
    void webSocketCarriesStompFrames() throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocketAdapter listener = new WebSocketAdapter() {
                @Override
                public void onWebSocketText(String message) {
                    frames.add(message);
                }
            };
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
            upgrade.setSubProtocols("v12.stomp");
            org.eclipse.jetty.websocket.api.Session session = client.connect(
                            listener,
                            URI.create("ws://127.0.0.1:" + launch.ports().webSocket()),
                            upgrade)
                    .get(10, TimeUnit.SECONDS);
            session.getRemote()
                    .sendString("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:admin\npasscode:" + PASSWORD
                            + "\n\n\0");
            assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
            session.getRemote().sendString("SUBSCRIBE\nid:1\ndestination:/queue/ws.q\nack:auto\n\n\0");
            session.getRemote().sendString("SEND\ndestination:/queue/ws.q\n\nover websocket\0");
            assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("MESSAGE").contains("\n\nover websocket");
            session.close();
        } finally {
            client.stop();
        }
    }

    @Test
    void destinationsReportTheirCounts() throws Exception {
        try (Connection connection = openWire(launch, "admin", PASSWORD)) {
            send(connection, "counted.q", "one");
            send(connection, "counted.q", "two");
        }

        assertThat(broker.destinations())
                .filteredOn(d -> d.name().equals("counted.q"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.topic()).isFalse();
                    assertThat(d.pending()).isEqualTo(2L);
                    assertThat(d.enqueued()).isEqualTo(2L);
                    assertThat(d.consumers()).isZero();
                });
        assertThat(broker.destinations()).noneMatch(d -> d.name().startsWith("ActiveMQ.Advisory"));
    }

    @Test
    void aPersistentMessageSurvivesAStopAndAStart(@TempDir Path own) throws Exception {
        InstanceLaunch first = Brokers.launch(own, "instance-1", null, ADMIN);
        BrokerInstance before = runtime.launch(first);
        Brokers.awaitState(before, BrokerInstance.InstanceState.ACTIVE);
        try (Connection connection = openWire(first, "admin", PASSWORD)) {
            send(connection, "durable.q", "kept on disk");
        }

        before.stop();
        assertThat(before.state()).isEqualTo(BrokerInstance.InstanceState.STOPPED);
        assertThat(before.destinations()).isEmpty();

        InstanceLaunch second = Brokers.launch(own, "instance-1", null, ADMIN);
        BrokerInstance after = runtime.launch(second);
        try {
            Brokers.awaitState(after, BrokerInstance.InstanceState.ACTIVE);
            try (Connection connection = openWire(second, "admin", PASSWORD)) {
                assertThat(receive(connection, "durable.q")).isEqualTo("kept on disk");
            }
        } finally {
            after.halt();
        }
    }

    @Test
    void theStandbyWaitsOnTheStoreLockAndTakesOverWhenTheActiveStops(@TempDir Path own) throws Exception {
        InstanceLaunch active = Brokers.launch(own, "instance-1", null, ADMIN);
        InstanceLaunch standby = Brokers.launch(own, "instance-2", null, ADMIN);
        assertThat(active.storeDirectory()).isEqualTo(standby.storeDirectory());
        BrokerInstance first = runtime.launch(active);
        Brokers.awaitState(first, BrokerInstance.InstanceState.ACTIVE);
        BrokerInstance second = runtime.launch(standby);
        try {
            Brokers.awaitState(second, BrokerInstance.InstanceState.STANDBY);
            assertThatThrownBy(() -> new Socket(
                                    InetAddress.getLoopbackAddress(),
                                    standby.ports().openWire())
                            .close())
                    .isInstanceOf(IOException.class);
            try (Connection connection = openWire(active, "admin", PASSWORD)) {
                send(connection, "failover.q", "written by the active");
            }

            first.stop();
            Brokers.awaitState(second, BrokerInstance.InstanceState.ACTIVE);
            try (Connection connection = openWire(standby, "admin", PASSWORD)) {
                assertThat(receive(connection, "failover.q")).isEqualTo("written by the active");
            }
        } finally {
            second.stop();
        }
    }
}
