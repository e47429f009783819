package dev.wharf.sns.api;

/** The output of Unsubscribe. */
public record UnsubscribeResponse() {}
