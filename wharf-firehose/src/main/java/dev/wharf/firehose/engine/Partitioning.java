package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.DynamicPartitioningConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.FirehoseError;
import org.jspecify.annotations.Nullable;

/**
 * The rules of dynamic partitioning that CreateDeliveryStream and UpdateDestination check: an error output prefix is
 * required, the buffer is at least 64 MiB, the prefix uses the keys that the processors extract (and only those), and
 * it cannot be enabled on an existing stream. Each delivery then writes one object per partition, of at most {@link
 * #PARTITIONS_MAX} partitions.
 */
final class Partitioning {

    /** AWS's default quota of active partitions per stream. */
    static final int PARTITIONS_MAX = 500;
    /** The smallest buffer that a stream with dynamic partitioning may have, in MiB. */
    static final int BUFFER_SIZE_MIN_MB = 64;
    /** The buffer size of a partitioned stream that gives none, in MiB. */
    static final int DEFAULT_BUFFER_SIZE_MB = 128;

    private Partitioning() {}

    /** A partitioned stream's hints: 128 MiB when it gives no size, as the console proposes, else S3's defaults. */
    static dev.wharf.firehose.api.BufferingHints hints(dev.wharf.firehose.api.@Nullable BufferingHints given) {
        dev.wharf.firehose.api.BufferingHints filled = S3Destinations.hints(given);
        return given == null || given.sizeInMBs() == null
                ? new dev.wharf.firehose.api.BufferingHints(DEFAULT_BUFFER_SIZE_MB, filled.intervalInSeconds())
                : filled;
    }

    static boolean enabled(@Nullable DynamicPartitioningConfiguration configuration) {
        return configuration != null && Boolean.TRUE.equals(configuration.enabled());
    }

    /**
     * Checks a destination whose other members are checked.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} when a rule does not hold
     */
    static void check(ExtendedS3DestinationConfiguration destination) {
        boolean enabled = enabled(destination.dynamicPartitioningConfiguration());
        Processors.Settings settings = Processors.of(destination);
        boolean fromQuery = !Prefixes.keys(destination, "partitionKeyFromQuery").isEmpty();
        boolean fromLambda =
                !Prefixes.keys(destination, "partitionKeyFromLambda").isEmpty();
        String errorPrefix = destination.errorOutputPrefix();
        if (errorPrefix != null && (errorPrefix.contains("!{partitionKeyFrom"))) {
            throw FirehoseError.InvalidArgument.with(
                    "ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions.");
        }
        if (!enabled) {
            if (fromQuery || fromLambda) {
                throw FirehoseError.InvalidArgument.with(
                        "Prefix can use partitionKeyFromQuery and partitionKeyFromLambda only when dynamic"
                                + " partitioning is enabled.");
            }
            if (settings.query() != null) {
                throw FirehoseError.InvalidArgument.with(
                        "The MetadataExtraction processor needs dynamic partitioning to be enabled.");
            }
            if (settings.deAggregation() != null) {
                throw FirehoseError.InvalidArgument.with(
                        "The RecordDeAggregation processor needs dynamic partitioning to be enabled.");
            }
            return;
        }
        if (errorPrefix == null || errorPrefix.isEmpty()) {
            throw FirehoseError.InvalidArgument.with(
                    "ErrorOutputPrefix cannot be null or empty when dynamic partitioning is enabled.");
        }
        if (destination.bufferingHints() != null
                && destination.bufferingHints().sizeInMBs() != null
                && destination.bufferingHints().sizeInMBs() < BUFFER_SIZE_MIN_MB) {
            throw FirehoseError.InvalidArgument.with("BufferingHints.SizeInMBs must be at least " + BUFFER_SIZE_MIN_MB
                    + " when dynamic partitioning is enabled.");
        }
        if (!fromQuery && !fromLambda) {
            throw FirehoseError.InvalidArgument.with(
                    "Prefix must contain partitionKeyFromQuery or partitionKeyFromLambda expressions when dynamic"
                            + " partitioning is enabled.");
        }
        if (fromQuery && settings.query() == null) {
            throw FirehoseError.InvalidArgument.with(
                    "Prefix uses partitionKeyFromQuery, which needs an enabled MetadataExtraction processor.");
        }
        if (fromLambda && settings.lambda() == null) {
            throw FirehoseError.InvalidArgument.with(
                    "Prefix uses partitionKeyFromLambda, which needs an enabled Lambda processor.");
        }
        if (settings.query() != null && !fromQuery) {
            throw FirehoseError.InvalidArgument.with(
                    "Prefix must use the keys that MetadataExtractionQuery extracts (!{partitionKeyFromQuery:…}).");
        }
    }

    /**
     * Refuses an update that would enable dynamic partitioning on a stream that was created without it.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} when it would
     */
    static void checkUpdate(ExtendedS3DestinationConfiguration held, ExtendedS3DestinationConfiguration next) {
        boolean was = enabled(held.dynamicPartitioningConfiguration());
        boolean will = enabled(next.dynamicPartitioningConfiguration());
        if (was != will) {
            throw FirehoseError.InvalidArgument.with(
                    was
                            ? "Dynamic partitioning cannot be disabled on an existing delivery stream."
                            : "Dynamic partitioning cannot be enabled on an existing delivery stream.");
        }
    }
}
