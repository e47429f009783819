package dev.wharf.sqs.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A message system attribute that a caller sets on send; Amazon SQS accepts only {@code AWSTraceHeader}. */
public record MessageSystemAttributeValue(
        @Nullable String stringValue,
        byte @Nullable [] binaryValue,
        @Nullable List<String> stringListValues,
        @Nullable List<byte[]> binaryListValues,
        String dataType) {}
