/** AWS IAM's and STS's semantics: who a caller is, and later its users, roles and sessions. */
@NullMarked
package dev.wharf.iam.engine;

import org.jspecify.annotations.NullMarked;
