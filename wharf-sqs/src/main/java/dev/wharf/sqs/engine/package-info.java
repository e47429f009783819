/** Amazon SQS's semantics over the storage SPI; time comes from an injected clock. */
@NullMarked
package dev.wharf.sqs.engine;

import org.jspecify.annotations.NullMarked;
