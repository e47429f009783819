package dev.wharf.s3.api;

/**
 * Who makes an S3 request and where.
 *
 * @param accountId the caller's account, which owns the buckets it creates
 * @param accessKeyId the caller's access key, shown as the owner's display name
 * @param region the region the request was signed for
 */
public record S3Context(String accountId, String accessKeyId, String region) {}
