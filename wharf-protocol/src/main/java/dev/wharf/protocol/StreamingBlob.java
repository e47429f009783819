package dev.wharf.protocol;

import java.io.InputStream;

/**
 * The bytes of a blob member that stream rather than sit on the heap, as S3's object bodies do: the body of a request
 * as it arrives, or the body of a response as the service reads it from its store.
 *
 * <p>In a request or result document, a streaming blob member holds one of these as a POJO node. Whoever takes it
 * reads the stream at most once and closes it. An {@link java.io.IOException} from a request's stream may carry an
 * {@link dev.wharf.common.AwsException} as its cause: the client's error that the body showed (a bad chunk signature,
 * a checksum that does not match), which the caller answers as such.
 *
 * @param stream the bytes
 * @param length the number of bytes, or -1 when it is not known in advance
 */
public record StreamingBlob(InputStream stream, long length) {}
