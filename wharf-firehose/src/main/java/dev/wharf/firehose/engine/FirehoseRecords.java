package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationConfiguration;
import dev.wharf.firehose.api.ElasticsearchDestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.HttpEndpointDestinationConfiguration;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Encodes Firehose's state as the records that {@link dev.wharf.storage.DeliveryStreamStore} keeps, and names their
 * keys.
 *
 * <p>Resources are JSON, so that a record written by an older Wharf still reads (unknown members are ignored) and the
 * data directory can be inspected. Keys: {@code d/}, the account, {@code /} and the stream's name for a delivery
 * stream (so one prefix lists an account's streams in name order); {@code c/} and the stream id, as 16 hex digits, for
 * a destination's delivery cursor. A put record is binary: its arrival time in epoch milliseconds (8 bytes, big-endian)
 * and then its data.
 */
final class FirehoseRecords {

    static final String STREAM_PREFIX = "d/";
    static final String CURSOR_PREFIX = "c/";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FirehoseRecords() {}

    /**
     * A delivery stream as it is stored.
     *
     * @param id the incarnation's id, under which its records and cursor are stored
     * @param version the VersionId, from 1, one more per destination update
     * @param destination the destination, held as an Extended S3 configuration (an S3 destination is one without the
     *     extended members), so that both describe alike
     * @param s3Only whether it was created with an {@code S3DestinationConfiguration}
     * @param encryption the encryption's status (DISABLED, ENABLING, ENABLED, DISABLING) and since when (epoch millis)
     * @param other the destination when it is not S3, null for an S3 one; {@code destination} then holds its S3
     *     configuration (the backup location, or Redshift's staging), so that failed records have one place to go
     */
    record StoredStream(
            long id,
            String accountId,
            String name,
            String type,
            long createdMillis,
            long updatedMillis,
            int version,
            boolean deleting,
            @Nullable KinesisStreamSourceConfiguration kinesisSource,
            ExtendedS3DestinationConfiguration destination,
            boolean s3Only,
            LinkedHashMap<String, String> tags,
            Encryption encryption,
            @Nullable OtherDestination other) {

        StoredStream with(ExtendedS3DestinationConfiguration next, long now) {
            return with(next, other, now);
        }

        /** The stream with a new destination, of another kind than S3 or none, as UpdateDestination makes it. */
        StoredStream with(ExtendedS3DestinationConfiguration next, @Nullable OtherDestination nextOther, long now) {
            return new StoredStream(
                    id,
                    accountId,
                    name,
                    type,
                    createdMillis,
                    now,
                    version + 1,
                    deleting,
                    kinesisSource,
                    next,
                    s3Only,
                    tags,
                    encryption,
                    nextOther);
        }

        StoredStream withTags(LinkedHashMap<String, String> next) {
            return new StoredStream(
                    id,
                    accountId,
                    name,
                    type,
                    createdMillis,
                    updatedMillis,
                    version,
                    deleting,
                    kinesisSource,
                    destination,
                    s3Only,
                    next,
                    encryption,
                    other);
        }

        StoredStream withEncryption(Encryption next) {
            return new StoredStream(
                    id,
                    accountId,
                    name,
                    type,
                    createdMillis,
                    updatedMillis,
                    version,
                    deleting,
                    kinesisSource,
                    destination,
                    s3Only,
                    tags,
                    next,
                    other);
        }

        /**
         * The stream as a sink that writes to {@code location} sees it: the same stream and version, delivering to that
         * S3 location only. The source record backup is written through such a view.
         */
        StoredStream viewing(ExtendedS3DestinationConfiguration location) {
            return new StoredStream(
                    id,
                    accountId,
                    name,
                    type,
                    createdMillis,
                    updatedMillis,
                    version,
                    deleting,
                    kinesisSource,
                    location,
                    s3Only,
                    tags,
                    encryption,
                    null);
        }

        /** The stream marked deleted at {@code now}, from which its DELETING time runs. */
        StoredStream deleted(long now) {
            return new StoredStream(
                    id,
                    accountId,
                    name,
                    type,
                    createdMillis,
                    now,
                    version,
                    true,
                    kinesisSource,
                    destination,
                    s3Only,
                    tags,
                    encryption,
                    other);
        }
    }

    /**
     * A destination other than S3, as CreateDeliveryStream or UpdateDestination gave it, with AWS's defaults filled in:
     * exactly one member is set.
     */
    record OtherDestination(
            @Nullable HttpEndpointDestinationConfiguration httpEndpoint,
            @Nullable AmazonopensearchserviceDestinationConfiguration amazonopensearchservice,
            @Nullable ElasticsearchDestinationConfiguration elasticsearch,
            @Nullable SplunkDestinationConfiguration splunk,
            @Nullable RedshiftDestinationConfiguration redshift) {}

    /**
     * Server-side encryption as StartDeliveryStreamEncryption asked for it.
     *
     * @param enabled whether encryption was last asked to be on
     * @param sinceMillis when it was last asked, so that ENABLING and DISABLING end after the transition
     * @param keyType AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK, null while never enabled
     */
    record Encryption(
            boolean enabled,
            long sinceMillis,
            @Nullable String keyType,
            @Nullable String keyArn) {
        static final Encryption NONE = new Encryption(false, 0, null, null);
    }

    /** A destination's cursor: every record before {@code next} is delivered. */
    record Cursor(long next) {}

    static String streamKey(String accountId, String name) {
        return STREAM_PREFIX + accountId + "/" + name;
    }

    static String cursorKey(long id) {
        return CURSOR_PREFIX + String.format(java.util.Locale.ROOT, "%016x", id);
    }

    static byte[] encode(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JacksonException e) {
            throw new IllegalStateException("a Firehose record did not encode", e);
        }
    }

    static <T> T decode(byte[] value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored Firehose record does not decode as " + type.getSimpleName(), e);
        }
    }

    static byte[] record(long arrivalMillis, byte[] data) {
        return ByteBuffer.allocate(Long.BYTES + data.length)
                .putLong(arrivalMillis)
                .put(data)
                .array();
    }

    static long arrivalOf(byte[] record) {
        return ByteBuffer.wrap(record).getLong();
    }

    static byte[] dataOf(byte[] record) {
        return Arrays.copyOfRange(record, Long.BYTES, record.length);
    }

    /** The size that a record counts for in its buffer: its data's. */
    static int sizeOf(byte[] record) {
        return record.length - Long.BYTES;
    }
}
