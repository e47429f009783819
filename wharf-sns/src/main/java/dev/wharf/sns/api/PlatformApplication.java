package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Part of SNS's PlatformApplication shape, as the model names its members. */
public record PlatformApplication(
        @Nullable String platformApplicationArn, @Nullable Map<String, String> attributes) {}
