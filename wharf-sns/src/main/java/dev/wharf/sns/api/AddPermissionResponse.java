package dev.wharf.sns.api;

/** The output of AddPermission. */
public record AddPermissionResponse() {}
