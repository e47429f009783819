/** Amazon SQS's operations, request and result types, errors and limits, as AWS names them. */
@NullMarked
package dev.wharf.sqs.api;

import org.jspecify.annotations.NullMarked;
