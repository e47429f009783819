package dev.wharf.protocol.sigv4;

import java.util.regex.Pattern;

/**
 * An access key that may sign requests, its secret, and the account it acts for.
 *
 * @param accessKeyId the public half, as it appears in a request's credential scope
 * @param secretAccessKey the secret half; never printed
 * @param accountId the twelve-digit account that requests signed with this key belong to
 */
public record Credential(String accessKeyId, String secretAccessKey, String accountId) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    public Credential {
        if (accessKeyId.isEmpty() || containsSeparator(accessKeyId)) {
            throw new IllegalArgumentException(
                    "access key id must be non-empty, without whitespace, '/' or ':': '" + accessKeyId + "'");
        }
        if (secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("secret access key of '" + accessKeyId + "' must be non-empty");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("account id must be 12 digits: '" + accountId + "'");
        }
    }

    /** Prints the access key and account, never the secret. */
    @Override
    public String toString() {
        return "Credential[accessKeyId=" + accessKeyId + ", accountId=" + accountId + "]";
    }

    private static boolean containsSeparator(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
