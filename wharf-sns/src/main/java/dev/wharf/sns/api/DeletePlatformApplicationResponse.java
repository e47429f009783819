package dev.wharf.sns.api;

/** The output of DeletePlatformApplication. */
public record DeletePlatformApplicationResponse() {}
