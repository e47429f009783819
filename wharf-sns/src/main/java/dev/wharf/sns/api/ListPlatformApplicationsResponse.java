package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of ListPlatformApplications. */
public record ListPlatformApplicationsResponse(
        @Nullable List<PlatformApplication> platformApplications,
        @Nullable String nextToken) {}
