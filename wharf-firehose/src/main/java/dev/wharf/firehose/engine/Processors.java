package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.ProcessingConfiguration;
import dev.wharf.firehose.api.Processor;
import dev.wharf.firehose.api.ProcessorParameter;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The processors of a destination's {@code ProcessingConfiguration}, checked as CreateDeliveryStream and
 * UpdateDestination check them, and read into the settings that {@link RecordPipeline} runs: record de-aggregation,
 * the Lambda transformation, JQ metadata extraction and the appended delimiter, in the order Firehose applies them
 * (decompression and message extraction, de-aggregation, then Lambda, then the partitioning keys).
 */
final class Processors {

    /** Sub-records of one record at most, as Firehose caps de-aggregation. */
    static final int SUB_RECORDS_MAX = 500;

    /** AWS's processor types. */
    private static final List<String> TYPES = List.of(
            "RecordDeAggregation",
            "Decompression",
            "CloudWatchLogProcessing",
            "Lambda",
            "MetadataExtraction",
            "AppendDelimiterToRecord");

    private static final List<String> PARAMETERS = List.of(
            "LambdaArn",
            "NumberOfRetries",
            "MetadataExtractionQuery",
            "JsonParsingEngine",
            "RoleArn",
            "BufferSizeInMBs",
            "BufferIntervalInSeconds",
            "SubRecordType",
            "Delimiter",
            "CompressionFormat",
            "DataMessageExtraction");

    /**
     * The data of one record once decompressed, at most; a record that inflates beyond it fails to decompress. A
     * CloudWatch Logs record holds at most about 1 MiB of log events.
     */
    static final int DECOMPRESSED_MAX_BYTES = 4 * 1024 * 1024;

    /**
     * The data of one pipeline batch once decompressed, at most, so that records that inflate far more than log data
     * does cannot fill the heap: a record beyond it fails to decompress.
     */
    static final long DECOMPRESSED_BATCH_MAX_BYTES = 64L * 1024 * 1024;

    /** The Lambda processor's defaults and bounds, as the ProcessorParameter reference gives them. */
    static final int DEFAULT_RETRIES = 3;

    static final int RETRIES_MAX = 300;
    static final BigDecimal DEFAULT_LAMBDA_BUFFER_MB = BigDecimal.ONE;
    static final BigDecimal LAMBDA_BUFFER_MIN_MB = new BigDecimal("0.2");
    static final BigDecimal LAMBDA_BUFFER_MAX_MB = new BigDecimal("3");
    static final int DEFAULT_LAMBDA_INTERVAL_SECONDS = 60;
    static final int LAMBDA_INTERVAL_MAX_SECONDS = 900;

    /**
     * The Lambda transformation.
     *
     * @param retries how many times a failed invocation is tried again (NumberOfRetries)
     * @param bufferBytes the records' data one invocation carries at most (BufferSizeInMBs)
     */
    record Lambda(String arn, int retries, long bufferBytes) {}

    /**
     * Record de-aggregation.
     *
     * @param json whether sub-records are consecutive JSON objects (SubRecordType JSON), else delimited
     * @param delimiter the delimiter of DELIMITED sub-records
     */
    record DeAggregation(boolean json, byte[] delimiter) {}

    /**
     * Decompression of GZIP records, as CloudWatch Logs subscriptions write them.
     *
     * @param extractMessages whether CloudWatchLogProcessing's DataMessageExtraction turns each log event's message into
     *     a record of its own, dropping the control messages
     */
    record Decompression(boolean extractMessages) {}

    /**
     * What a destination's processing does; every member is null when its processor is absent or processing is off.
     *
     * @param query the JQ query of MetadataExtraction, which yields the partitionKeyFromQuery keys
     * @param delimiter what AppendDelimiterToRecord appends to every record
     */
    record Settings(
            @Nullable Decompression decompression,
            @Nullable DeAggregation deAggregation,
            @Nullable Lambda lambda,
            @Nullable String query,
            byte @Nullable [] delimiter,
            boolean partitioning) {

        boolean any() {
            return decompression != null
                    || deAggregation != null
                    || lambda != null
                    || query != null
                    || delimiter != null
                    || partitioning;
        }
    }

    private Processors() {}

    /**
     * The settings of a destination, read from its checked configuration.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} for processors that Firehose refuses
     */
    static Settings of(ExtendedS3DestinationConfiguration destination) {
        boolean partitioning = destination.dynamicPartitioningConfiguration() != null
                && Boolean.TRUE.equals(
                        destination.dynamicPartitioningConfiguration().enabled());
        ProcessingConfiguration processing = destination.processingConfiguration();
        if (processing == null || !Boolean.TRUE.equals(processing.enabled())) {
            return new Settings(null, null, null, null, null, partitioning);
        }
        boolean decompression = false;
        boolean extractMessages = false;
        DeAggregation deAggregation = null;
        Lambda lambda = null;
        String query = null;
        byte[] delimiter = null;
        List<Processor> processors = processing.processors() == null ? List.of() : processing.processors();
        if (processors.isEmpty()) {
            throw FirehoseError.InvalidArgument.with(
                    "ProcessingConfiguration is enabled, so it must name at least one processor.");
        }
        Set<String> seen = new HashSet<>();
        for (Processor processor : processors) {
            String type = String.valueOf(processor.type());
            if (!TYPES.contains(type)) {
                throw FirehoseError.InvalidArgument.with("Processor type " + type + " is not one of " + TYPES + ".");
            }
            if (!seen.add(type)) {
                throw FirehoseError.InvalidArgument.with(
                        "ProcessingConfiguration may have only one processor of type " + type + ".");
            }
            Map<String, String> parameters = parameters(processor);
            switch (type) {
                case "Lambda" -> lambda = lambda(parameters);
                case "MetadataExtraction" -> query = query(parameters);
                case "AppendDelimiterToRecord" -> delimiter = appended(parameters);
                case "RecordDeAggregation" -> deAggregation = deAggregation(parameters);
                case "Decompression" -> decompression = decompression(parameters);
                case "CloudWatchLogProcessing" -> extractMessages = messageExtraction(parameters);
                default -> throw new IllegalStateException("processor type " + type + " has no settings");
            }
        }
        if (extractMessages && !decompression) {
            throw FirehoseError.InvalidArgument.with(
                    "The CloudWatchLogProcessing processor needs the Decompression processor.");
        }
        return new Settings(
                decompression ? new Decompression(extractMessages) : null,
                deAggregation,
                lambda,
                query,
                delimiter,
                partitioning);
    }

    private static Map<String, String> parameters(Processor processor) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (ProcessorParameter parameter :
                processor.parameters() == null ? List.<ProcessorParameter>of() : processor.parameters()) {
            String name = String.valueOf(parameter.parameterName());
            String value = parameter.parameterValue();
            if (!PARAMETERS.contains(name)) {
                throw FirehoseError.InvalidArgument.with(
                        "Processor parameter " + name + " is not one of " + PARAMETERS + ".");
            }
            if (value == null || value.isBlank() || value.length() > 5120) {
                throw FirehoseError.InvalidArgument.with("Processor parameter " + name
                        + " must have a value of 1 to 5120 characters that is not blank.");
            }
            if (parameters.put(name, value) != null) {
                throw FirehoseError.InvalidArgument.with(
                        "Processor parameter " + name + " is given more than once for " + processor.type() + ".");
            }
        }
        return parameters;
    }

    private static Lambda lambda(Map<String, String> parameters) {
        allowOnly(
                "Lambda",
                parameters,
                Set.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"));
        String arn = parameters.get("LambdaArn");
        if (arn == null) {
            throw FirehoseError.InvalidArgument.with("The Lambda processor needs the LambdaArn parameter.");
        }
        if (!LambdaFunctions.isFunctionArn(arn)) {
            throw FirehoseError.InvalidArgument.with("LambdaArn " + arn + " is not a Lambda function ARN.");
        }
        int retries = integer(parameters, "NumberOfRetries", DEFAULT_RETRIES, 0, RETRIES_MAX);
        integer(parameters, "BufferIntervalInSeconds", DEFAULT_LAMBDA_INTERVAL_SECONDS, 0, LAMBDA_INTERVAL_MAX_SECONDS);
        BigDecimal size = DEFAULT_LAMBDA_BUFFER_MB;
        String given = parameters.get("BufferSizeInMBs");
        if (given != null) {
            try {
                size = new BigDecimal(given.strip());
            } catch (NumberFormatException e) {
                size = BigDecimal.ZERO;
            }
            if (size.compareTo(LAMBDA_BUFFER_MIN_MB) < 0 || size.compareTo(LAMBDA_BUFFER_MAX_MB) > 0) {
                throw FirehoseError.InvalidArgument.with(
                        "BufferSizeInMBs of the Lambda processor must be between 0.2 and 3, not " + given + ".");
            }
        }
        long bytes = size.multiply(BigDecimal.valueOf(1024L * 1024L)).longValue();
        return new Lambda(arn, retries, bytes);
    }

    private static String query(Map<String, String> parameters) {
        allowOnly("MetadataExtraction", parameters, Set.of("MetadataExtractionQuery", "JsonParsingEngine"));
        String query = parameters.get("MetadataExtractionQuery");
        String engine = parameters.get("JsonParsingEngine");
        if (query == null || engine == null) {
            throw FirehoseError.InvalidArgument.with(
                    "The MetadataExtraction processor needs the MetadataExtractionQuery and JsonParsingEngine"
                            + " parameters.");
        }
        if (!engine.equals("JQ-1.6")) {
            throw FirehoseError.InvalidArgument.with("JsonParsingEngine must be JQ-1.6, not " + engine + ".");
        }
        JqQuery.check(query);
        return query;
    }

    private static byte[] appended(Map<String, String> parameters) {
        allowOnly("AppendDelimiterToRecord", parameters, Set.of("Delimiter"));
        String delimiter = parameters.get("Delimiter");
        return delimiter == null ? new byte[] {'\n'} : base64("AppendDelimiterToRecord", delimiter);
    }

    private static boolean decompression(Map<String, String> parameters) {
        allowOnly("Decompression", parameters, Set.of("CompressionFormat"));
        String format = parameters.getOrDefault("CompressionFormat", "GZIP");
        if (!format.equals("GZIP")) {
            throw FirehoseError.InvalidArgument.with(
                    "CompressionFormat of the Decompression processor must be GZIP, not " + format + ".");
        }
        return true;
    }

    private static boolean messageExtraction(Map<String, String> parameters) {
        allowOnly("CloudWatchLogProcessing", parameters, Set.of("DataMessageExtraction"));
        String extraction = parameters.get("DataMessageExtraction");
        if (!"true".equalsIgnoreCase(extraction)) {
            throw FirehoseError.InvalidArgument.with(
                    "The CloudWatchLogProcessing processor needs DataMessageExtraction set to true.");
        }
        return true;
    }

    private static DeAggregation deAggregation(Map<String, String> parameters) {
        allowOnly("RecordDeAggregation", parameters, Set.of("SubRecordType", "Delimiter"));
        String type = parameters.getOrDefault("SubRecordType", "JSON");
        return switch (type) {
            case "JSON" -> new DeAggregation(true, new byte[0]);
            case "DELIMITED" -> {
                String delimiter = parameters.get("Delimiter");
                if (delimiter == null) {
                    throw FirehoseError.InvalidArgument.with(
                            "RecordDeAggregation of DELIMITED sub-records needs the Delimiter parameter.");
                }
                yield new DeAggregation(false, base64("RecordDeAggregation", delimiter));
            }
            default ->
                throw FirehoseError.InvalidArgument.with("SubRecordType must be JSON or DELIMITED, not " + type + ".");
        };
    }

    /** A delimiter is given in base64, as Firehose documents it ({@code IyMjIw==} for {@code ####}). */
    private static byte[] base64(String processor, String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.strip());
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw FirehoseError.InvalidArgument.with(
                    "The Delimiter of " + processor + " must be given in base64; " + value + " is not.");
        }
    }

    private static void allowOnly(String processor, Map<String, String> parameters, Set<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw FirehoseError.InvalidArgument.with(
                        "Processor parameter " + name + " is not valid for the " + processor + " processor.");
            }
        }
    }

    private static int integer(Map<String, String> parameters, String name, int fallback, int min, int max) {
        String given = parameters.get(name);
        if (given == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, as a value out of range is.
        }
        throw FirehoseError.InvalidArgument.with(
                name + " must be an integer between " + min + " and " + max + ", not " + given + ".");
    }
}
