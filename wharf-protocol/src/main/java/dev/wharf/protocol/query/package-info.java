/** The AWS Query protocol: form-encoded requests and XML responses. */
@NullMarked
package dev.wharf.protocol.query;

import org.jspecify.annotations.NullMarked;
