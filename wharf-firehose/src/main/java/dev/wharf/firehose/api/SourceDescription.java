package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's SourceDescription shape, as the model names its members. */
public record SourceDescription(
        @Nullable DirectPutSourceDescription directPutSourceDescription,
        @Nullable KinesisStreamSourceDescription kinesisStreamSourceDescription,
        @Nullable MSKSourceDescription mSKSourceDescription,
        @Nullable DatabaseSourceDescription databaseSourceDescription) {}
