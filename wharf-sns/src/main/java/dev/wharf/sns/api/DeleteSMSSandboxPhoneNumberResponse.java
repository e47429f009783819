package dev.wharf.sns.api;

/** The output of DeleteSMSSandboxPhoneNumber. */
public record DeleteSMSSandboxPhoneNumberResponse() {}
