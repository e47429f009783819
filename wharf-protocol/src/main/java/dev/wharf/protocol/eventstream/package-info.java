/**
 * The AWS event-stream framing, {@code application/vnd.amazon.eventstream}, and the conventions of AWS's RPC event
 * streams, as Kinesis SubscribeToShard answers with them over HTTP/2.
 *
 * <h2>Framing</h2>
 *
 * <p>A stream is a sequence of messages. Each is a 12-byte prelude (total length and headers length, both unsigned
 * 32-bit big-endian, then the CRC32 of those 8 bytes), the headers, the payload, and the CRC32 of everything before
 * it. A header is a name (one length byte, 1 to 255 UTF-8 bytes), a type byte and a value: true (0) and false (1)
 * with no bytes, byte (2), short (3), integer (4), long (5), byte array (6) and string (7) with a 2-byte length of 1 to
 * 32767, timestamp (8) as int64 milliseconds, UUID (9) as 16 bytes. Names are unique within a message.
 *
 * <p>Limits, as AWS states and its SDKs enforce them: encoded headers at most 128 KiB everywhere; the payload at most
 * 24 MiB in the Smithy specification and the Java SDK's decoder ({@code software.amazon.eventstream}), but 16 MiB in
 * the Python and Go SDKs, and the C runtime caps the whole message at 16 MiB. {@link
 * dev.wharf.protocol.eventstream.EventStreamLimits#AWS} therefore allows 128 KiB of headers and 16 MiB of payload.
 *
 * <h2>What the SDK for Java v2 expects of SubscribeToShard's stream</h2>
 *
 * <p>Read from {@code software.amazon.awssdk:kinesis}, {@code aws-core} ({@code EventStreamAsyncResponseTransformer}),
 * {@code aws-json-protocol} and {@code software.amazon.eventstream:eventstream} 1.0.1, all as SDK 2.51.3 uses them:
 *
 * <ul>
 *   <li>The client decodes the body with {@code software.amazon.eventstream.MessageDecoder}, whatever chunking HTTP/2
 *       gives it. That decoder rejects a prelude or message CRC mismatch, more than 128 KiB of headers, more than
 *       24 MiB of payload, and empty string and byte-array values; of a header name that appears twice it keeps the
 *       last, where Wharf's decoder rejects the message. Its encoder (1.0.1) writes byte and short headers without
 *       their value bytes, so the golden tests compare the encoders only on the other types.
 *   <li>The client turns every header of every message into an HTTP-style header by reading it as a string, so a
 *       header of any other type fails the whole stream with an {@code SdkClientException}. Wharf sends only string
 *       headers on SubscribeToShard.
 *   <li>{@code :message-type} decides: {@code event} is an event, {@code exception} and {@code error} are errors, and a
 *       message of any other type, or of none, is dropped with a debug log.
 *   <li>An event's {@code :event-type} must be present. {@code initial-response} is not delivered as an event: its
 *       payload is unmarshalled as the operation's output ({@code SubscribeToShardResponse}, which has no members but
 *       the stream) and passed to {@code SubscribeToShardResponseHandler.responseReceived}, which the SDK calls for
 *       nothing else: the HTTP response's headers only give it the request id ({@code x-amzn-RequestId}) and {@code
 *       x-amz-id-2}. So the server must send {@code initial-response} first, before any event. Every other event type
 *       is unmarshalled by the union's tag: {@code SubscribeToShardEvent} gives that event, and any other name gives
 *       {@code SubscribeToShardEventStream.UNKNOWN}.
 *   <li>The SDK does not read {@code :content-type}: it parses payloads with the client's protocol (CBOR, the default
 *       for Kinesis, or JSON 1.1 when CBOR is disabled), so the header only has to agree with the protocol: {@code
 *       application/x-amz-cbor-1.1} or {@code application/x-amz-json-1.1}.
 *   <li>An {@code exception} or {@code error} message ends the stream with an exception, which reaches {@code
 *       exceptionOccurred} and fails the call's future. Its error code is the first of the headers {@code
 *       x-amzn-ErrorType}, {@code :error-code}, {@code :exception-type}, else the payload's {@code __type} or {@code
 *       code}; its message is the header {@code x-amzn-error-message}, then {@code :error-message}, then the payload's
 *       message field. The code picks the exception class among the stream's modeled errors: {@code
 *       ResourceNotFoundException}, {@code ResourceInUseException}, {@code KMSDisabledException}, {@code
 *       KMSInvalidStateException}, {@code KMSAccessDeniedException}, {@code KMSNotFoundException}, {@code
 *       KMSOptInRequired}, {@code KMSThrottlingException} (all 400) and {@code InternalFailureException} (500); any
 *       other code gives a plain {@code KinesisException}.
 *   <li>The end of the HTTP/2 stream completes the subscription ({@code complete}); a subscription lasts at most five
 *       minutes, and the KCL then subscribes again.
 * </ul>
 */
@NullMarked
package dev.wharf.protocol.eventstream;

import org.jspecify.annotations.NullMarked;
