package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's Processor shape, as the model names its members. */
public record Processor(@Nullable String type, @Nullable List<ProcessorParameter> parameters) {}
