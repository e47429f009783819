package dev.wharf.sns.api;

/** The output of PutDataProtectionPolicy. */
public record PutDataProtectionPolicyResponse() {}
