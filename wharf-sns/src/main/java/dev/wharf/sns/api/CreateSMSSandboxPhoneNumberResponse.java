package dev.wharf.sns.api;

/** The output of CreateSMSSandboxPhoneNumber. */
public record CreateSMSSandboxPhoneNumberResponse() {}
