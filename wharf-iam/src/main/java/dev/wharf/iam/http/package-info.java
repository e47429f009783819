/** Binds AWS STS's wire documents to its api types and back. */
@NullMarked
package dev.wharf.iam.http;

import org.jspecify.annotations.NullMarked;
