package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's PartitionSpec shape, as the model names its members. */
public record PartitionSpec(@Nullable List<PartitionField> identity) {}
