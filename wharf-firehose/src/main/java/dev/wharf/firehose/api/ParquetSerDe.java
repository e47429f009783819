package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's ParquetSerDe shape, as the model names its members. */
public record ParquetSerDe(
        @Nullable Integer blockSizeBytes,
        @Nullable Integer pageSizeBytes,
        @Nullable String compression,
        @Nullable Boolean enableDictionaryCompression,
        @Nullable Integer maxPaddingBytes,
        @Nullable String writerVersion) {}
