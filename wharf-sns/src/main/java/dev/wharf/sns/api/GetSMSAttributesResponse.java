package dev.wharf.sns.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The output of GetSMSAttributes. */
public record GetSMSAttributesResponse(@Nullable Map<String, String> attributes) {}
