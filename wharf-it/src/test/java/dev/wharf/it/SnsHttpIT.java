package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.sns.util.SignatureChecker;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SNS delivering to real HTTP and HTTPS endpoints and to a stand-in for the Lambda runtime interface emulator, all
 * started in this test on free ports, through the SDK v2: the handshake by the SubscribeURL, signatures checked with
 * the certificate fetched from SigningCertURL (by {@code java.security} and by the SDK v1's own checker), AWS's
 * headers, retries by a short policy, the dead-letter queue, raw delivery, isolation from a slow endpoint, and
 * Lambda's event.
 */
class SnsHttpIT {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:f";
    private static final String UNMAPPED = "arn:aws:lambda:us-east-1:000000000000:function:nowhere";
    private static final String INVOCATIONS = "/2015-03-31/functions/function/invocations";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tls;

    private static SnsReceiver receiver;
    private static SnsReceiver secureReceiver;
    private static WharfServer server;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        receiver = SnsReceiver.http();
        secureReceiver = SnsReceiver.https(selfSignedContext(tls));
        WharfConfig.Sns endpoints =
                new WharfConfig.Sns(Map.of(FUNCTION, receiver.url(INVOCATIONS)), tls.resolve("receiver.pem"), false);
        server = LocalWharf.inMemory(endpoints);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sns = SnsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
        server.close();
        receiver.close();
        secureReceiver.close();
    }

    /**
     * A TLS context for the HTTPS receiver: a key and a self-signed certificate for 127.0.0.1 made by the JDK's
     * keytool, whose PEM Wharf is configured to trust ({@code sns.https.trustedCertificates}).
     */
    private static SSLContext selfSignedContext(Path dir) throws Exception {
        Path store = dir.resolve("receiver.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "receiver",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-file",
                dir.resolve("receiver.pem").toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static String topic(String name) {
        return sns.createTopic(b -> b.name(name)).topicArn();
    }

    private static String queueArn(String name) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** Follows a link as a subscriber's code or browser does: a plain GET, unsigned. */
    private static HttpResponse<String> follow(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Subscribes an endpoint of a receiver and confirms it by its SubscribeURL, as a subscriber does. */
    private static String subscribeAndConfirm(
            SnsReceiver endpoint, String topic, String path, Map<String, String> attributes) throws Exception {
        String url = endpoint.url(path);
        sns.subscribe(b -> b.topicArn(topic)
                .protocol(url.startsWith("https") ? "https" : "http")
                .endpoint(url)
                .attributes(attributes));
        JsonNode confirmation = endpoint.first(path, "SubscriptionConfirmation").json();
        HttpResponse<String> confirmed =
                follow(confirmation.path("SubscribeURL").asText());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        String body = confirmed.body();
        return body.substring(
                body.indexOf("<SubscriptionArn>") + "<SubscriptionArn>".length(), body.indexOf("</SubscriptionArn>"));
    }

    private static PublicKey signingKey(String certificateUrl) throws Exception {
        HttpResponse<byte[]> pem = HTTP.send(
                HttpRequest.newBuilder(URI.create(certificateUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pem.statusCode()).isEqualTo(200);
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body()))
                .getPublicKey();
    }

    /**
     * Checks a document's signature with the certificate at its SigningCertURL, over AWS's string to sign, with the
     * JDK and with the SDK v1's SignatureChecker.
     */
    private static void assertSigned(SnsReceiver.Request request, List<String> signedFields) throws Exception {
        JsonNode document = request.json();
        PublicKey key = signingKey(document.path("SigningCertURL").asText());
        assertThat(verifies(document, signedFields, key))
                .as("java.security verifies the signature")
                .isTrue();
        assertThat(new SignatureChecker().verifyMessageSignature(request.body(), key))
                .as("the SDK v1's SignatureChecker verifies it")
                .isTrue();
    }

    private static boolean verifies(JsonNode document, List<String> fields, PublicKey key) throws Exception {
        StringBuilder signed = new StringBuilder();
        for (String field : fields) {
            if (document.has(field) && !document.path(field).isNull()) {
                signed.append(field)
                        .append('\n')
                        .append(document.path(field).asText())
                        .append('\n');
            }
        }
        Signature verifier = Signature.getInstance(
                document.path("SignatureVersion").asText().equals("2") ? "SHA256withRSA" : "SHA1withRSA");
        verifier.initVerify(key);
        verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        return verifier.verify(
                Base64.getDecoder().decode(document.path("Signature").asText()));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<Message> receiveDeadLetters(String queueName) {
        String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .waitTimeSeconds(10)
                        .maxNumberOfMessages(10)
                        .messageAttributeNames("All"))
                .messages();
    }

    @Test
    void anHttpEndpointConfirmsByItsSubscribeUrlAndGetsSignedNotificationsWithAwsHeaders() throws Exception {
        String topic = topic("http-handshake");
        String path = "/handshake";
        assertThat(sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(receiver.url(path)))
                        .subscriptionArn())
                .isEqualTo("pending confirmation");

        SnsReceiver.Request confirmation = receiver.first(path, "SubscriptionConfirmation");
        assertThat(confirmation.method()).isEqualTo("POST");
        assertThat(confirmation.header("x-amz-sns-message-id"))
                .isEqualTo(confirmation.json().path("MessageId").asText());
        assertThat(confirmation.header("x-amz-sns-topic-arn")).isEqualTo(topic);
        assertThat(confirmation.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(confirmation.header("user-agent")).isEqualTo("Amazon Simple Notification Service Agent");
        assertThat(confirmation.json().path("SubscribeURL").asText())
                .startsWith(server.endpoint() + "/?Action=ConfirmSubscription&TopicArn=");
        assertSigned(
                confirmation,
                List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));

        HttpResponse<String> confirmed =
                follow(confirmation.json().path("SubscribeURL").asText());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body())
                .contains("<ConfirmSubscriptionResponse")
                .contains("<SubscriptionArn>" + topic + ":");
        String arn = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().stream()
                .map(Subscription::subscriptionArn)
                .findFirst()
                .orElseThrow();
        assertThat(arn).startsWith(topic + ":");

        String messageId = sns.publish(b -> b.topicArn(topic)
                        .subject("Greeting")
                        .message("hello")
                        .messageAttributes(Map.of(
                                "color",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue("blue")
                                        .build())))
                .messageId();

        SnsReceiver.Request notification = receiver.first(path, "Notification");
        assertThat(notification.header("x-amz-sns-message-id")).isEqualTo(messageId);
        assertThat(notification.header("x-amz-sns-topic-arn")).isEqualTo(topic);
        assertThat(notification.header("x-amz-sns-subscription-arn")).isEqualTo(arn);
        assertThat(notification.header("x-amz-sns-rawdelivery")).isEmpty();
        assertThat(notification.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(notification.header("user-agent")).isEqualTo("Amazon Simple Notification Service Agent");
        JsonNode document = notification.json();
        assertThat(document.path("Message").asText()).isEqualTo("hello");
        assertThat(document.path("Subject").asText()).isEqualTo("Greeting");
        assertThat(document.path("MessageAttributes")
                        .path("color")
                        .path("Value")
                        .asText())
                .isEqualTo("blue");
        assertSigned(notification, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"));

        HttpResponse<String> unsubscribed =
                follow(document.path("UnsubscribeURL").asText());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        SnsReceiver.Request goodbye = receiver.first(path, "UnsubscribeConfirmation");
        assertThat(goodbye.header("x-amz-sns-subscription-arn")).isEqualTo(arn);
        assertSigned(
                goodbye, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                .isEmpty();

        assertThat(follow(goodbye.json().path("SubscribeURL").asText()).statusCode())
                .as("the unsubscribe confirmation's link restores the subscription")
                .isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                .extracting(Subscription::subscriptionArn)
                .containsExactly(arn);
    }

    @Test
    void thePolicysContentTypeAndRawDeliveryReachTheEndpoint() throws Exception {
        String topic = topic("http-raw");
        String path = "/raw";
        subscribeAndConfirm(
                receiver,
                topic,
                path,
                Map.of(
                        "RawMessageDelivery",
                        "true",
                        "DeliveryPolicy",
                        "{\"requestPolicy\":{\"headerContentType\":\"application/json\"}}"));

        sns.publish(b -> b.topicArn(topic).message("{\"order\":42}"));

        SnsReceiver.Request raw = receiver.first(path, "Notification");
        assertThat(raw.body()).isEqualTo("{\"order\":42}");
        assertThat(raw.header("x-amz-sns-rawdelivery")).isEqualTo("true");
        assertThat(raw.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void serverErrorsAreRetriedByAShortPolicyUntilTheEndpointTakesTheMessage() throws Exception {
        String topic = topic("http-retry");
        String path = "/flaky";
        subscribeAndConfirm(
                receiver,
                topic,
                path,
                Map.of(
                        "DeliveryPolicy",
                        "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":3}}"));
        AtomicInteger answered = new AtomicInteger();
        receiver.script(path, request -> answered.getAndIncrement() < 2 ? 500 : 200);

        String messageId =
                sns.publish(b -> b.topicArn(topic).message("try again")).messageId();

        List<SnsReceiver.Request> attempts = receiver.await(path, "Notification", 3, WAIT);
        assertThat(attempts).extracting(r -> r.header("x-amz-sns-message-id")).containsOnly(messageId);
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(Duration.ofNanos(attempts.get(i).receivedNanos()
                            - attempts.get(i - 1).receivedNanos()))
                    .as("a retry waits the policy's second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        Thread.sleep(1_500);
        assertThat(receiver.requests(path, "Notification"))
                .as("no retry after the success")
                .hasSize(3);
    }

    @Test
    void anEndpointThatKeepsFailingEndsInTheDeadLetterQueue() throws Exception {
        String topic = topic("http-dlq");
        String path = "/down";
        String dlq = queueArn("http-dlq");
        subscribeAndConfirm(
                receiver,
                topic,
                path,
                Map.of(
                        "DeliveryPolicy",
                        "{\"healthyRetryPolicy\":{\"minDelayTarget\":1,\"maxDelayTarget\":1,\"numRetries\":2}}",
                        "RedrivePolicy",
                        "{\"deadLetterTargetArn\":\"" + dlq + "\"}"));
        receiver.script(path, request -> 500);

        sns.publish(b -> b.topicArn(topic).message("undeliverable"));

        List<Message> dead = receiveDeadLetters("http-dlq");
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.body()).contains("\"Message\" : \"undeliverable\"");
            assertThat(message.messageAttributes().get("ErrorCode").stringValue())
                    .isEqualTo("500");
            assertThat(message.messageAttributes().get("TopicArn").stringValue())
                    .isEqualTo(topic);
        });
        assertThat(receiver.requests(path, "Notification")).hasSize(3);
    }

    @Test
    void aSlowEndpointDoesNotDelayAnotherSubscription() throws Exception {
        String topic = topic("http-isolated");
        subscribeAndConfirm(receiver, topic, "/slow", Map.of());
        subscribeAndConfirm(receiver, topic, "/fast", Map.of());
        CountDownLatch release = new CountDownLatch(1);
        receiver.script("/slow", request -> {
            release.await(30, TimeUnit.SECONDS);
            return 200;
        });
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                int n = i;
                sns.publish(b -> b.topicArn(topic).message("m" + n));
            }

            receiver.await("/fast", "Notification", 5, WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the fast endpoint had every message while the slow one still held its first")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(receiver.requests("/slow", "Notification")).hasSizeLessThanOrEqualTo(5);
        } finally {
            release.countDown();
        }
        receiver.await("/slow", "Notification", 5, WAIT);
    }

    @Test
    void anHttpsEndpointWithATrustedSelfSignedCertificateIsDelivered() throws Exception {
        String topic = topic("https-trusted");
        subscribeAndConfirm(secureReceiver, topic, "/secure", Map.of());

        sns.publish(b -> b.topicArn(topic).message("over TLS"));

        SnsReceiver.Request notification = secureReceiver.first("/secure", "Notification");
        assertThat(notification.json().path("Message").asText()).isEqualTo("over TLS");
        assertSigned(notification, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"));
    }

    @Test
    void aLambdaFunctionIsInvokedAtItsConfiguredUrlWithTheSnsEvent() throws Exception {
        String topic = topic("lambda-events");
        String arn = sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(FUNCTION))
                .subscriptionArn();
        assertThat(arn).as("confirmed at once").startsWith(topic + ":");

        String messageId = sns.publish(b -> b.topicArn(topic)
                        .message("{\"k\":1}")
                        .messageAttributes(Map.of(
                                "n",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue("5")
                                        .build())))
                .messageId();

        SnsReceiver.Request invocation = receiver.first(INVOCATIONS, "Invoke");
        assertThat(invocation.method()).isEqualTo("POST");
        assertThat(invocation.header("content-type")).isEqualTo("application/json");
        assertThat(invocation.header("x-amz-invocation-type")).isEqualTo("Event");
        JsonNode event = invocation.json();
        assertThat(fieldNames(event)).containsExactly("Records");
        assertThat(event.path("Records").size()).isEqualTo(1);
        JsonNode record = event.path("Records").get(0);
        assertThat(fieldNames(record)).containsExactly("EventSource", "EventVersion", "EventSubscriptionArn", "Sns");
        assertThat(record.path("EventSource").asText()).isEqualTo("aws:sns");
        assertThat(record.path("EventVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(arn);
        JsonNode message = record.path("Sns");
        assertThat(fieldNames(message))
                .containsExactly(
                        "Type",
                        "MessageId",
                        "TopicArn",
                        "Subject",
                        "Message",
                        "Timestamp",
                        "SignatureVersion",
                        "Signature",
                        "SigningCertUrl",
                        "UnsubscribeUrl",
                        "MessageAttributes");
        assertThat(message.path("Type").asText()).isEqualTo("Notification");
        assertThat(message.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(message.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(message.path("Subject").isNull()).isTrue();
        assertThat(message.path("Message").asText()).isEqualTo("{\"k\":1}");
        assertThat(message.path("SignatureVersion").asText()).isEqualTo("1");
        assertThat(message.path("UnsubscribeUrl").asText())
                .startsWith(server.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=");
        assertThat(message.path("MessageAttributes").path("n").toString())
                .isEqualTo("{\"Type\":\"String\",\"Value\":\"5\"}");
        PublicKey key = signingKey(message.path("SigningCertUrl").asText());
        assertThat(verifies(message, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"), key))
                .isTrue();
    }

    @Test
    void aLambdaFunctionWithoutAnInvokeUrlEndsInTheDeadLetterQueue() {
        String topic = topic("lambda-unmapped");
        String dlq = queueArn("lambda-dlq");
        sns.subscribe(b -> b.topicArn(topic)
                .protocol("lambda")
                .endpoint(UNMAPPED)
                .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq + "\"}")));

        sns.publish(b -> b.topicArn(topic).message("for no one"));

        assertThat(receiveDeadLetters("lambda-dlq")).singleElement().satisfies(message -> {
            assertThat(message.messageAttributes().get("ErrorCode").stringValue())
                    .isEqualTo("ResourceNotFoundException");
            assertThat(message.messageAttributes().get("ErrorMessage").stringValue())
                    .isEqualTo("Function not found: " + UNMAPPED);
        });
    }
}
