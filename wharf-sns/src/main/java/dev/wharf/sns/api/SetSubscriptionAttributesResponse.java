package dev.wharf.sns.api;

/** The output of SetSubscriptionAttributes. */
public record SetSubscriptionAttributesResponse() {}
