package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's DescribeBrokerInstanceOptions operation, as the model names its members. */
public record DescribeBrokerInstanceOptionsResponse(
        @Nullable List<BrokerInstanceOption> brokerInstanceOptions,
        @Nullable Integer maxResults,
        @Nullable String nextToken) {}
