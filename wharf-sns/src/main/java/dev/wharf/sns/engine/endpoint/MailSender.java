package dev.wharf.sns.engine.endpoint;

import java.io.IOException;

/**
 * Sends SNS's mails through a mail relay. The engine decides what a refusal means; a sender only carries the mail.
 *
 * <p>Implementations are thread-safe: the engine calls {@link #send} from several threads at once, never more than its
 * concurrency limit for the relay allows. {@link #send} blocks until the relay has taken the mail or refused it, its
 * timeouts pass, or the calling thread is interrupted.
 */
public interface MailSender extends AutoCloseable {

    /**
     * Hands one mail to the relay.
     *
     * @throws MailRejectedException when the relay refused the mail for good (an SMTP 5xx reply: no such recipient, a
     *     sender it does not accept): retrying cannot help
     * @throws IOException when the relay could not be reached or refused the mail for now (an SMTP 4xx reply, a broken
     *     connection, a timeout): a later attempt may succeed
     * @throws InterruptedException when the calling thread was interrupted, as when the server stops
     */
    void send(Mail mail) throws IOException, InterruptedException;

    /** Frees what the sender holds; later sends may fail. Idempotent. */
    @Override
    void close();
}
