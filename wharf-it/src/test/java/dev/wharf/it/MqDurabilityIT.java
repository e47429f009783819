package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.mq.AmazonMQ;
import com.amazonaws.services.mq.AmazonMQClientBuilder;
import com.amazonaws.services.mq.model.DescribeBrokerRequest;
import com.amazonaws.services.mq.model.DescribeBrokerResult;
import com.amazonaws.services.mq.model.RebootBrokerRequest;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon MQ's brokers through the loss of what runs them: a SIGKILL of the whole Wharf process (the broker comes back
 * RUNNING with its persistent messages), and the reboot of an active/standby broker's active instance while a client
 * on a {@code failover:} URL keeps sending (the standby takes over and no acknowledged message is lost).
 */
class MqDurabilityIT {

    private static final String PASSWORD = "app-password-1";

    static AmazonMQ client(String endpoint) {
        return AmazonMQClientBuilder.standard()
                .withEndpointConfiguration(new EndpointConfiguration(endpoint, "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
    }

    @Test
    void aRunningBrokerAndItsPersistentMessagesSurviveSigkill(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = Map.of(
                "WHARF_MQ_PORT_BASE", Integer.toString(LocalWharf.freePortRange(40)), "WHARF_MQ_MAX_BROKERS", "2");
        RestartIT.Wharf first = RestartIT.start(env, "--port", "0", "--data-dir", dataDir.toString());
        String brokerId;
        URI tcp;
        List<String> sent = new ArrayList<>();
        AmazonMQ mq = client(first.endpoint().toString());
        try {
            brokerId = mq.createBroker(
                            MqBrokersIT.broker("kept", "SINGLE_INSTANCE", MqBrokersIT.user("app", PASSWORD, true)))
                    .getBrokerId();
            DescribeBrokerResult running = MqBrokersIT.awaitState(mq, brokerId, "RUNNING");
            tcp = MqBrokersIT.endpoints(running, 0).get("tcp");
            try (Connection connection =
                    new ActiveMQConnectionFactory("app", PASSWORD, tcp.toString()).createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("kept.orders"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < 200; i++) {
                    // A persistent send returns once the broker has written the message to its journal.
                    producer.send(session.createTextMessage("order-" + i));
                    sent.add("order-" + i);
                }
            }
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        } finally {
            mq.shutdown();
        }

        RestartIT.Wharf second = RestartIT.start(env, "--port", "0", "--data-dir", dataDir.toString());
        AmazonMQ again = client(second.endpoint().toString());
        try {
            DescribeBrokerResult back = MqBrokersIT.awaitState(again, brokerId, "RUNNING");
            assertThat(MqBrokersIT.endpoints(back, 0).get("tcp")).isEqualTo(tcp);
            assertThat(receiveAll(tcp.toString(), "kept.orders", sent.size())).containsExactlyElementsOf(sent);
        } finally {
            again.shutdown();
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theStandbyTakesOverAtTheActivesRebootAndAFailoverClientLosesNoMessage(@TempDir Path dataDir) throws Exception {
        try (WharfServer wharf = LocalWharf.withMq(dataDir, DurabilityMode.SYNC, 2, false)) {
            AmazonMQ mq = client(wharf.endpoint());
            try {
                String brokerId = mq.createBroker(MqBrokersIT.broker(
                                "paired", "ACTIVE_STANDBY_MULTI_AZ", MqBrokersIT.user("app", PASSWORD, true)))
                        .getBrokerId();
                DescribeBrokerResult running = MqBrokersIT.awaitState(mq, brokerId, "RUNNING");
                assertThat(running.getBrokerInstances()).hasSize(2);
                URI first = MqBrokersIT.endpoints(running, 0).get("tcp");
                URI second = MqBrokersIT.endpoints(running, 1).get("tcp");
                assertThat(first.getPort()).isNotEqualTo(second.getPort());
                String failover = "failover:(" + first + "," + second + ")?randomize=false&maxReconnectAttempts=100";

                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicBoolean stop = new AtomicBoolean();
                Thread producer = Thread.ofPlatform().start(() -> produce(failover, acknowledged, stop));
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 100);
                mq.rebootBroker(new RebootBrokerRequest().withBrokerId(brokerId));
                assertThat(mq.describeBroker(new DescribeBrokerRequest().withBrokerId(brokerId))
                                .getBrokerState())
                        .isEqualTo("REBOOT_IN_PROGRESS");
                MqBrokersIT.awaitState(mq, brokerId, "RUNNING");
                int afterReboot = acknowledged.size();
                await("sends continue after the fail-over")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> acknowledged.size() >= afterReboot + 100);
                stop.set(true);
                producer.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(producer.isAlive()).isFalse();

                Set<String> received = ConcurrentHashMap.newKeySet();
                received.addAll(receiveAll(failover, "paired.orders", Integer.MAX_VALUE));
                assertThat(received).containsAll(acknowledged);
            } finally {
                mq.shutdown();
            }
        }
    }

    /** Sends persistent messages until told to stop, noting each whose send returned. */
    private static void produce(String url, Set<String> acknowledged, AtomicBoolean stop) {
        try (Connection connection = new ActiveMQConnectionFactory("app", PASSWORD, url).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("paired.orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; !stop.get() && i < 1_000_000; i++) {
                producer.send(session.createTextMessage("m-" + i));
                acknowledged.add("m-" + i);
                Thread.sleep(2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receives from a queue until {@code count} messages arrived or none came for five seconds. */
    private static List<String> receiveAll(String url, String queue, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Connection connection = new ActiveMQConnectionFactory("app", PASSWORD, url).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            while (texts.size() < count) {
                TextMessage message = (TextMessage) consumer.receive(5_000);
                if (message == null) {
                    break;
                }
                texts.add(message.getText());
            }
        }
        return texts;
    }
}
