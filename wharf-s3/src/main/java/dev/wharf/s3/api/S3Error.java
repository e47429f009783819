package dev.wharf.s3.api;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error that Wharf's S3 answers, with the HTTP status S3 gives it. S3 writes the code in its {@code <Error>}
 * document; the elements beside the message ({@code <BucketName>}, {@code <Key>}, ...) travel in an {@link
 * S3ErrorDetail}.
 */
public enum S3Error implements AwsErrorCode {
    AccessDenied(403),
    BadDigest(400),
    BucketAlreadyExists(409),
    BucketAlreadyOwnedByYou(409),
    BucketNotEmpty(409),
    EntityTooLarge(400),
    EntityTooSmall(400),
    IllegalLocationConstraintException(400),
    IncompleteBody(400),
    InvalidArgument(400),
    InvalidBucketName(400),
    InvalidDigest(400),
    InvalidPart(400),
    InvalidPartNumber(416),
    InvalidPartOrder(400),
    InvalidRange(416),
    InvalidRequest(400),
    InvalidTag(400),
    KeyTooLongError(400),
    MalformedXML(400),
    MetadataTooLarge(400),
    MethodNotAllowed(405),
    MissingContentLength(411),
    NoSuchBucket(404),
    NoSuchKey(404),
    NoSuchTagSet(404),
    NoSuchUpload(404),
    /** Not an error to the client: a conditional GET or HEAD whose object has not changed, answered 304 without body. */
    NotModified(304),
    NotImplemented(501),
    PreconditionFailed(412);

    private final int httpStatus;

    S3Error(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    @Override
    public String shapeName() {
        return name();
    }

    @Override
    public String queryCode() {
        return name();
    }

    @Override
    public String jsonNamespace() {
        return "";
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public boolean senderFault() {
        return httpStatus < 500;
    }

    public AwsException with(String message) {
        return new AwsException(this, message);
    }

    /**
     * The error with elements beside its message, given as name and value pairs in the order S3 writes them, such as
     * {@code "BucketName", name}.
     */
    public AwsException with(String message, String... elements) {
        if (elements.length % 2 != 0) {
            throw new IllegalArgumentException("elements come in name and value pairs");
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < elements.length; i += 2) {
            named.put(elements[i], elements[i + 1]);
        }
        return new AwsException(this, message, new S3ErrorDetail(named, Map.of()));
    }

    /** The error with elements and with headers that S3 sends beside it, such as an InvalidRange's Content-Range. */
    public AwsException with(String message, Map<String, String> elements, Map<String, String> headers) {
        return new AwsException(this, message, new S3ErrorDetail(elements, headers));
    }
}
