package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.mq.AmazonMQ;
import com.amazonaws.services.mq.AmazonMQClientBuilder;
import com.amazonaws.services.mq.model.AmazonMQException;
import com.amazonaws.services.mq.model.BadRequestException;
import com.amazonaws.services.mq.model.ConfigurationId;
import com.amazonaws.services.mq.model.ConflictException;
import com.amazonaws.services.mq.model.CreateBrokerRequest;
import com.amazonaws.services.mq.model.CreateConfigurationRequest;
import com.amazonaws.services.mq.model.CreateConfigurationResult;
import com.amazonaws.services.mq.model.CreateUserRequest;
import com.amazonaws.services.mq.model.DeleteBrokerRequest;
import com.amazonaws.services.mq.model.DescribeBrokerRequest;
import com.amazonaws.services.mq.model.DescribeBrokerResult;
import com.amazonaws.services.mq.model.DescribeConfigurationRevisionRequest;
import com.amazonaws.services.mq.model.ListBrokersRequest;
import com.amazonaws.services.mq.model.NotFoundException;
import com.amazonaws.services.mq.model.RebootBrokerRequest;
import com.amazonaws.services.mq.model.SanitizationWarning;
import com.amazonaws.services.mq.model.UpdateBrokerRequest;
import com.amazonaws.services.mq.model.UpdateConfigurationRequest;
import com.amazonaws.services.mq.model.UpdateConfigurationResult;
import com.amazonaws.services.mq.model.User;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.jms.Connection;
import javax.jms.JMSSecurityException;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon MQ through the SDK for Java v1's own client (REST-JSON), and the brokers it makes through their users' real
 * clients: ActiveMQ's OpenWire JMS client, Qpid JMS over AMQP 1.0, raw STOMP frames, Eclipse Paho over MQTT, and the
 * web console over HTTP.
 */
class MqBrokersIT {

    private static final String APP_PASSWORD = "app-password-1";
    private static final String ADMIN_PASSWORD = "admin-password-1";

    @TempDir
    static Path dataDir;

    private static WharfServer wharf;
    private static AmazonMQ mq;

    @BeforeAll
    static void start() throws Exception {
        wharf = LocalWharf.withMq(dataDir, DurabilityMode.SYNC, 3, false);
        mq = AmazonMQClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(wharf.endpoint(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mq != null) {
            mq.shutdown();
        }
        if (wharf != null) {
            wharf.close();
        }
    }

    static CreateBrokerRequest broker(String name, String mode, User... users) {
        return new CreateBrokerRequest()
                .withBrokerName(name)
                .withEngineType("ACTIVEMQ")
                .withEngineVersion("5.18")
                .withHostInstanceType(mode.equals("SINGLE_INSTANCE") ? "mq.t3.micro" : "mq.m5.large")
                .withDeploymentMode(mode)
                .withPubliclyAccessible(false)
                .withAutoMinorVersionUpgrade(true)
                .withUsers(users);
    }

    static User user(String name, String password, boolean console, String... groups) {
        return new User()
                .withUsername(name)
                .withPassword(password)
                .withConsoleAccess(console)
                .withGroups(groups);
    }

    /** Waits for the broker to reach a state, and returns its description then. */
    static DescribeBrokerResult awaitState(AmazonMQ client, String brokerId, String state) {
        await("broker " + brokerId + " " + state)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.describeBroker(new DescribeBrokerRequest().withBrokerId(brokerId))
                        .getBrokerState()
                        .equals(state));
        return client.describeBroker(new DescribeBrokerRequest().withBrokerId(brokerId));
    }

    /** The endpoints of one instance by scheme: {@code tcp}, {@code amqp}, {@code stomp}, {@code mqtt}, {@code ws}. */
    static Map<String, URI> endpoints(DescribeBrokerResult described, int instance) {
        return described.getBrokerInstances().get(instance).getEndpoints().stream()
                .map(URI::create)
                .collect(Collectors.toMap(URI::getScheme, Function.identity()));
    }

    static String openWireRoundTrip(URI tcp, String user, String password, String queue, String text) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(user, password, tcp.toString());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            TextMessage received = (TextMessage) consumer.receive(10_000);
            return received == null ? "(nothing)" : received.getText();
        }
    }

    static String receiveOpenWire(URI tcp, String user, String password, String queue) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(user, password, tcp.toString());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            javax.jms.Message received =
                    session.createConsumer(session.createQueue(queue)).receive(10_000);
            if (received == null) {
                return "(nothing)";
            }
            assertThat(received).as("what %s holds", queue).isInstanceOf(TextMessage.class);
            return ((TextMessage) received).getText();
        }
    }

    @Test
    void aBrokerAnswersItsUsersOnEveryProtocolAndNoOneElse() throws Exception {
        String brokerId = mq.createBroker(broker(
                        "orders",
                        "SINGLE_INSTANCE",
                        user("app", APP_PASSWORD, false, "apps"),
                        user("admin", ADMIN_PASSWORD, true, "admins")))
                .getBrokerId();
        DescribeBrokerResult described = awaitState(mq, brokerId, "RUNNING");
        assertThat(described.getBrokerName()).isEqualTo("orders");
        assertThat(described.getEngineVersion()).isEqualTo("5.18");
        assertThat(described.getBrokerInstances()).hasSize(1);
        Map<String, URI> endpoints = endpoints(described, 0);
        assertThat(endpoints).containsOnlyKeys("tcp", "amqp", "stomp", "mqtt", "ws");

        // OpenWire: the user's password opens a connection; a wrong one does not.
        assertThat(openWireRoundTrip(endpoints.get("tcp"), "app", APP_PASSWORD, "orders.in", "over openwire"))
                .isEqualTo("over openwire");
        assertThatThrownBy(() -> openWireRoundTrip(endpoints.get("tcp"), "app", "wrong-password-1", "orders.in", "x"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> openWireRoundTrip(endpoints.get("tcp"), "nobody", APP_PASSWORD, "orders.in", "x"))
                .isInstanceOf(JMSSecurityException.class);

        // AMQP 1.0 in, OpenWire out: one broker behind both.
        JmsConnectionFactory amqp = new JmsConnectionFactory(
                "app", APP_PASSWORD, endpoints.get("amqp").toString());
        try (jakarta.jms.JMSContext context = amqp.createContext()) {
            context.createProducer().send(context.createQueue("orders.amqp"), "over amqp");
        }
        assertThat(receiveOpenWire(endpoints.get("tcp"), "app", APP_PASSWORD, "orders.amqp"))
                .isEqualTo("over amqp");
        JmsConnectionFactory badAmqp = new JmsConnectionFactory(
                "app", "wrong-password-1", endpoints.get("amqp").toString());
        assertThatThrownBy(() -> badAmqp.createContext().close()).isInstanceOf(jakarta.jms.JMSRuntimeException.class);

        // STOMP frames on a socket.
        assertThat(stomp(endpoints.get("stomp"), "app", "wrong-password-1", null))
                .startsWith("ERROR");
        assertThat(stomp(endpoints.get("stomp"), "app", APP_PASSWORD, "/queue/orders.stomp"))
                .startsWith("RECEIPT");
        assertThat(receiveOpenWire(endpoints.get("tcp"), "app", APP_PASSWORD, "orders.stomp"))
                .isEqualTo("over stomp");

        // MQTT: a subscriber receives what a publisher sends, both as the user.
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("app");
        options.setPassword(APP_PASSWORD.toCharArray());
        java.util.concurrent.BlockingQueue<String> arrived = new java.util.concurrent.LinkedBlockingQueue<>();
        MqttClient subscriber = new MqttClient(
                endpoints.get("mqtt").toString().replace("mqtt://", "tcp://"), "sub", new MemoryPersistence());
        subscriber.connect(options);
        subscriber.subscribe(
                "sensors/t1",
                1,
                (topic, message) -> arrived.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
        MqttClient publisher = new MqttClient(
                endpoints.get("mqtt").toString().replace("mqtt://", "tcp://"), "pub", new MemoryPersistence());
        publisher.connect(options);
        publisher.publish("sensors/t1", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);
        assertThat(arrived.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("21.5");
        publisher.disconnect();
        subscriber.disconnect();
        MqttConnectOptions wrong = new MqttConnectOptions();
        wrong.setUserName("app");
        wrong.setPassword("wrong-password-1".toCharArray());
        MqttClient intruder = new MqttClient(
                endpoints.get("mqtt").toString().replace("mqtt://", "tcp://"), "intruder", new MemoryPersistence());
        assertThatThrownBy(() -> intruder.connect(wrong)).isInstanceOf(MqttException.class);

        // The console: ActiveMQ's REST message API and the queues page, for console users only.
        URI console = URI.create(described.getBrokerInstances().get(0).getConsoleURL());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(console.resolve("/api/message/orders.console?type=queue"))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("over rest"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(console.resolve("/admin/queues.jsp"))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td>orders.console</td><td>1</td>");
        HttpResponse<String> got = http.send(
                HttpRequest.newBuilder(console.resolve("/api/message/orders.console?type=queue&oneShot=true"))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // ActiveMQ's REST API reads a posted body line by line and ends each line with a newline.
        assertThat(got.body())
                .as("%s %s", got.statusCode(), got.headers().map())
                .isEqualTo("over rest\n");
        // A wrong password is not signed in (401); a user without consoleAccess is, and is refused (403).
        Map<String, Integer> refusals = Map.of(
                basic("admin", "wrong-password-1"), 401,
                basic("app", APP_PASSWORD), 403);
        for (Map.Entry<String, Integer> who : refusals.entrySet()) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(console.resolve("/admin/queues.jsp"))
                            .header("Authorization", who.getKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode())
                    .as("the console for %s", who.getKey())
                    .isEqualTo(who.getValue());
        }

        mq.deleteBroker(new DeleteBrokerRequest().withBrokerId(brokerId));
        await("the broker is gone")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptionsMatching(e -> !(e instanceof NotFoundException))
                .until(() -> {
                    try {
                        mq.describeBroker(new DescribeBrokerRequest().withBrokerId(brokerId));
                        return false;
                    } catch (NotFoundException gone) {
                        return true;
                    }
                });
        URI tcp = endpoints.get("tcp");
        assertThatThrownBy(() -> new Socket(tcp.getHost(), tcp.getPort()).close())
                .as("nothing listens where the deleted broker did")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void usersAndConfigurationsReachTheBrokerAtItsReboot() throws Exception {
        CreateConfigurationResult configuration = mq.createConfiguration(new CreateConfigurationRequest()
                .withName("orders-config")
                .withEngineType("ACTIVEMQ")
                .withEngineVersion("5.18"));
        assertThat(configuration.getLatestRevision().getRevision()).isEqualTo(1);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<broker xmlns=\"http://activemq.apache.org/schema/core\" schedulePeriodForDestinationPurge=\"10000\""
                + " useJmx=\"true\">\n"
                + "  <destinations><queue physicalName=\"made.by.config\"/></destinations>\n"
                + "  <managementContext><managementContext createConnector=\"true\"/></managementContext>\n"
                + "</broker>\n";
        UpdateConfigurationResult updated = mq.updateConfiguration(new UpdateConfigurationRequest()
                .withConfigurationId(configuration.getId())
                .withData(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)))
                .withDescription("a queue made at start"));
        assertThat(updated.getLatestRevision().getRevision()).isEqualTo(2);
        assertThat(updated.getWarnings())
                .extracting(
                        SanitizationWarning::getElementName,
                        SanitizationWarning::getAttributeName,
                        SanitizationWarning::getReason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("broker", "useJmx", "DISALLOWED_ATTRIBUTE_REMOVED"),
                        org.assertj.core.groups.Tuple.tuple("managementContext", null, "DISALLOWED_ELEMENT_REMOVED"));
        String stored = new String(
                Base64.getDecoder()
                        .decode(mq.describeConfigurationRevision(new DescribeConfigurationRevisionRequest()
                                        .withConfigurationId(configuration.getId())
                                        .withConfigurationRevision("2"))
                                .getData()),
                StandardCharsets.UTF_8);
        assertThat(stored)
                .contains("made.by.config")
                .doesNotContain("managementContext")
                .doesNotContain("useJmx");

        String brokerId = mq.createBroker(broker("billing", "SINGLE_INSTANCE", user("app", APP_PASSWORD, true)))
                .getBrokerId();
        DescribeBrokerResult running = awaitState(mq, brokerId, "RUNNING");
        URI tcp = endpoints(running, 0).get("tcp");

        // A new user and a new configuration wait for the reboot, as on Amazon MQ.
        mq.createUser(new CreateUserRequest()
                .withBrokerId(brokerId)
                .withUsername("late")
                .withPassword("late-password-1"));
        assertThatThrownBy(() -> mq.createUser(new CreateUserRequest()
                        .withBrokerId(brokerId)
                        .withUsername("late")
                        .withPassword("late-password-1")))
                .isInstanceOf(ConflictException.class);
        mq.updateBroker(new UpdateBrokerRequest()
                .withBrokerId(brokerId)
                .withConfiguration(
                        new ConfigurationId().withId(configuration.getId()).withRevision(2)));
        DescribeBrokerResult pending = mq.describeBroker(new DescribeBrokerRequest().withBrokerId(brokerId));
        assertThat(pending.getConfigurations().getPending().getRevision()).isEqualTo(2);
        assertThatThrownBy(() -> openWireRoundTrip(tcp, "late", "late-password-1", "q", "x"))
                .isInstanceOf(JMSSecurityException.class);

        mq.rebootBroker(new RebootBrokerRequest().withBrokerId(brokerId));
        DescribeBrokerResult rebooted = awaitState(mq, brokerId, "RUNNING");
        assertThat(rebooted.getConfigurations().getCurrent().getRevision()).isEqualTo(2);
        assertThat(rebooted.getConfigurations().getPending()).isNull();
        assertThat(openWireRoundTrip(tcp, "late", "late-password-1", "q", "after the reboot"))
                .isEqualTo("after the reboot");
        URI console = URI.create(rebooted.getBrokerInstances().get(0).getConsoleURL());
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(console.resolve("/admin/queues.jsp"))
                                .header("Authorization", basic("app", APP_PASSWORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).as("the configuration's queue exists").contains("<td>made.by.config</td>");
        mq.deleteBroker(new DeleteBrokerRequest().withBrokerId(brokerId));
    }

    @Test
    void mistakesGetAmazonMqsErrors() {
        assertThatThrownBy(() -> mq.describeBroker(new DescribeBrokerRequest().withBrokerId("nope")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Can't find requested broker [nope]. Make sure your broker exists.");
                });
        assertThatThrownBy(() -> mq.createBroker(broker("short", "SINGLE_INSTANCE", user("app", "short", false))))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorAttribute()).isEqualTo("password");
                });
        assertThatThrownBy(
                        () -> mq.createBroker(broker("bad name!", "SINGLE_INSTANCE", user("app", APP_PASSWORD, false))))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> mq.createBroker(broker("rabbit", "SINGLE_INSTANCE", user("app", APP_PASSWORD, false))
                        .withEngineType("RABBITMQ")
                        .withEngineVersion("3.13")))
                .isInstanceOf(AmazonMQException.class)
                .hasMessageContaining("RabbitMQ");
        assertThat(mq.listBrokers(new ListBrokersRequest()).getBrokerSummaries())
                .noneMatch(b ->
                        b.getBrokerName().equals("short") || b.getBrokerName().equals("rabbit"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Connects over STOMP 1.2 and, when {@code destination} is given, sends "over stomp" there with a receipt; returns
     * the command of the last frame the broker answered (CONNECTED, RECEIPT or ERROR).
     */
    private static String stomp(URI endpoint, String login, String passcode, String destination) throws Exception {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("CONNECT\naccept-version:1.2\nhost:" + endpoint.getHost() + "\nlogin:" + login + "\npasscode:"
                            + passcode + "\n\n\0")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String command = firstLine(in);
            if (destination == null || !command.equals("CONNECTED")) {
                return command;
            }
            skipFrame(in);
            out.write(("SEND\ndestination:" + destination + "\nreceipt:r1\ncontent-type:text/plain\n\nover stomp\0")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return firstLine(in);
        }
    }

    private static String firstLine(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && (line.isEmpty() || line.equals("\0")));
        return line == null ? "(closed)" : line.replace("\0", "");
    }

    private static void skipFrame(BufferedReader in) throws Exception {
        int c;
        while ((c = in.read()) != -1 && c != 0) {
            // the rest of the frame, up to its NUL
        }
    }
}
