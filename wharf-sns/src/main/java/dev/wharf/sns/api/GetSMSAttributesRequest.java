package dev.wharf.sns.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of GetSMSAttributes. */
public record GetSMSAttributesRequest(@Nullable List<String> attributes) {}
