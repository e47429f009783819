package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeBrokerEngineTypes operation, as the model names its members. */
public record DescribeBrokerEngineTypesResponse(
        @Nullable List<BrokerEngineType> brokerEngineTypes,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
