package dev.wharf.firehose.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Part of Firehose's VpcConfigurationDescription shape, as the model names its members. */
public record VpcConfigurationDescription(
        @Nullable List<String> subnetIds,
        @Nullable String roleARN,
        @Nullable List<String> securityGroupIds,
        @Nullable String vpcId) {}
