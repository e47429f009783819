package dev.wharf.sns.api;

/**
 * Who calls, and the endpoint they addressed, from which the URLs that SNS hands out are built (SubscribeURL,
 * UnsubscribeURL, SigningCertURL).
 *
 * @param accountId the caller's account, or empty for an anonymous caller (one who follows a SubscribeURL)
 * @param endpoint the scheme, host and port the client addressed, such as {@code http://localhost:4566}
 */
public record SnsContext(String accountId, String endpoint) {

    public boolean anonymous() {
        return accountId.isEmpty();
    }
}
