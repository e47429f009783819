/**
 * How Amazon SNS reaches endpoints outside the server: for HTTP/S subscribers and Lambda functions, the request it
 * posts, the {@link dev.wharf.sns.engine.endpoint.EndpointSender} port that engine tests replace, and the JDK's HTTP
 * client behind it; for email subscribers, the {@link dev.wharf.sns.engine.endpoint.Mail}, the {@link
 * dev.wharf.sns.engine.endpoint.MailSender} port, and Jakarta Mail behind it.
 */
@NullMarked
package dev.wharf.sns.engine.endpoint;

import org.jspecify.annotations.NullMarked;
