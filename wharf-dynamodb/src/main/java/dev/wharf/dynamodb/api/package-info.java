/** Amazon DynamoDB's operations, request and response types, errors and limits, as AWS names them. */
@NullMarked
package dev.wharf.dynamodb.api;

import org.jspecify.annotations.NullMarked;
