package dev.wharf.kinesis.api;

/** The input of DescribeAccountSettings. */
public record DescribeAccountSettingsRequest() {}
