package dev.wharf.sqs.api;

/** Who calls, and the endpoint they addressed, from which queue URLs are built. */
public record SqsContext(String accountId, String endpoint) {}
