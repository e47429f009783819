/** Binds S3's REST-XML requests, as the codec decodes them, to the engine, and results back. */
@NullMarked
package dev.wharf.s3.http;

import org.jspecify.annotations.NullMarked;
