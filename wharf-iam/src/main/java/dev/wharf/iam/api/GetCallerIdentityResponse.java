package dev.wharf.iam.api;

/**
 * The result of GetCallerIdentity.
 *
 * @param userId the caller's unique id: the {@code aws:userid} of IAM's policy variables, which for an account's root
 *     user is the account id
 * @param account the twelve-digit account that the caller belongs to
 * @param arn the caller's ARN, such as {@code arn:aws:iam::123456789012:root}
 */
public record GetCallerIdentityResponse(String userId, String account, String arn) {}
