package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseColumnList shape, as the model names its members. */
public record DatabaseColumnList(
        @Nullable List<String> include, @Nullable List<String> exclude) {}
