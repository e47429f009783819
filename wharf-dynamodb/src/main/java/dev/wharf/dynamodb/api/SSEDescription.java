package dev.wharf.dynamodb.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Part of DynamoDB's SSEDescription shape, as the model names its members. */
public record SSEDescription(
        @Nullable String status,
        @Nullable String sSEType,
        @Nullable String kMSMasterKeyArn,
        @Nullable Instant inaccessibleEncryptionDateTime) {}
