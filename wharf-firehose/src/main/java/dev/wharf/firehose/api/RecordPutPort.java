package dev.wharf.firehose.api;

/**
 * Puts records into delivery streams for other services in the same server (SNS's {@code firehose} subscriptions),
 * without HTTP.
 *
 * <p>A put is checked and stored as PutRecord checks and stores one, by the account that the stream's ARN names: it
 * is durable when this returns. Thread-safe.
 */
public interface RecordPutPort {

    /**
     * Puts one record into the delivery stream that an ARN names.
     *
     * @throws dev.wharf.common.AwsException Firehose's error as PutRecord answers it: {@code ResourceNotFoundException}
     *     for a stream that does not exist or is not ACTIVE, {@code InvalidArgumentException} for one that reads a
     *     Kinesis stream or a record too large, {@code ServiceUnavailableException} when it should be tried again
     */
    void putRecord(String deliveryStreamArn, byte[] data);
}
