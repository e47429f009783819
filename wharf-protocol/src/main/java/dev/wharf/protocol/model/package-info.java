/** The AWS service models (Smithy JSON AST) that drive every codec. */
@NullMarked
package dev.wharf.protocol.model;

import org.jspecify.annotations.NullMarked;
