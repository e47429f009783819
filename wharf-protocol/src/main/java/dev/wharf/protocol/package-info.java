/** Wire protocols of the AWS services: the codecs turn HTTP bodies into model-shaped documents and back. */
@NullMarked
package dev.wharf.protocol;

import org.jspecify.annotations.NullMarked;
