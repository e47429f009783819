package dev.wharf.sns.api;

/** The input of GetSMSSandboxAccountStatus. */
public record GetSMSSandboxAccountStatusRequest() {}
