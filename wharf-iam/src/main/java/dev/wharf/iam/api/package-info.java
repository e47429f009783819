/** AWS IAM's and STS's operations, request and response types, as AWS names them. */
@NullMarked
package dev.wharf.iam.api;

import org.jspecify.annotations.NullMarked;
