package dev.wharf.dynamodb.api;

/** The input of DescribeEndpoints. */
public record DescribeEndpointsRequest() {}
