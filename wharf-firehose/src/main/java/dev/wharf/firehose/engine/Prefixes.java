package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The keys of delivered objects: a destination's {@code Prefix} with its {@code !{namespace:value}} expressions
 * evaluated, then the object's name, {@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>} and the compression's
 * extension.
 *
 * <p>A prefix without a {@code timestamp} expression gets {@code yyyy/MM/dd/HH/} appended, as Firehose appends it, and
 * no separator is added between them: a prefix {@code logs} gives {@code logs2026/...}. Timestamps are UTC and are
 * those of the oldest record in the object. The expressions are those Firehose evaluates: {@code
 * !{timestamp:<DateTimeFormatter pattern>}}, {@code !{firehose:random-string}} (11 characters) and, in the error
 * output prefix only, {@code !{firehose:error-output-type}}.
 */
final class Prefixes {

    private static final DateTimeFormatter HOURS =
            DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** One part of a prefix: literal text, or an expression's namespace and value. */
    private record Part(
            @Nullable String text,
            @Nullable String namespace,
            @Nullable String value) {}

    private Prefixes() {}

    /**
     * Checks a destination's prefixes as CreateDeliveryStream and UpdateDestination do.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} for an expression Firehose does not know,
     *     one in the wrong prefix, a timestamp pattern that does not parse, or a prefix with expressions without an
     *     error output prefix
     */
    static void check(ExtendedS3DestinationConfiguration destination) {
        List<Part> prefix = parse(destination.prefix());
        List<Part> errors = parse(destination.errorOutputPrefix());
        for (Part part : prefix) {
            if ("firehose".equals(part.namespace()) && "error-output-type".equals(part.value())) {
                throw FirehoseError.InvalidArgument.with(
                        "The expression !{firehose:error-output-type} is not allowed in Prefix; it may only be used in"
                                + " ErrorOutputPrefix.");
            }
        }
        boolean expressions = prefix.stream().anyMatch(part -> part.namespace() != null);
        String errorPrefix = destination.errorOutputPrefix();
        if (expressions && (errorPrefix == null || errorPrefix.isEmpty())) {
            throw FirehoseError.InvalidArgument.with(
                    "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        }
        if (!errors.isEmpty()
                && errors.stream().anyMatch(part -> part.namespace() != null)
                && errors.stream()
                        .noneMatch(part ->
                                "firehose".equals(part.namespace()) && "error-output-type".equals(part.value()))) {
            throw FirehoseError.InvalidArgument.with(
                    "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.");
        }
    }

    /** The key of an object whose oldest record arrived at {@code oldest}. */
    static String objectKey(
            ExtendedS3DestinationConfiguration destination,
            String streamName,
            int version,
            Instant oldest,
            String extension,
            RandomGenerator random) {
        return objectKey(destination, streamName, version, oldest, extension, random, Map.of(), Map.of());
    }

    /**
     * The key of an object of one partition: {@code !{partitionKeyFromQuery:k}} and {@code
     * !{partitionKeyFromLambda:k}} take the partition's keys.
     */
    static String objectKey(
            ExtendedS3DestinationConfiguration destination,
            String streamName,
            int version,
            Instant oldest,
            String extension,
            RandomGenerator random,
            Map<String, String> queryKeys,
            Map<String, String> lambdaKeys) {
        return key(destination.prefix(), null, streamName, version, oldest, extension, random, queryKeys, lambdaKeys);
    }

    /** The names of the keys that the prefix takes from {@code namespace}, in their order, once each. */
    static List<String> keys(ExtendedS3DestinationConfiguration destination, String namespace) {
        List<String> keys = new ArrayList<>();
        for (Part part : parse(destination.prefix())) {
            if (namespace.equals(part.namespace()) && !keys.contains(part.value())) {
                keys.add(String.valueOf(part.value()));
            }
        }
        return keys;
    }

    /**
     * The key of an error output object: the {@code ErrorOutputPrefix} evaluated with {@code type} as its {@code
     * !{firehose:error-output-type}}, or {@code <type>/} when the destination has none, then the object's name as
     * {@link #objectKey} makes it.
     *
     * @param type the error output type, such as {@code processing-failed} or {@code format-conversion-failed}
     */
    static String errorKey(
            ExtendedS3DestinationConfiguration destination,
            String type,
            String streamName,
            int version,
            Instant oldest,
            String extension,
            RandomGenerator random) {
        String prefix = destination.errorOutputPrefix();
        return key(
                prefix == null || prefix.isEmpty() ? type + "/" : prefix,
                type,
                streamName,
                version,
                oldest,
                extension,
                random,
                Map.of(),
                Map.of());
    }

    private static String key(
            @Nullable String prefix,
            @Nullable String errorType,
            String streamName,
            int version,
            Instant oldest,
            String extension,
            RandomGenerator random,
            Map<String, String> queryKeys,
            Map<String, String> lambdaKeys) {
        StringBuilder key = new StringBuilder();
        boolean timestamp = false;
        // A partitioned prefix names its objects by their keys: no hour is appended to it.
        boolean partitioned = false;
        for (Part part : parse(prefix)) {
            if (part.text() != null) {
                key.append(part.text());
            } else if ("timestamp".equals(part.namespace())) {
                timestamp = true;
                key.append(formatter(String.valueOf(part.value())).format(oldest));
            } else if ("partitionKeyFromQuery".equals(part.namespace())) {
                partitioned = true;
                key.append(queryKeys.getOrDefault(String.valueOf(part.value()), ""));
            } else if ("partitionKeyFromLambda".equals(part.namespace())) {
                partitioned = true;
                key.append(lambdaKeys.getOrDefault(String.valueOf(part.value()), ""));
            } else if ("error-output-type".equals(part.value()) && errorType != null) {
                key.append(errorType);
            } else {
                key.append(randomString(random));
            }
        }
        if (!timestamp && !partitioned) {
            key.append(HOURS.format(oldest));
        }
        key.append(streamName)
                .append('-')
                .append(version)
                .append('-')
                .append(NAME_TIME.format(oldest))
                .append('-')
                .append(new java.util.UUID(random.nextLong(), random.nextLong()).toString())
                .append(extension);
        return key.toString();
    }

    /** The extension of an object: the destination's FileExtension, or the compression's. */
    static String extension(ExtendedS3DestinationConfiguration destination) {
        if (destination.fileExtension() != null && !destination.fileExtension().isEmpty()) {
            return destination.fileExtension();
        }
        String converted = FormatConversion.extension(destination);
        if (converted != null) {
            return converted;
        }
        return switch (String.valueOf(destination.compressionFormat())) {
            case "GZIP" -> ".gz";
            case "ZIP" -> ".zip";
            case "Snappy" -> ".snappy";
            case "HADOOP_SNAPPY" -> ".hsnappy";
            default -> "";
        };
    }

    private static List<Part> parse(@Nullable String prefix) {
        List<Part> parts = new ArrayList<>();
        if (prefix == null) {
            return parts;
        }
        int at = 0;
        while (at < prefix.length()) {
            int open = prefix.indexOf("!{", at);
            if (open < 0) {
                parts.add(new Part(prefix.substring(at), null, null));
                break;
            }
            if (open > at) {
                parts.add(new Part(prefix.substring(at, open), null, null));
            }
            int close = prefix.indexOf('}', open);
            if (close < 0) {
                throw FirehoseError.InvalidArgument.with("The expression at position " + open + " of the prefix \""
                        + prefix + "\" is not closed with '}'.");
            }
            String expression = prefix.substring(open + 2, close);
            int colon = expression.indexOf(':');
            String namespace = colon < 0 ? expression : expression.substring(0, colon);
            String value = colon < 0 ? "" : expression.substring(colon + 1);
            switch (namespace) {
                case "timestamp" -> formatter(value);
                case "firehose" -> {
                    if (!value.equals("random-string") && !value.equals("error-output-type")) {
                        throw FirehoseError.InvalidArgument.with("The expression !{" + expression
                                + "} names an unknown firehose value: use" + " random-string or error-output-type.");
                    }
                }
                case "partitionKeyFromQuery", "partitionKeyFromLambda" -> {
                    if (value.isEmpty()) {
                        throw FirehoseError.InvalidArgument.with(
                                "The expression !{" + expression + "} needs the name of a partition key.");
                    }
                }
                default ->
                    throw FirehoseError.InvalidArgument.with("The expression !{" + expression
                            + "} has an unknown namespace: use timestamp, firehose,"
                            + " partitionKeyFromQuery or partitionKeyFromLambda.");
            }
            parts.add(new Part(null, namespace, value));
            at = close + 1;
        }
        return parts;
    }

    private static DateTimeFormatter formatter(String pattern) {
        if (pattern.isEmpty()) {
            throw FirehoseError.InvalidArgument.with("The expression !{timestamp:} needs a date and time pattern.");
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw FirehoseError.InvalidArgument.with(
                    "The expression !{timestamp:" + pattern + "} has a pattern that does not parse: " + e.getMessage());
        }
    }

    private static String randomString(RandomGenerator random) {
        StringBuilder text = new StringBuilder(11);
        for (int i = 0; i < 11; i++) {
            text.append(RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
        }
        return text.toString();
    }
}
