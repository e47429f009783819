package dev.wharf.iam.engine;

import dev.wharf.common.Arn;
import dev.wharf.common.Caller;
import dev.wharf.iam.api.GetCallerIdentityRequest;
import dev.wharf.iam.api.GetCallerIdentityResponse;

/**
 * Answers AWS STS's operations for the callers that the signature check identified.
 *
 * <p>Every access key that Wharf knows today, configured or accepted without credentials, acts as the root user of its
 * account; IAM users, roles and their sessions will be told apart here. Stateless, hence thread-safe.
 */
public final class StsEngine {

    /** The resource part of an account root user's ARN. */
    static final String ROOT = "root";

    /** Returns who signed the request: the root user of the caller's account. */
    public GetCallerIdentityResponse getCallerIdentity(Caller caller, GetCallerIdentityRequest request) {
        String account = caller.accountId();
        // IAM ARNs name no region. A root user's aws:userid, and so its UserId, is the account id.
        return new GetCallerIdentityResponse(
                account, account, Arn.of("iam", "", account, ROOT).toString());
    }
}
