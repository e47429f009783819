package dev.wharf.sns.api;

/** The output of SetSMSAttributes. */
public record SetSMSAttributesResponse() {}
