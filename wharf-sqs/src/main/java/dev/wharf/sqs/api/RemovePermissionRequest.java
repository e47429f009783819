package dev.wharf.sqs.api;

/** The input of RemovePermission. */
public record RemovePermissionRequest(String queueUrl, String label) {}
