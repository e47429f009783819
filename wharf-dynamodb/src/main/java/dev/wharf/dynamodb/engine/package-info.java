/** DynamoDB's semantics: tables and their indexes, items, conditional and transactional writes, queries and scans. */
@NullMarked
package dev.wharf.dynamodb.engine;

import org.jspecify.annotations.NullMarked;
