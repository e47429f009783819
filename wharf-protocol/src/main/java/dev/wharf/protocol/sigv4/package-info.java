/**
 * AWS Signature Version 4 on incoming requests: the verifier that establishes a request's {@link
 * dev.wharf.common.Caller}, and the credential stores that map access keys to secrets and accounts; for S3, the
 * check of a streamed body ({@link dev.wharf.protocol.sigv4.SignedPayload}): aws-chunked decoding, chunk and trailer
 * signatures, the declared SHA-256 and the checksums.
 */
@NullMarked
package dev.wharf.protocol.sigv4;

import org.jspecify.annotations.NullMarked;
