package dev.wharf.firehose.api;

/**
 * Who calls, and where: the account that owns what the call names, and the server's region, which ARNs name.
 *
 * @param accountId the caller's account
 * @param region the region of the server, such as {@code us-east-1}
 */
public record FirehoseContext(String accountId, String region) {}
