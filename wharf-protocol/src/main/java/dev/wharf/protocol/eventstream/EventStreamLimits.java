package dev.wharf.protocol.eventstream;

/**
 * The size limits of one event-stream message, which both the encoder and the decoder enforce.
 *
 * <p>{@link #AWS} holds what every AWS SDK decodes: encoded headers up to 128 KiB (the Smithy specification, the Java,
 * Python and Go SDKs and the C runtime agree), and a payload up to 16 MiB (the Python and Go SDKs; the Smithy
 * specification and the Java SDK allow 24 MiB).
 *
 * @param headersBytesMax the most bytes of encoded headers
 * @param payloadBytesMax the most bytes of payload
 */
public record EventStreamLimits(int headersBytesMax, int payloadBytesMax) {

    /** The AWS limits. */
    public static final EventStreamLimits AWS = new EventStreamLimits(128 * 1024, 16 * 1024 * 1024);

    public EventStreamLimits {
        if (headersBytesMax < 0 || payloadBytesMax < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if ((long) headersBytesMax + payloadBytesMax + EventStreamMessage.OVERHEAD_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a message within these limits would not fit in one Java array");
        }
    }

    /** The longest whole message, prelude and CRCs included. */
    public int messageBytesMax() {
        return EventStreamMessage.OVERHEAD_BYTES + headersBytesMax + payloadBytesMax;
    }
}
