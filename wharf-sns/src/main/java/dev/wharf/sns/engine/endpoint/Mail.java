package dev.wharf.sns.engine.endpoint;

/**
 * One plain-text mail that SNS sends to an {@code email} or {@code email-json} subscriber: a subscription confirmation
 * or a notification. The sender's address is the relay's (see {@link SmtpRelay#from()}); the mail names only who it is
 * from.
 *
 * @param senderName the display name the mail is from: the topic's {@code DisplayName}, or AWS's default
 * @param to the subscriber's address, as the subscription's endpoint names it
 * @param subject the subject line
 * @param text the body, sent as UTF-8 plain text
 */
public record Mail(String senderName, String to, String subject, String text) {

    public Mail {
        if (to.isBlank()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
    }
}
