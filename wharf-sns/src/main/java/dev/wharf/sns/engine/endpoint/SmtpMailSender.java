package dev.wharf.sns.engine.endpoint;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Sends SNS's mails to an SMTP relay with Jakarta Mail (Angus Mail's SMTP provider), one connection per mail.
 *
 * <p>Jakarta Mail is loaded on the first mail, not when the server starts: this class names none of its types, and
 * {@link SmtpSession} holds them. Thread-safe.
 */
public final class SmtpMailSender implements MailSender {

    private final SmtpRelay relay;
    private final Object lock = new Object();
    /** Guarded by {@link #lock} for writes; read without it once set. */
    private volatile @Nullable SmtpSession session;

    private volatile boolean closed;

    public SmtpMailSender(SmtpRelay relay) {
        this.relay = relay;
    }

    /** The relay mails go to. */
    public SmtpRelay relay() {
        return relay;
    }

    @Override
    public void send(Mail mail) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        session().send(mail);
    }

    private SmtpSession session() throws IOException {
        SmtpSession current = session;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("the mail sender is closed");
            }
            current = session;
            if (current == null) {
                current = new SmtpSession(relay);
                session = current;
            }
            return current;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }
}
