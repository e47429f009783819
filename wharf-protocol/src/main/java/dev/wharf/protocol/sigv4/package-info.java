/**
 * AWS Signature Version 4 on incoming requests: the verifier that establishes a request's {@link
 * dev.wharf.common.Caller}, and the credential stores that map access keys to secrets and accounts.
 */
@NullMarked
package dev.wharf.protocol.sigv4;

import org.jspecify.annotations.NullMarked;
