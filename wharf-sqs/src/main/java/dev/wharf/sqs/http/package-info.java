/** Binds Amazon SQS's wire documents to its api types and back. */
@NullMarked
package dev.wharf.sqs.http;

import org.jspecify.annotations.NullMarked;
