package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.mq.AmazonMQ;
import com.amazonaws.services.mq.model.DescribeBrokerResult;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.DurabilityMode;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.jms.Connection;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mq.tls}: the brokers' endpoints are TLS only, with Wharf's own certificate (here the self-signed one it
 * generates into the data directory), as Amazon MQ's are; a client that trusts that certificate connects over
 * {@code ssl://}, and the plain OpenWire protocol is not spoken on that port.
 */
class MqTlsIT {

    private static final String PASSWORD = "app-password-1";

    @Test
    void withTlsTheEndpointsAreSslOnesThatPresentWharfsCertificate(@TempDir Path dataDir) throws Exception {
        try (WharfServer wharf = LocalWharf.withMq(dataDir, DurabilityMode.SYNC, 1, true)) {
            AmazonMQ mq = MqDurabilityIT.client(wharf.endpoint());
            try {
                String brokerId = mq.createBroker(MqBrokersIT.broker(
                                "secure", "SINGLE_INSTANCE", MqBrokersIT.user("app", PASSWORD, true)))
                        .getBrokerId();
                DescribeBrokerResult running = MqBrokersIT.awaitState(mq, brokerId, "RUNNING");
                List<String> endpoints = running.getBrokerInstances().get(0).getEndpoints();
                assertThat(endpoints)
                        .extracting(e -> URI.create(e).getScheme())
                        .containsExactly("ssl", "amqp+ssl", "stomp+ssl", "mqtt+ssl", "wss");
                assertThat(running.getBrokerInstances().get(0).getConsoleURL()).startsWith("https://");
                URI ssl = URI.create(endpoints.get(0));

                ActiveMQSslConnectionFactory trusting = new ActiveMQSslConnectionFactory(ssl.toString());
                trusting.setUserName("app");
                trusting.setPassword(PASSWORD);
                trusting.setKeyAndTrustManagers(
                        null, trusting(dataDir.resolve("tls/wharf-self-signed.crt")), new java.security.SecureRandom());
                try (Connection connection = trusting.createConnection()) {
                    connection.start();
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    session.createProducer(session.createQueue("secure.q")).send(session.createTextMessage("over tls"));
                    TextMessage received = (TextMessage) session.createConsumer(session.createQueue("secure.q"))
                            .receive(10_000);
                    assertThat(received.getText()).isEqualTo("over tls");
                }

                // The JDK's own trust store does not hold Wharf's self-signed certificate.
                ActiveMQSslConnectionFactory untrusting = new ActiveMQSslConnectionFactory(ssl.toString());
                untrusting.setUserName("app");
                untrusting.setPassword(PASSWORD);
                // The client refuses; which of its threads reports the handshake's failure first varies
                // (an SSLHandshakeException, or "Connection or outbound has closed" on the writer).
                assertThatThrownBy(() -> untrusting.createConnection().start())
                        .isInstanceOf(javax.jms.JMSException.class);
                // The refusal is the certificate's: a bare handshake with the JDK's trust store says so.
                try (SSLSocket socket =
                        (SSLSocket) SSLSocketFactory.getDefault().createSocket(ssl.getHost(), ssl.getPort())) {
                    socket.setSoTimeout(10_000);
                    assertThatThrownBy(socket::startHandshake)
                            .isInstanceOf(SSLHandshakeException.class)
                            .hasStackTraceContaining("PKIX path building failed");
                }
                // Plain OpenWire on the TLS port is refused rather than served.
                ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(
                        "app", PASSWORD, "tcp://" + ssl.getHost() + ":" + ssl.getPort() + "?soTimeout=5000");
                plain.setConnectResponseTimeout(5_000);
                assertThatThrownBy(() -> plain.createConnection().start()).isInstanceOf(javax.jms.JMSException.class);
            } finally {
                mq.shutdown();
            }
        }
    }

    private static javax.net.ssl.TrustManager[] trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry(
                    "wharf", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
