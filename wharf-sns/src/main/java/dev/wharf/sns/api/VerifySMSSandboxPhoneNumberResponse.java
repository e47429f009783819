package dev.wharf.sns.api;

/** The output of VerifySMSSandboxPhoneNumber. */
public record VerifySMSSandboxPhoneNumberResponse() {}
