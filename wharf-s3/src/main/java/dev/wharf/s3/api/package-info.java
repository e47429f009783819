/** Amazon S3's operations' request and result types, errors and limits, as AWS names them. */
@NullMarked
package dev.wharf.s3.api;

import org.jspecify.annotations.NullMarked;
