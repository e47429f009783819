/** Firehose's semantics: delivery streams, their durable buffers and their deliveries, over the storage SPI. */
@NullMarked
package dev.wharf.firehose.engine;

import org.jspecify.annotations.NullMarked;
