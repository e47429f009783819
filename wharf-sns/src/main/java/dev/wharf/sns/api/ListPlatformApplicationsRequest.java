package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListPlatformApplications. */
public record ListPlatformApplicationsRequest(@Nullable String nextToken) {}
