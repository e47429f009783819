/** The binding of DynamoDB's wire documents (AWS JSON 1.0) to the api types and back. */
@NullMarked
package dev.wharf.dynamodb.http;

import org.jspecify.annotations.NullMarked;
