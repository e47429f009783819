/** Binds Firehose's AWS JSON 1.1 requests to the engine, and results back. */
@NullMarked
package dev.wharf.firehose.http;

import org.jspecify.annotations.NullMarked;
