/**
 * How Amazon SNS reaches endpoints outside the server (HTTP/S subscribers and Lambda functions): the request it posts,
 * the {@link dev.wharf.sns.engine.endpoint.EndpointSender} port that engine tests replace, and the JDK's HTTP client
 * behind it.
 */
@NullMarked
package dev.wharf.sns.engine.endpoint;

import org.jspecify.annotations.NullMarked;
