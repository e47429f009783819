package dev.wharf.mq.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The input of Amazon MQ's DeleteTags operation, as the model names its members. */
public record DeleteTagsRequest(
        @Nullable String resourceArn, @Nullable List<String> tagKeys) {}
