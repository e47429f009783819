package dev.wharf.sns.api;

/** The output of OptInPhoneNumber. */
public record OptInPhoneNumberResponse() {}
