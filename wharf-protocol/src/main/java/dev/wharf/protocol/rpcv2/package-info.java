/**
 * The Smithy RPC v2 CBOR protocol, which current SDKs speak to CloudWatch: {@link
 * dev.wharf.protocol.rpcv2.RpcV2Target} recognises its requests by their path and header, and {@link
 * dev.wharf.protocol.rpcv2.RpcV2CborCodec} reads and writes their CBOR bodies as the other codecs' documents.
 */
@NullMarked
package dev.wharf.protocol.rpcv2;

import org.jspecify.annotations.NullMarked;
