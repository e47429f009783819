package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's Serializer shape, as the model names its members. */
public record Serializer(
        @Nullable ParquetSerDe parquetSerDe, @Nullable OrcSerDe orcSerDe) {}
