package dev.wharf.sns.engine.endpoint;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/** A Jakarta Mail session for one relay, and how its answers map to {@link MailSender}'s outcomes. Thread-safe. */
final class SmtpSession {

    private static final String CHARSET = StandardCharsets.UTF_8.name();

    private final SmtpRelay relay;
    private final Session session;
    private final String protocol;

    SmtpSession(SmtpRelay relay) {
        this.relay = relay;
        this.protocol = relay.security() == SmtpRelay.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(relay.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty(prefix + "host", relay.host());
        properties.setProperty(prefix + "port", Integer.toString(relay.port()));
        properties.setProperty(prefix + "from", relay.from());
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "auth", Boolean.toString(relay.username() != null));
        if (relay.security() == SmtpRelay.Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (relay.security() != SmtpRelay.Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        // Its own session, never the JVM-wide default one, which another library could have configured.
        this.session = Session.getInstance(properties);
    }

    void send(Mail mail) throws IOException {
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(relay.from(), mail.senderName(), CHARSET));
            message.setRecipient(Message.RecipientType.TO, recipient(mail.to()));
            message.setSubject(mail.subject(), CHARSET);
            message.setText(mail.text(), CHARSET);
            message.setSentDate(new Date());
            message.saveChanges();
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new MailRejectedException("the mail cannot be made: " + e.getMessage());
        }
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    private static InternetAddress recipient(String address) throws MailRejectedException {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new MailRejectedException("not a mail address: " + address);
        }
    }

    /** A permanent refusal (an SMTP 5xx reply) or a failure that a later attempt may not meet. */
    private static IOException failure(MessagingException e) {
        SendFailedException reply = reply(e);
        if (reply == null) {
            return new IOException("the SMTP relay could not be reached: " + e, e);
        }
        String text = "the SMTP relay refused the mail: "
                + String.valueOf(reply.getMessage()).strip();
        return replyCode(reply) >= 500 ? new MailRejectedException(text) : new IOException(text, e);
    }

    /** The failure that carries the relay's SMTP reply, or null when the relay gave none (it was never reached). */
    private static @Nullable SendFailedException reply(MessagingException e) {
        SendFailedException found = null;
        // Each cause is a reply to a later command; the chain is as long as the mail has recipients, at most.
        for (Exception cause = e; cause instanceof MessagingException messaging; cause = messaging.getNextException()) {
            if (messaging instanceof SMTPAddressFailedException
                    || messaging instanceof SMTPSenderFailedException
                    || messaging instanceof SMTPSendFailedException) {
                return (SendFailedException) messaging;
            }
            if (found == null && messaging instanceof SendFailedException failed && replyCode(failed) > 0) {
                found = failed;
            }
        }
        return found;
    }

    private static int replyCode(MessagingException e) {
        return switch (e) {
            case SMTPAddressFailedException failed -> failed.getReturnCode();
            case SMTPSenderFailedException failed -> failed.getReturnCode();
            case SMTPSendFailedException failed -> failed.getReturnCode();
            // A send that failed for invalid addresses without saying why: the relay refused them.
            case SendFailedException failed
            when failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0 -> 550;
            default -> 0;
        };
    }
}
