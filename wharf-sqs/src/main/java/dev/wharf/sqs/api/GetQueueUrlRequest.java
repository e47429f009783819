package dev.wharf.sqs.api;

import org.jspecify.annotations.Nullable;

/** The input of GetQueueUrl. */
public record GetQueueUrlRequest(String queueName, @Nullable String queueOwnerAWSAccountId) {}
