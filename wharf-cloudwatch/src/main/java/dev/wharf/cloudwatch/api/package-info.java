/** Amazon CloudWatch's operations, request and response types, errors and limits, as AWS names them. */
@NullMarked
package dev.wharf.cloudwatch.api;

import org.jspecify.annotations.NullMarked;
