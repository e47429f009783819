package dev.wharf.mq.api;

/** The output of Amazon MQ's RebootBroker operation, as the model names its members. */
public record RebootBrokerResponse() {}
