/** Amazon S3's semantics: buckets, objects, listings and multipart uploads over the storage SPI's ObjectStore. */
@NullMarked
package dev.wharf.s3.engine;

import org.jspecify.annotations.NullMarked;
