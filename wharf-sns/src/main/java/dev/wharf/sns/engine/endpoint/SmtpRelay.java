package dev.wharf.sns.engine.endpoint;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The mail relay that SNS hands its mails to.
 *
 * @param host the relay's host
 * @param port its SMTP port
 * @param security how the connection is protected
 * @param username the user to authenticate as, or null to send without authenticating
 * @param password the user's password; ignored without a user
 * @param from the address mails come from (their {@code From} and envelope sender); the display name is the topic's
 * @param timeout how long connecting, and each read and write, may take before the attempt counts as failed
 */
public record SmtpRelay(
        String host,
        int port,
        Security security,
        @Nullable String username,
        @Nullable String password,
        String from,
        Duration timeout) {

    /** The sender address when the configuration names none: a local one, since the relay is the user's own. */
    public static final String DEFAULT_FROM = "no-reply@sns.localhost";
    /** Wharf's choice of the longest wait for the relay, per connection, read or write. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How the connection to the relay is protected. */
    public enum Security {
        /** No TLS: a relay on the same host or network, such as a test server. */
        NONE,
        /** Plain SMTP upgraded with STARTTLS, which the relay must offer; its certificate is checked. */
        STARTTLS,
        /** SMTP inside TLS from the first byte (SMTPS, usually port 465); the certificate is checked. */
        TLS;

        /** The security a configuration names: {@code none}, {@code starttls} or {@code tls}, in any case. */
        public static Security of(String name) {
            for (Security security : values()) {
                if (security.name().equalsIgnoreCase(name.strip())) {
                    return security;
                }
            }
            throw new IllegalArgumentException("not an SMTP security: " + name + " (none, starttls or tls)");
        }

        /** The port a relay listens on for this security when the configuration names none. */
        public int defaultPort() {
            return this == TLS ? 465 : this == STARTTLS ? 587 : 25;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SmtpRelay {
        if (host.isBlank()) {
            throw new IllegalArgumentException("the SMTP relay needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        if (from.indexOf('@') < 1) {
            throw new IllegalArgumentException("not a mail address: " + from);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (username != null && username.isEmpty()) {
            username = null;
        }
    }

    @Override
    public String toString() {
        // Never the password.
        return "SmtpRelay[" + security + "://" + (username == null ? "" : username + "@") + host + ":" + port
                + ", from " + from + "]";
    }
}
