package dev.wharf.iam.api;

/** The input of GetCallerIdentity, which has no members: the caller is the request's signer. */
public record GetCallerIdentityRequest() {}
