package dev.wharf.sns.engine.endpoint;

import java.io.IOException;

/** The mail relay refused a mail for good, with an SMTP 5xx reply: sending it again cannot succeed. */
public final class MailRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    public MailRejectedException(String message) {
        super(message);
    }
}
