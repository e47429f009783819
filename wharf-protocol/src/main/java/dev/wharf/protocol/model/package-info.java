/** The AWS service models (a Smithy JSON AST, or an SDK v2 service's model classes) that drive every codec. */
@NullMarked
package dev.wharf.protocol.model;

import org.jspecify.annotations.NullMarked;
