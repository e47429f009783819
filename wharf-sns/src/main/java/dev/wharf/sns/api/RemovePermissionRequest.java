package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of RemovePermission. */
public record RemovePermissionRequest(
        @Nullable String topicArn, @Nullable String label) {}
