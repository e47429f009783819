package dev.wharf.protocol.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The signature parts of a request, read from its {@code Authorization} header or from its presigned query string.
 *
 * @param presigned true for the query-string form
 * @param algorithm the algorithm the request names; not yet checked
 * @param credential the credential scope as written: {@code AKID/yyyyMMdd/region/service/aws4_request}; not yet checked
 * @param signedHeaders the lower-case names of the signed headers, in the order listed
 * @param signature the signature as written
 * @param requestTime when the request was signed
 * @param expires how long a presigned request stays valid ({@code X-Amz-Expires}), or null when not stated
 * @param query the request's query parameters
 */
record SigV4Authorization(
        boolean presigned,
        String algorithm,
        String credential,
        List<String> signedHeaders,
        String signature,
        Instant requestTime,
        @Nullable Duration expires,
        QueryParameters query) {}
