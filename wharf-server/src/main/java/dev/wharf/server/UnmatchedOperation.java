package dev.wharf.server;

import dev.wharf.common.AwsErrorCode;

/**
 * The error a REST protocol answers when no modelled operation takes a request's method and path: each service's own
 * (S3's {@code NotImplemented}, Amazon MQ's {@code NotFoundException}), outside any namespace.
 *
 * @param shapeName the error's code
 * @param httpStatus its status
 * @param senderFault whether the client is at fault
 */
record UnmatchedOperation(String shapeName, int httpStatus, boolean senderFault) implements AwsErrorCode {

    @Override
    public String queryCode() {
        return shapeName;
    }

    @Override
    public String jsonNamespace() {
        return "";
    }
}
