package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of Amazon MQ's ListBrokers operation, as the model names its members. */
public record ListBrokersResponse(
        @Nullable List<BrokerSummary> brokerSummaries,
        @Nullable String nextToken) {}
