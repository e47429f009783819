package dev.wharf.kinesis.api;

/** The output of UpdateMaxRecordSize. */
public record UpdateMaxRecordSizeResponse() {}
