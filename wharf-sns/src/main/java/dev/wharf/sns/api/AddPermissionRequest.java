package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of AddPermission. */
public record AddPermissionRequest(
        @Nullable String topicArn,
        @Nullable String label,
        @Nullable List<String> awsAccountIds,
        @Nullable List<String> actionNames) {}
