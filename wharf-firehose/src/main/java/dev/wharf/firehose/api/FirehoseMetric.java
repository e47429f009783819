package dev.wharf.firehose.api;

/**
 * The {@code AWS/Firehose} metrics that Wharf takes for each delivery stream (dimension {@code DeliveryStreamName}),
 * with the names and units of AWS's developer guide ("Monitoring Amazon Data Firehose with CloudWatch metrics"). Each
 * is a statistic set whose samples are the events named below; {@code docs/COMPATIBILITY.md} says where Wharf takes
 * them.
 */
public enum FirehoseMetric {
    /** One sample per PutRecord or PutRecordBatch that put records, of their data's bytes. */
    INCOMING_BYTES("IncomingBytes", "Bytes"),
    /** The same samples, of their records. */
    INCOMING_RECORDS("IncomingRecords", "Count"),
    /** The same samples, each 1. */
    INCOMING_PUT_REQUESTS("IncomingPutRequests", "Count"),
    /** One sample per PutRecord that put its record, of its bytes. */
    PUT_RECORD_BYTES("PutRecord.Bytes", "Bytes"),
    /** One sample per PutRecord, from its start until its record was durable. */
    PUT_RECORD_LATENCY("PutRecord.Latency", "Milliseconds"),
    /** One sample per PutRecord, 1. */
    PUT_RECORD_REQUESTS("PutRecord.Requests", "Count"),
    /** One sample per PutRecordBatch, of its records' bytes. */
    PUT_RECORD_BATCH_BYTES("PutRecordBatch.Bytes", "Bytes"),
    /** One sample per PutRecordBatch, from its start until its records were durable. */
    PUT_RECORD_BATCH_LATENCY("PutRecordBatch.Latency", "Milliseconds"),
    /** One sample per PutRecordBatch, of its records. */
    PUT_RECORD_BATCH_RECORDS("PutRecordBatch.Records", "Count"),
    /** One sample per PutRecordBatch, 1. */
    PUT_RECORD_BATCH_REQUESTS("PutRecordBatch.Requests", "Count"),
    /**
     * One sample per PutRecord or PutRecordBatch that the stream's throughput quota let through or refused, of its
     * records that the quota refused.
     */
    THROTTLED_RECORDS("ThrottledRecords", "Count"),
    /** One sample per read of a source stream's shard that found records, of their data's bytes. */
    DATA_READ_FROM_KINESIS_STREAM_BYTES("DataReadFromKinesisStream.Bytes", "Bytes"),
    /** The same samples, of their records. */
    DATA_READ_FROM_KINESIS_STREAM_RECORDS("DataReadFromKinesisStream.Records", "Count"),
    /** One sample per object delivered to S3, of its records' data's bytes. */
    DELIVERY_TO_S3_BYTES("DeliveryToS3.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_S3_RECORDS("DeliveryToS3.Records", "Count"),
    /** One sample per delivery to S3 tried, 1 when it succeeded and 0 when it failed: Average is the share. */
    DELIVERY_TO_S3_SUCCESS("DeliveryToS3.Success", "Count"),
    /** One sample per delivery to S3 that succeeded: how long ago the oldest record it delivered arrived. */
    DELIVERY_TO_S3_DATA_FRESHNESS("DeliveryToS3.DataFreshness", "Seconds"),
    /** One sample per delivery to an HTTP endpoint that succeeded, of its records' data's bytes. */
    DELIVERY_TO_HTTP_ENDPOINT_BYTES("DeliveryToHttpEndpoint.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_HTTP_ENDPOINT_RECORDS("DeliveryToHttpEndpoint.Records", "Count"),
    /** One sample per delivery to an HTTP endpoint tried, 1 when it succeeded and 0 when it failed. */
    DELIVERY_TO_HTTP_ENDPOINT_SUCCESS("DeliveryToHttpEndpoint.Success", "Count"),
    /** One sample per delivery to an HTTP endpoint that succeeded: the age of the oldest record it delivered. */
    DELIVERY_TO_HTTP_ENDPOINT_DATA_FRESHNESS("DeliveryToHttpEndpoint.DataFreshness", "Seconds"),
    /** One sample per delivery to an HTTP endpoint tried, retries included, of the bytes it tried. */
    DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_BYTES("DeliveryToHttpEndpoint.ProcessedBytes", "Bytes"),
    /** The same samples, of the records it tried. */
    DELIVERY_TO_HTTP_ENDPOINT_PROCESSED_RECORDS("DeliveryToHttpEndpoint.ProcessedRecords", "Count"),
    /** One sample per delivery to Splunk that succeeded (acknowledged, or sent to the backup), of its bytes. */
    DELIVERY_TO_SPLUNK_BYTES("DeliveryToSplunk.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_SPLUNK_RECORDS("DeliveryToSplunk.Records", "Count"),
    /** One sample per delivery to Splunk tried, 1 when it succeeded and 0 when it failed. */
    DELIVERY_TO_SPLUNK_SUCCESS("DeliveryToSplunk.Success", "Count"),
    /** One sample per delivery to Splunk that succeeded: the age of the oldest record it delivered. */
    DELIVERY_TO_SPLUNK_DATA_FRESHNESS("DeliveryToSplunk.DataFreshness", "Seconds"),
    /** One sample per delivery to an OpenSearch Service domain or cluster that succeeded, of its bytes. */
    DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_BYTES("DeliveryToAmazonOpenSearchService.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_RECORDS("DeliveryToAmazonOpenSearchService.Records", "Count"),
    /** One sample per delivery to OpenSearch Service tried, 1 when it succeeded and 0 when it failed. */
    DELIVERY_TO_AMAZON_OPENSEARCH_SERVICE_SUCCESS("DeliveryToAmazonOpenSearchService.Success", "Count"),
    /** One sample per delivery to an Elasticsearch domain or cluster that succeeded, of its bytes. */
    DELIVERY_TO_ELASTICSEARCH_BYTES("DeliveryToElasticsearch.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_ELASTICSEARCH_RECORDS("DeliveryToElasticsearch.Records", "Count"),
    /** One sample per delivery to Elasticsearch tried, 1 when it succeeded and 0 when it failed. */
    DELIVERY_TO_ELASTICSEARCH_SUCCESS("DeliveryToElasticsearch.Success", "Count"),
    /** One sample per COPY into Redshift that loaded (or was skipped with a manifest after its retries), of its bytes. */
    DELIVERY_TO_REDSHIFT_BYTES("DeliveryToRedshift.Bytes", "Bytes"),
    /** The same samples, of its records. */
    DELIVERY_TO_REDSHIFT_RECORDS("DeliveryToRedshift.Records", "Count"),
    /** One sample per delivery to Redshift tried, 1 when it succeeded and 0 when it failed. */
    DELIVERY_TO_REDSHIFT_SUCCESS("DeliveryToRedshift.Success", "Count"),
    /** One sample per delivery that also wrote every record to the S3 backup, of the bytes backed up. */
    BACKUP_TO_S3_BYTES("BackupToS3.Bytes", "Bytes"),
    /** The same samples, of the records backed up. */
    BACKUP_TO_S3_RECORDS("BackupToS3.Records", "Count"),
    /** One sample per delivery that backs up every record, 1 when it succeeded and 0 when it failed. */
    BACKUP_TO_S3_SUCCESS("BackupToS3.Success", "Count"),
    /** One sample per backed-up delivery that succeeded: the age of the oldest record it backed up. */
    BACKUP_TO_S3_DATA_FRESHNESS("BackupToS3.DataFreshness", "Seconds");

    private final String metricName;
    private final String unit;

    FirehoseMetric(String metricName, String unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** AWS's name of the metric. */
    public String metricName() {
        return metricName;
    }

    /** CloudWatch's {@code StandardUnit} of its samples. */
    public String unit() {
        return unit;
    }
}
