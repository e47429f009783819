package dev.wharf.protocol.model;

/** How a timestamp member is written, as Smithy's {@code timestampFormat} trait names the forms. */
public enum TimestampFormat {
    /** ISO 8601, as in {@code 2026-12-02T13:00:00.000Z}. */
    DATE_TIME,
    /** RFC 1123 (the IMF-fixdate of HTTP), as in {@code Wed, 02 Dec 2026 13:00:00 GMT}. */
    HTTP_DATE,
    /** Seconds since the epoch, with an optional fraction. */
    EPOCH_SECONDS
}
