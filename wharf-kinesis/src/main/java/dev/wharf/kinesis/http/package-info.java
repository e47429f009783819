/** Kinesis Data Streams' wire binding: model-shaped documents of JSON 1.1 and CBOR to api records and back. */
@NullMarked
package dev.wharf.kinesis.http;

import org.jspecify.annotations.NullMarked;
