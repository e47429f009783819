/** Amazon Data Firehose's operations' request and result types, errors, limits and ports, as AWS names them. */
@NullMarked
package dev.wharf.firehose.api;

import org.jspecify.annotations.NullMarked;
