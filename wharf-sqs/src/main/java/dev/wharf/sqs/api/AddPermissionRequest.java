package dev.wharf.sqs.api;

import java.util.List;

/** The input of AddPermission. */
public record AddPermissionRequest(String queueUrl, String label, List<String> awsAccountIds, List<String> actions) {}
