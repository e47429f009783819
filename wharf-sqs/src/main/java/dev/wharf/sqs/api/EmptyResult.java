package dev.wharf.sqs.api;

/** The result of an operation that returns nothing. */
public record EmptyResult() {}
