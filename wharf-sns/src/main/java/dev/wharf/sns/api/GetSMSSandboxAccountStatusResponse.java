package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The output of GetSMSSandboxAccountStatus. */
public record GetSMSSandboxAccountStatusResponse(@Nullable Boolean isInSandbox) {}
