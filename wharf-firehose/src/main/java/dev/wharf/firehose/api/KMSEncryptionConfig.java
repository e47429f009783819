package dev.wharf.firehose.api;

import org.jspecify.annotations.Nullable;

/** Part of Firehose's KMSEncryptionConfig shape, as the model names its members. */
public record KMSEncryptionConfig(@Nullable String aWSKMSKeyARN) {}
