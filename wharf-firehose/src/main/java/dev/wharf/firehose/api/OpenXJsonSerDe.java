package dev.wharf.firehose.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's OpenXJsonSerDe shape, as the model names its members. */
public record OpenXJsonSerDe(
        @Nullable Boolean convertDotsInJsonKeysToUnderscores,
        @Nullable Boolean caseInsensitive,
        @Nullable Map<String, String> columnToJsonKeyMappings) {}
