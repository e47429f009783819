package dev.wharf.protocol.sigv4;

import org.jspecify.annotations.Nullable;

/**
 * The access keys that Wharf knows, as {@link SigV4Verifier} consults them for every request.
 *
 * <p>Implementations are thread-safe: the verifier calls them from any request thread at once. Both methods are cheap
 * and never block on I/O, because they sit on every request's path.
 */
public interface CredentialStore {

    /** The credential of an access key, or null when the key is unknown. */
    @Nullable
    Credential find(String accessKeyId);

    /**
     * True when no credentials are configured: the verifier then checks only that requests are well-formed and accepts
     * any access key and any signature.
     */
    boolean acceptsAnySignature();
}
