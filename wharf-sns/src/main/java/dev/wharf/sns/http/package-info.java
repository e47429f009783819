/** Binds Amazon SNS's Query protocol to the api types, and serves the URLs that SNS hands out. */
@NullMarked
package dev.wharf.sns.http;

import org.jspecify.annotations.NullMarked;
