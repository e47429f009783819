package dev.wharf.sns.engine;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where SNS forwards the SMS and push notifications it keeps in its outboxes, so that a user's own adapter hands them
 * to a real carrier or push service: each message is POSTed as JSON, in the shape the outboxes' HTTP listing shows it.
 *
 * @param sms the URL every SMS is POSTed to, or null to keep SMS in the outbox only
 * @param push the URL every push notification is POSTed to, or null to keep them in the outbox only
 */
public record SnsWebhooks(@Nullable URI sms, @Nullable URI push) {

    public static final SnsWebhooks NONE = new SnsWebhooks(null, null);

    public SnsWebhooks {
        check("sms", sms);
        check("push", push);
    }

    private static void check(String kind, @Nullable URI url) {
        if (url != null
                && (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null)) {
            throw new IllegalArgumentException("the " + kind + " webhook is not an http or https URL: " + url);
        }
    }
}
