package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The input of SetSMSAttributes. */
public record SetSMSAttributesRequest(@Nullable Map<String, String> attributes) {}
