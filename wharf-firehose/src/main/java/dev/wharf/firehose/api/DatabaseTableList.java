package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's DatabaseTableList shape, as the model names its members. */
public record DatabaseTableList(
        @Nullable List<String> include, @Nullable List<String> exclude) {}
