package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** The input of PutRecord. */
public record PutRecordRequest(
        @Nullable String deliveryStreamName, @Nullable StreamRecord record) {}
