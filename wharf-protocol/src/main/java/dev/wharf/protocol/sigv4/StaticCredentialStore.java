package dev.wharf.protocol.sigv4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fixed set of credentials, from the configuration file or the {@code WHARF_CREDENTIALS} environment variable.
 *
 * <p>An empty set accepts any signature, so that a server without configured credentials takes requests from any
 * client. Immutable, hence thread-safe.
 */
public final class StaticCredentialStore implements CredentialStore {

    /** The account of a credential whose entry names none. */
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    private final Map<String, Credential> byAccessKeyId;

    /** Holds the given credentials; two of them with one access key id are a configuration mistake. */
    public StaticCredentialStore(List<Credential> credentials) {
        Map<String, Credential> keys = new HashMap<>(credentials.size() * 2);
        for (Credential credential : credentials) {
            if (keys.putIfAbsent(credential.accessKeyId(), credential) != null) {
                throw new IllegalArgumentException(
                        "access key id is configured twice: '" + credential.accessKeyId() + "'");
            }
        }
        this.byAccessKeyId = Map.copyOf(keys);
    }

    /**
     * Reads {@code ACCESS_KEY:SECRET[:ACCOUNT_ID],...}, the format of {@code WHARF_CREDENTIALS}; an entry without an
     * account belongs to {@value #DEFAULT_ACCOUNT_ID}. Whitespace around entries and empty entries are ignored, so an
     * empty or blank text gives a store that accepts any signature.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static StaticCredentialStore parse(String text) {
        List<Credential> credentials = new ArrayList<>();
        for (String rawEntry : text.split(",", -1)) {
            String entry = rawEntry.strip();
            if (!entry.isEmpty()) {
                credentials.add(parseEntry(entry));
            }
        }
        return new StaticCredentialStore(credentials);
    }

    private static Credential parseEntry(String entry) {
        String[] parts = entry.split(":", -1);
        if (parts.length != 2 && parts.length != 3) {
            throw malformed(entry, "expected ACCESS_KEY:SECRET[:ACCOUNT_ID]");
        }
        String accountId = parts.length == 3 ? parts[2] : DEFAULT_ACCOUNT_ID;
        try {
            return new Credential(parts[0], parts[1], accountId);
        } catch (IllegalArgumentException e) {
            throw malformed(entry, e.getMessage());
        }
    }

    private static IllegalArgumentException malformed(String entry, @Nullable String reason) {
        return new IllegalArgumentException("malformed credential entry '" + withoutSecret(entry) + "': "
                + (reason == null ? "expected ACCESS_KEY:SECRET[:ACCOUNT_ID]" : reason));
    }

    /** Names an entry with its secret masked, so that the message can reach a log. */
    private static String withoutSecret(String entry) {
        String[] parts = entry.split(":", -1);
        if (parts.length < 2) {
            return entry;
        }
        parts[1] = "****";
        return String.join(":", parts);
    }

    @Override
    public @Nullable Credential find(String accessKeyId) {
        return byAccessKeyId.get(accessKeyId);
    }

    @Override
    public boolean acceptsAnySignature() {
        return byAccessKeyId.isEmpty();
    }

    /** The credentials the store holds, in no particular order. */
    public java.util.Collection<Credential> credentials() {
        return byAccessKeyId.values();
    }

    /** How many credentials the store holds. */
    public int size() {
        return byAccessKeyId.size();
    }
}
