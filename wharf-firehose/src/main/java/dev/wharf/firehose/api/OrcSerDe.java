package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's OrcSerDe shape, as the model names its members. */
public record OrcSerDe(
        @Nullable Integer stripeSizeBytes,
        @Nullable Integer blockSizeBytes,
        @Nullable Integer rowIndexStride,
        @Nullable Boolean enablePadding,
        @Nullable Double paddingTolerance,
        @Nullable String compression,
        @Nullable List<String> bloomFilterColumns,
        @Nullable Double bloomFilterFalsePositiveProbability,
        @Nullable Double dictionaryKeyThreshold,
        @Nullable String formatVersion) {}
