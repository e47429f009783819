/** The binding of CloudWatch's wire documents (Query, JSON 1.0, Smithy RPC v2 CBOR) to the api types and back. */
@NullMarked
package dev.wharf.cloudwatch.http;

import org.jspecify.annotations.NullMarked;
