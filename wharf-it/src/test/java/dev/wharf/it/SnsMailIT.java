package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.sns.util.SignatureChecker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import dev.wharf.sns.engine.endpoint.SmtpRelay;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * SNS's email and email-json subscriptions through a real SMTP server (GreenMail, started on a free port) and the SDK
 * v2: the confirmation mail, the confirmation by fetching its link as a mail reader's browser would, the notification
 * mails with their sender, subject and unsubscribe link, and the email-json document's signature, checked with the
 * certificate at its SigningCertURL by the SDK v1's own checker.
 */
class SnsMailIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern LINK = Pattern.compile("(http://\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static WharfServer server;
    private static SnsClient sns;

    @BeforeAll
    static void start() throws Exception {
        SmtpRelay relay = new SmtpRelay(
                "127.0.0.1",
                MAIL.getSmtp().getPort(),
                SmtpRelay.Security.NONE,
                null,
                null,
                "notifications@wharf.test",
                Duration.ofSeconds(5));
        server = LocalWharf.inMemory(new WharfConfig.Sns(Map.of(), null, false, relay));
        sns = LocalWharf.sns(server.endpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        server.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
    }

    /** Waits for the next {@code count} mails to arrive and returns every mail received so far. */
    private static List<MimeMessage> await(int count) {
        assertThat(MAIL.waitForIncomingEmail(WAIT.toMillis(), count))
                .as("%d mails within %s", count, WAIT)
                .isTrue();
        return Arrays.asList(MAIL.getReceivedMessages());
    }

    private static MimeMessage to(List<MimeMessage> mails, String address) {
        return mails.stream()
                .filter(mail -> {
                    try {
                        return ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0])
                                .getAddress()
                                .equals(address);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    private static String text(MimeMessage mail) throws Exception {
        return ((String) mail.getContent()).replace("\r\n", "\n");
    }

    private static String link(String text, String action) {
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).contains("Action=" + action)) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no " + action + " link in: " + text);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Subscribes an address and confirms it by fetching the link of its confirmation mail. */
    private static String subscribeAndConfirm(String topicArn, String protocol, String address) throws Exception {
        String pending = sns.subscribe(
                        b -> b.topicArn(topicArn).protocol(protocol).endpoint(address))
                .subscriptionArn();
        assertThat(pending).isEqualTo("pending confirmation");
        MimeMessage confirmation = to(await(1), address);
        HttpResponse<String> confirmed = get(link(text(confirmation), "ConfirmSubscription"));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        Matcher arn =
                Pattern.compile("<SubscriptionArn>([^<]+)</SubscriptionArn>").matcher(confirmed.body());
        assertThat(arn.find()).as(confirmed.body()).isTrue();
        MAIL.purgeEmailFromAllMailboxes();
        return arn.group(1);
    }

    @Test
    void anAddressConfirmsByTheLinkInItsMailAndThenReceivesNotifications() throws Exception {
        String topicArn = sns.createTopic(b -> b.name("mail-news").attributes(Map.of("DisplayName", "Wharf News")))
                .topicArn();
        sns.subscribe(b -> b.topicArn(topicArn).protocol("email").endpoint("reader@example.com"));

        MimeMessage confirmation = to(await(1), "reader@example.com");
        assertThat(confirmation.getSubject()).isEqualTo("AWS Notification - Subscription Confirmation");
        InternetAddress from = (InternetAddress) confirmation.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Wharf News");
        assertThat(from.getAddress()).isEqualTo("notifications@wharf.test");
        assertThat(text(confirmation)).contains(topicArn);
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions())
                .extracting(Subscription::subscriptionArn)
                .containsExactly("PendingConfirmation");

        HttpResponse<String> confirmed = get(link(text(confirmation), "ConfirmSubscription"));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<ConfirmSubscriptionResponse").contains(topicArn + ":");
        String subscriptionArn = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn))
                .subscriptions()
                .getFirst()
                .subscriptionArn();
        assertThat(subscriptionArn).startsWith(topicArn + ":");
        MAIL.purgeEmailFromAllMailboxes();

        sns.publish(
                b -> b.topicArn(topicArn).subject("Greetings from the wharf").message("Grüße: die Schiffe sind da."));
        MimeMessage notification = to(await(1), "reader@example.com");
        assertThat(notification.getSubject()).isEqualTo("Greetings from the wharf");
        assertThat(((InternetAddress) notification.getFrom()[0]).getPersonal()).isEqualTo("Wharf News");
        String body = text(notification);
        assertThat(body).startsWith("Grüße: die Schiffe sind da.\n");

        // The unsubscribe link works from a mail reader too: anonymous, by GET.
        HttpResponse<String> unsubscribed = get(link(body, "Unsubscribe"));
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions())
                .isEmpty();
    }

    @Test
    void anEmailJsonSubscriberGetsTheSignedDocument() throws Exception {
        String topicArn = sns.createTopic(b -> b.name("mail-json")).topicArn();
        String subscriptionArn = subscribeAndConfirm(topicArn, "email-json", "robot@example.com");

        sns.publish(b -> b.topicArn(topicArn).message("{\"order\":42}"));
        MimeMessage mail = to(await(1), "robot@example.com");
        assertThat(mail.getSubject()).isEqualTo("AWS Notification Message");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("AWS Notifications");
        String body = text(mail).strip();
        JsonNode document = JSON.readTree(body);
        assertThat(document.path("Type").asText()).isEqualTo("Notification");
        assertThat(document.path("Message").asText()).isEqualTo("{\"order\":42}");
        assertThat(document.path("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(document.path("UnsubscribeURL").asText())
                .contains(java.net.URLEncoder.encode(subscriptionArn, java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<byte[]> pem = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(document.path("SigningCertURL").asText()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        PublicKey key = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body()))
                .getPublicKey();
        assertThat(new SignatureChecker().verifyMessageSignature(body, key))
                .as("the SDK v1's SignatureChecker verifies the mailed document")
                .isTrue();
    }
}
