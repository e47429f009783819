package dev.wharf.protocol.restxml;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;

/** The errors that the REST-XML codec answers for a request it cannot read, in S3's words. */
public enum RestXmlError implements AwsErrorCode {
    MALFORMED_XML(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema"),
    MAX_MESSAGE_LENGTH_EXCEEDED("MaxMessageLengthExceeded", "Your request was too big."),
    INVALID_ARGUMENT("InvalidArgument", "Invalid Argument");

    /**
     * The argument that an {@code InvalidArgument} names, which S3 writes beside its message as {@code ArgumentName}
     * and {@code ArgumentValue}; the {@link AwsException#detail()} of the codec's own InvalidArgument errors.
     */
    public record Argument(String name, String value) {}

    private final String code;
    private final String message;

    RestXmlError(String code, String message) {
        this.code = code;
        this.message = message;
    }

    @Override
    public String shapeName() {
        return code;
    }

    @Override
    public String queryCode() {
        return code;
    }

    @Override
    public String jsonNamespace() {
        return "";
    }

    @Override
    public int httpStatus() {
        return 400;
    }

    @Override
    public boolean senderFault() {
        return true;
    }

    /** The error with its usual message. */
    public AwsException exception() {
        return new AwsException(this, message);
    }

    public AwsException with(String detail) {
        return new AwsException(this, detail);
    }
}
