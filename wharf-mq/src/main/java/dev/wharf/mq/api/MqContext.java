package dev.wharf.mq.api;

/** The caller's account and the server's region, for ARNs. */
public record MqContext(String accountId, String region) {}
