package dev.wharf.firehose.engine;

import dev.wharf.common.MemberConstraints;
import dev.wharf.firehose.api.BufferingHints;
import dev.wharf.firehose.api.DataFormatConversionConfiguration;
import dev.wharf.firehose.api.Deserializer;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import dev.wharf.firehose.api.FirehoseLimits;
import dev.wharf.firehose.api.OrcSerDe;
import dev.wharf.firehose.api.ParquetSerDe;
import dev.wharf.firehose.api.SchemaConfiguration;
import dev.wharf.firehose.api.Serializer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a destination's {@code DataFormatConversionConfiguration} (JSON records to Parquet or ORC), as AWS
 * applies them at CreateDeliveryStream and UpdateDestination, and what a converting destination's objects are named.
 * An omitted {@code Enabled} counts as enabled, as on AWS.
 */
final class FormatConversion {

    /** The buffer size that AWS requires at least with conversion, in MiB. */
    static final int MIN_BUFFER_MB = 64;
    /** The buffer size of a converting destination that gives none: the largest, as Parquet and ORC want big files. */
    static final int DEFAULT_BUFFER_MB = 128;

    private static final List<String> PARQUET_COMPRESSIONS = List.of("UNCOMPRESSED", "GZIP", "SNAPPY");
    private static final List<String> PARQUET_WRITERS = List.of("V1", "V2");
    private static final List<String> ORC_COMPRESSIONS = List.of("NONE", "ZLIB", "SNAPPY");
    private static final List<String> ORC_VERSIONS = List.of("V0_11", "V0_12");

    private FormatConversion() {}

    /** Whether a destination converts its records' format. */
    static boolean enabled(ExtendedS3DestinationConfiguration destination) {
        DataFormatConversionConfiguration conversion = destination.dataFormatConversionConfiguration();
        return conversion != null && !Boolean.FALSE.equals(conversion.enabled());
    }

    /** Whether a converting destination writes ORC (otherwise Parquet). */
    static boolean orc(ExtendedS3DestinationConfiguration destination) {
        DataFormatConversionConfiguration conversion =
                java.util.Objects.requireNonNull(destination.dataFormatConversionConfiguration());
        Serializer serializer = java.util.Objects.requireNonNull(conversion.outputFormatConfiguration())
                .serializer();
        return serializer != null && serializer.orcSerDe() != null;
    }

    /** The extension of a converting destination's objects ({@code .parquet} or {@code .orc}), or null. */
    static @Nullable String extension(ExtendedS3DestinationConfiguration destination) {
        if (!enabled(destination)) {
            return null;
        }
        return orc(destination) ? ".orc" : ".parquet";
    }

    /**
     * Checks the conversion of a destination as given, in AWS's order (the compression, the buffer size, the three
     * members, then what is inside them), and fills in the buffer size of a destination that gives none.
     *
     * @param member the request's member that holds the destination, for violations of a member's constraints
     * @param given the destination as the request gives it
     * @param filled the destination with the defaults filled in
     * @return {@code filled}, with a buffer of {@link #DEFAULT_BUFFER_MB} when conversion is on and none was given
     */
    static ExtendedS3DestinationConfiguration checked(
            String member, ExtendedS3DestinationConfiguration given, ExtendedS3DestinationConfiguration filled) {
        DataFormatConversionConfiguration declared = filled.dataFormatConversionConfiguration();
        if (declared != null
                && declared.outputFormatConfiguration() != null
                && declared.outputFormatConfiguration().serializer() != null) {
            // The model's constraints come first, as AWS checks them before the request's sense.
            serDes(
                    member + ".dataFormatConversionConfiguration.outputFormatConfiguration.serializer",
                    declared.outputFormatConfiguration().serializer());
        }
        if (!enabled(filled)) {
            return filled;
        }
        if (!"UNCOMPRESSED".equals(filled.compressionFormat())) {
            throw FirehoseError.InvalidArgument.with("The S3 destination's compression format must be set to"
                    + " UNCOMPRESSED when data format conversion is enabled. To enable compression within the"
                    + " converted output format, set the appropriate serialization option in the output format"
                    + " configuration.");
        }
        BufferingHints hints = given.bufferingHints();
        if (hints != null && hints.sizeInMBs() != null && hints.sizeInMBs() < MIN_BUFFER_MB) {
            throw FirehoseError.InvalidArgument.with("BufferingHints.SizeInMBs must be at least " + MIN_BUFFER_MB
                    + " when data format conversion is" + " enabled.");
        }
        DataFormatConversionConfiguration conversion =
                java.util.Objects.requireNonNull(filled.dataFormatConversionConfiguration());
        if (conversion.inputFormatConfiguration() == null) {
            throw FirehoseError.InvalidArgument.with("InputFormatConfiguration must not be null");
        }
        if (conversion.outputFormatConfiguration() == null) {
            throw FirehoseError.InvalidArgument.with("OutputFormatConfiguration must not be null");
        }
        SchemaConfiguration schema = conversion.schemaConfiguration();
        if (schema == null) {
            throw FirehoseError.InvalidArgument.with("SchemaConfiguration must not be null");
        }
        Deserializer deserializer = conversion.inputFormatConfiguration().deserializer();
        int deserializers = deserializer == null
                ? 0
                : (deserializer.openXJsonSerDe() == null ? 0 : 1) + (deserializer.hiveJsonSerDe() == null ? 0 : 1);
        if (deserializers == 0) {
            throw FirehoseError.InvalidArgument.with("Deserializer must not be null");
        }
        if (deserializers > 1) {
            throw FirehoseError.InvalidArgument.with("More than one deserializer specified. Only one may be chosen.");
        }
        Serializer serializer = conversion.outputFormatConfiguration().serializer();
        int serializers = serializer == null
                ? 0
                : (serializer.parquetSerDe() == null ? 0 : 1) + (serializer.orcSerDe() == null ? 0 : 1);
        if (serializers == 0) {
            throw FirehoseError.InvalidArgument.with("Serializer must not be null");
        }
        if (serializers > 1) {
            throw FirehoseError.InvalidArgument.with("More than one serializer specified. Only one may be chosen.");
        }
        required(schema.roleARN(), "RoleArn");
        required(schema.databaseName(), "DatabaseName");
        required(schema.tableName(), "TableName");
        if (filled.dynamicPartitioningConfiguration() != null
                && Boolean.TRUE.equals(filled.dynamicPartitioningConfiguration().enabled())) {
            throw FirehoseError.InvalidArgument.with(
                    "Wharf does not yet convert the format of records that are partitioned dynamically.");
        }
        if (hints == null || hints.sizeInMBs() == null) {
            BufferingHints made = new BufferingHints(
                    DEFAULT_BUFFER_MB,
                    hints == null || hints.intervalInSeconds() == null
                            ? FirehoseLimits.DEFAULT_BUFFER_INTERVAL_SECONDS
                            : hints.intervalInSeconds());
            return new ExtendedS3DestinationConfiguration(
                    filled.roleARN(),
                    filled.bucketARN(),
                    filled.prefix(),
                    filled.errorOutputPrefix(),
                    made,
                    filled.compressionFormat(),
                    filled.encryptionConfiguration(),
                    filled.cloudWatchLoggingOptions(),
                    filled.processingConfiguration(),
                    filled.s3BackupMode(),
                    filled.s3BackupConfiguration(),
                    filled.dataFormatConversionConfiguration(),
                    filled.dynamicPartitioningConfiguration(),
                    filled.fileExtension(),
                    filled.customTimeZone());
        }
        return filled;
    }

    /** The Glue database and table that a converting destination names, as {@code database.table}. */
    static String tableOf(ExtendedS3DestinationConfiguration destination) {
        SchemaConfiguration schema = java.util.Objects.requireNonNull(
                java.util.Objects.requireNonNull(destination.dataFormatConversionConfiguration())
                        .schemaConfiguration());
        return schema.databaseName() + "." + schema.tableName();
    }

    private static void required(@Nullable String value, String member) {
        if (value == null || value.isEmpty()) {
            throw FirehoseError.InvalidArgument.with("SchemaConfiguration." + member + " must not be null or empty");
        }
    }

    /** The constraints that AWS's model puts on the serializers' members. */
    private static void serDes(String member, Serializer serializer) {
        MemberConstraints check = MemberConstraints.check();
        ParquetSerDe parquet = serializer.parquetSerDe();
        if (parquet != null) {
            String at = member + ".parquetSerDe";
            check.range(at + ".blockSizeBytes", parquet.blockSizeBytes(), 64 * 1024 * 1024, Integer.MAX_VALUE)
                    .range(at + ".pageSizeBytes", parquet.pageSizeBytes(), 64 * 1024, Integer.MAX_VALUE)
                    .oneOf(at + ".compression", parquet.compression(), PARQUET_COMPRESSIONS)
                    .range(at + ".maxPaddingBytes", parquet.maxPaddingBytes(), 0, Integer.MAX_VALUE)
                    .oneOf(at + ".writerVersion", parquet.writerVersion(), PARQUET_WRITERS);
        }
        OrcSerDe orc = serializer.orcSerDe();
        if (orc != null) {
            String at = member + ".orcSerDe";
            check.range(at + ".stripeSizeBytes", orc.stripeSizeBytes(), 8 * 1024 * 1024, Integer.MAX_VALUE)
                    .range(at + ".blockSizeBytes", orc.blockSizeBytes(), 64 * 1024 * 1024, Integer.MAX_VALUE)
                    .range(at + ".rowIndexStride", orc.rowIndexStride(), 1000, Integer.MAX_VALUE)
                    .rangeOfDouble(at + ".paddingTolerance", orc.paddingTolerance(), 0.0, 1.0)
                    .oneOf(at + ".compression", orc.compression(), ORC_COMPRESSIONS)
                    .rangeOfDouble(
                            at + ".bloomFilterFalsePositiveProbability",
                            orc.bloomFilterFalsePositiveProbability(),
                            0.0,
                            1.0)
                    .rangeOfDouble(at + ".dictionaryKeyThreshold", orc.dictionaryKeyThreshold(), 0.0, 1.0)
                    .oneOf(at + ".formatVersion", orc.formatVersion(), ORC_VERSIONS);
        }
        check.validate(FirehoseError.Validation);
    }
}
