package dev.wharf.common;

/**
 * Who sent a request, as the signature check established it.
 *
 * @param accountId the twelve-digit account that the access key maps to
 * @param accessKeyId the access key that signed the request
 * @param region the region of the request's credential scope
 */
public record Caller(String accountId, String accessKeyId, String region) {}
