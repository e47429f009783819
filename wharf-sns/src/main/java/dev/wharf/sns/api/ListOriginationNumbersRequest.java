package dev.wharf.sns.api;

import org.jspecify.annotations.Nullable;

/** The input of ListOriginationNumbers. */
public record ListOriginationNumbersRequest(
        @Nullable String nextToken, @Nullable Integer maxResults) {}
