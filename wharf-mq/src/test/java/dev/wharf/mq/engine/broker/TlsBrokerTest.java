package dev.wharf.mq.engine.broker;

import static dev.wharf.mq.engine.broker.Brokers.ADMIN;
import static dev.wharf.mq.engine.broker.Brokers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.mq.engine.BrokerInstance;
import dev.wharf.mq.engine.InstanceLaunch;
import dev.wharf.mq.engine.config.ConfigurationSanitizer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.jms.Connection;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker given the server's TLS context: its transports listen with TLS (ssl://, and the console over https), and
 * the console's REST API reaches a broker whose configuration authorizes by group.
 */
@NullUnmarked
class TlsBrokerTest {
    private static final char[] SECRET = "changeit".toCharArray();

    @TempDir
    Path home;

    private static KeyStore selfSigned() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=localhost");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                subject,
                                BigInteger.valueOf(1L),
                                Date.from(now.minus(Duration.ofDays(3650))),
                                Date.from(now.plus(Duration.ofDays(3650))),
                                subject,
                                pair.getPublic())
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")
                        }))
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("broker", pair.getPrivate(), SECRET, new X509Certificate[] {certificate});
        return store;
    }

    @Test
    void transportsAndTheConsoleSpeakTls() throws Exception {
        KeyStore keys = selfSigned();
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, SECRET);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);

        String xml = new ConfigurationSanitizer()
                .sanitize(Brokers.AUTHORIZATION.replace(
                        "<plugins>",
                        "<persistenceAdapter><kahaDB checkpointInterval=\"10000\"/></persistenceAdapter><plugins>"))
                .xml();
        InstanceLaunch plain = Brokers.launch(this.home, "instance-1", xml, ADMIN);
        InstanceLaunch launch = new InstanceLaunch(
                plain.brokerName(),
                plain.instanceName(),
                plain.storeDirectory(),
                plain.workDirectory(),
                plain.host(),
                plain.ports(),
                server,
                plain.users(),
                plain.configurationXml(),
                plain.limits());
        try (ActiveMqRuntime runtime = new ActiveMqRuntime()) {
            BrokerInstance broker = runtime.launch(launch);
            Brokers.awaitState(broker, BrokerInstance.InstanceState.ACTIVE);

            HttpClient https = HttpClient.newBuilder()
                    .sslContext(client)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            String authorization = "Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> sent = https.send(
                    HttpRequest.newBuilder(URI.create(
                                    "https://127.0.0.1:" + launch.ports().console() + "/api/message/tls.q?type=queue"))
                            .header("Authorization", authorization)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("over https"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(200);

            ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(
                    "ssl://127.0.0.1:" + launch.ports().openWire());
            factory.setKeyAndTrustManagers(null, trust.getTrustManagers(), new SecureRandom());
            try (Connection connection = factory.createConnection("admin", PASSWORD)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("tls.q"));
                TextMessage message = (TextMessage) consumer.receive(10_000L);
                assertThat(message.getText()).isEqualTo("over https\n");
            }
        }
    }
}
