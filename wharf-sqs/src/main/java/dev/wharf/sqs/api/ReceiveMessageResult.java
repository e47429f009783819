package dev.wharf.sqs.api;

import java.util.List;

/** The result of ReceiveMessage. */
public record ReceiveMessageResult(List<Message> messages) {}
