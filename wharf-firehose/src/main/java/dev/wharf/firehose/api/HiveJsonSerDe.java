package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's HiveJsonSerDe shape, as the model names its members. */
public record HiveJsonSerDe(@Nullable List<String> timestampFormats) {}
