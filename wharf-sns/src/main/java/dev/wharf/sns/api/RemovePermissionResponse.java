package dev.wharf.sns.api;

/** The output of RemovePermission. */
public record RemovePermissionResponse() {}
