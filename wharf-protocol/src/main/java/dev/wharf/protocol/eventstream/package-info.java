/**
 * The AWS event-stream framing, {@code application/vnd.amazon.eventstream}, and the conventions of AWS's RPC event
 * streams, as Kinesis SubscribeToShard answers with them over HTTP/2.
 */
@NullMarked
package dev.wharf.protocol.eventstream;

import org.jspecify.annotations.NullMarked;
