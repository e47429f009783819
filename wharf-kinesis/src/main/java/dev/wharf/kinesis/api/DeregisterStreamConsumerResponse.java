package dev.wharf.kinesis.api;

/** The output of DeregisterStreamConsumer. */
public record DeregisterStreamConsumerResponse() {}
