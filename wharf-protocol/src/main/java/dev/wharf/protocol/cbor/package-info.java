/**
 * CBOR bodies as documents ({@link dev.wharf.protocol.cbor.CborBodyCodec}), and the AWS CBOR 1.1 protocol over them:
 * the JSON 1.1 RPC with CBOR bodies, as the Java SDKs speak it to Kinesis.
 */
@NullMarked
package dev.wharf.protocol.cbor;

import org.jspecify.annotations.NullMarked;
