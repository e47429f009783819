package dev.wharf.sns.api;

/** The output of SetPlatformApplicationAttributes. */
public record SetPlatformApplicationAttributesResponse() {}
