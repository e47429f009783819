package dev.wharf.dynamodb.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The output of DescribeEndpoints. */
public record DescribeEndpointsResponse(@Nullable List<Endpoint> endpoints) {}
