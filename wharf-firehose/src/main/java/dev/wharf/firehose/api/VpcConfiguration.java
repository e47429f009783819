package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's VpcConfiguration shape, as the model names its members. */
public record VpcConfiguration(
        @Nullable List<String> subnetIds,
        @Nullable String roleARN,
        @Nullable List<String> securityGroupIds) {}
