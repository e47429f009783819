package dev.wharf.protocol.model;

/** Where in an HTTP message a member travels, as Smithy's HTTP binding traits place it. */
public enum HttpLocation {
    /** In the body: an element of the XML or JSON document, or the whole body when the member is the payload. */
    PAYLOAD,
    /** One header, named by the member's location name ({@code httpHeader}). */
    HEADER,
    /** A map of every header whose name starts with the location name, such as S3's {@code x-amz-meta-}. */
    PREFIX_HEADERS,
    /** A label of the request URI, such as {@code {Bucket}}. */
    PATH,
    /** A greedy label of the request URI, such as {@code {Key+}}, which holds slashes. */
    GREEDY_PATH,
    /** A query-string parameter ({@code httpQuery}). */
    QUERY,
    /** The response's HTTP status ({@code httpResponseCode}). */
    STATUS_CODE
}
