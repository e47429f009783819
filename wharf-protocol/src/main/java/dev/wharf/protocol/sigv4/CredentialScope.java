package dev.wharf.protocol.sigv4;

import dev.wharf.common.CommonError;

/**
 * The five parts of a SigV4 credential: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the access key that signed
 * @param date the day of the signing key, {@code yyyyMMdd}
 * @param region the region the request was signed for
 * @param service the signing name of the service the request was signed for
 * @param terminator the scope's last part, which must be {@code aws4_request}
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    /**
     * Splits a credential into its parts; trailing slashes are ignored, as AWS ignores them.
     *
     * @throws dev.wharf.common.AwsException IncompleteSignature unless there are exactly five parts
     */
    static CredentialScope parse(String credential) {
        int end = credential.length();
        while (end > 0 && credential.charAt(end - 1) == '/') {
            end--;
        }
        String[] parts = credential.substring(0, end).split("/", -1);
        if (parts.length != 5) {
            throw CommonError.INCOMPLETE_SIGNATURE.with("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + credential + "'");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}
