package dev.wharf.cloudwatch.api;

/**
 * Who calls and where: what every CloudWatch operation needs besides its request.
 *
 * @param accountId the caller's account
 * @param region the region of the server, such as {@code us-east-1}
 */
public record CloudWatchContext(String accountId, String region) {}
