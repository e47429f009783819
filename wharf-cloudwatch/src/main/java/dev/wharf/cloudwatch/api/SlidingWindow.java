package dev.wharf.cloudwatch.api;

/** Part of CloudWatch's SlidingWindow shape, as the model names its members. */
public record SlidingWindow() {}
