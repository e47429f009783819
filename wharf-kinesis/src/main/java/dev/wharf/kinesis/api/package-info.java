/** Amazon Kinesis Data Streams' operations, request and response types, errors and limits, as AWS names them. */
@NullMarked
package dev.wharf.kinesis.api;

import org.jspecify.annotations.NullMarked;
