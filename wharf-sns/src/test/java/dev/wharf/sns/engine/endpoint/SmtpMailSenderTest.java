package dev.wharf.sns.engine.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Jakarta Mail sender behind SNS's email subscriptions, against GreenMail's real SMTP server (and, for the refusals
 * GreenMail does not make, a loopback socket that answers as a refusing relay does).
 */
class SmtpMailSenderTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sns", "secret"));

    private @Nullable ServerSocket fake;

    @AfterEach
    void closeFake() throws IOException {
        ServerSocket server = fake;
        if (server != null) {
            server.close();
        }
    }

    private static SmtpRelay relay(int port, @Nullable String username, @Nullable String password) {
        return new SmtpRelay(
                "127.0.0.1",
                port,
                SmtpRelay.Security.NONE,
                username,
                password,
                "no-reply@sns.localhost",
                Duration.ofSeconds(5));
    }

    private static int greenMailPort() {
        return GREEN_MAIL.getSmtp().getPort();
    }

    @Test
    void aMailArrivesFromTheTopicsNameWithItsSubjectAndUtf8Text() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(relay(greenMailPort(), null, null));
        sender.send(new Mail("Alerts für alle", "ops@example.com", "Überschrift", "Grüße\nzweite Zeile\n"));

        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("no-reply@sns.localhost");
        assertThat(from.getPersonal()).isEqualTo("Alerts für alle");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("ops@example.com");
        assertThat(mail.getSubject()).isEqualTo("Überschrift");
        assertThat(mail.getContentType().toLowerCase(Locale.ROOT))
                .startsWith("text/plain")
                .contains("utf-8");
        assertThat(((String) mail.getContent()).replace("\r\n", "\n").strip()).isEqualTo("Grüße\nzweite Zeile");
        assertThat(GreenMailUtil.getHeaders(mail)).contains("Date:");
        sender.close();
    }

    @Test
    void aRelayThatWantsCredentialsGetsThem() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(relay(greenMailPort(), "sns", "secret"));
        sender.send(new Mail("Topic", "someone@example.com", "subject", "text"));
        assertThat(GREEN_MAIL.getReceivedMessagesForDomain("example.com")).hasSize(1);
    }

    @Test
    void wrongCredentialsAreAFailureWorthARetryNotARefusalOfTheMail() {
        SmtpMailSender sender = new SmtpMailSender(relay(greenMailPort(), "sns", "wrong"));
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "someone@example.com", "subject", "text")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(MailRejectedException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRelayThatIsNotThereIsAFailureWorthARetry() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        SmtpMailSender sender = new SmtpMailSender(relay(port, null, null));
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "someone@example.com", "subject", "text")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(MailRejectedException.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aRecipientTheRelayRefusesWithA5xxIsRefusedForGood() throws Exception {
        int port = refusingRelay("550 5.1.1 no such user", false);
        SmtpMailSender sender = new SmtpMailSender(relay(port, null, null));
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "gone@example.com", "subject", "text")))
                .isInstanceOf(MailRejectedException.class)
                .hasMessageContaining("550");
    }

    @Test
    void aRecipientTheRelayRefusesForNowWithA4xxIsWorthARetry() throws Exception {
        int port = refusingRelay("451 4.3.0 try again later", false);
        SmtpMailSender sender = new SmtpMailSender(relay(port, null, null));
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "busy@example.com", "subject", "text")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(MailRejectedException.class)
                .hasMessageContaining("451");
    }

    @Test
    void aRelayThatNeverAnswersTimesOut() throws Exception {
        int port = refusingRelay("", true);
        SmtpMailSender sender = new SmtpMailSender(new SmtpRelay(
                "127.0.0.1",
                port,
                SmtpRelay.Security.NONE,
                null,
                null,
                "no-reply@sns.localhost",
                Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "someone@example.com", "subject", "text")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(MailRejectedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anAddressThatIsNotOneIsRefusedForGoodBeforeAnythingIsSent() {
        SmtpMailSender sender = new SmtpMailSender(relay(greenMailPort(), null, null));
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "not an address@@", "subject", "text")))
                .isInstanceOf(MailRejectedException.class);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aClosedSenderSendsNothing() {
        SmtpMailSender sender = new SmtpMailSender(relay(greenMailPort(), null, null));
        sender.close();
        assertThatThrownBy(() -> sender.send(new Mail("Topic", "someone@example.com", "subject", "text")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theRelaysDescriptionNeverShowsThePassword() {
        SmtpRelay relay = relay(25, "sns", "secret");
        assertThat(relay.toString()).contains("sns@127.0.0.1:25").doesNotContain("secret");
        assertThat(SmtpRelay.Security.of(" STARTTLS ")).isEqualTo(SmtpRelay.Security.STARTTLS);
        assertThat(SmtpRelay.Security.TLS.defaultPort()).isEqualTo(465);
        assertThatThrownBy(() -> SmtpRelay.Security.of("ssl")).hasMessageContaining("none, starttls or tls");
    }

    /**
     * A loopback relay that greets, accepts the sender, and answers every recipient with {@code recipientReply}; or,
     * when {@code silent}, accepts the connection and never says a word.
     */
    private int refusingRelay(String recipientReply, boolean silent) throws IOException {
        ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        fake = server;
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    if (silent) {
                        socket.getInputStream().read();
                        continue;
                    }
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = socket.getOutputStream();
                    reply(out, "220 refusing.example ESMTP");
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String command = line.toUpperCase(Locale.ROOT);
                        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                            reply(out, "250 refusing.example");
                        } else if (command.startsWith("MAIL FROM")) {
                            reply(out, "250 2.1.0 ok");
                        } else if (command.startsWith("RCPT TO")) {
                            reply(out, recipientReply);
                        } else if (command.startsWith("QUIT")) {
                            reply(out, "221 bye");
                            break;
                        } else {
                            reply(out, "250 ok");
                        }
                    }
                } catch (IOException e) {
                    // The test closed the socket.
                }
            }
        });
        return server.getLocalPort();
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
