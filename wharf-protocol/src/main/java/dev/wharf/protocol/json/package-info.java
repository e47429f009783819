/** The AWS JSON 1.0 and 1.1 protocols. */
@NullMarked
package dev.wharf.protocol.json;

import org.jspecify.annotations.NullMarked;
