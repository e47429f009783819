package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's ProcessingConfiguration shape, as the model names its members. */
public record ProcessingConfiguration(
        @Nullable Boolean enabled, @Nullable List<Processor> processors) {}
