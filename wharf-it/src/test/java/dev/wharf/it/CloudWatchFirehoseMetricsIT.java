package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS/Firehose as Wharf publishes it (every 2 seconds here, as high-resolution data), read back with the SDK v2's
 * ListMetrics and GetMetricStatistics after a PutRecord and a PutRecordBatch through the SDK and their delivery into
 * Wharf's S3; each sum is the exact figure that work makes.
 */
class CloudWatchFirehoseMetricsIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    private static WharfServer server;
    private static CloudWatchClient cloudWatch;
    private static FirehoseClient firehose;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = LocalWharf.inMemory(new WharfConfig.CloudWatch(2));
        cloudWatch = LocalWharf.client(CloudWatchClient.builder(), server.endpoint());
        firehose = LocalWharf.client(FirehoseClient.builder(), server.endpoint());
        s3 = S3DurabilityIT.client(URI.create(server.endpoint()));
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        firehose.close();
        s3.close();
        server.close();
    }

    /** A statistic of one metric over every published datapoint since {@code from}, added up. */
    private static double total(String metric, Statistic statistic, Instant from) {
        List<Datapoint> points = cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/Firehose")
                        .metricName(metric)
                        .dimensions(Dimension.builder()
                                .name("DeliveryStreamName")
                                .value("metered")
                                .build())
                        .startTime(from)
                        .endTime(Instant.now().plusSeconds(5))
                        .period(60)
                        .statistics(statistic))
                .datapoints();
        double total = 0;
        for (Datapoint point : points) {
            total += switch (statistic) {
                case SUM -> point.sum();
                case SAMPLE_COUNT -> point.sampleCount();
                case MAXIMUM -> point.maximum();
                default -> throw new IllegalArgumentException(statistic.toString());
            };
        }
        return total;
    }

    private static boolean settled(Instant from) {
        return total("DeliveryToS3.Records", Statistic.SUM, from) == 4
                && total("IncomingRecords", Statistic.SUM, from) == 4;
    }

    @Test
    void awsFirehoseSumsAreExactlyWhatThePutsAndTheDeliveryDid() throws Exception {
        Instant began = Instant.now().minusSeconds(2);
        s3.createBucket(b -> b.bucket("metered"));
        FirehoseSdkIT.create(firehose, "metered", "metered", "events/", 1, CompressionFormat.UNCOMPRESSED);
        FirehoseSdkIT.awaitActive(firehose, "metered");
        firehose.putRecord(b -> b.deliveryStreamName("metered").record(r -> r.data(SdkBytes.fromUtf8String("abc"))));
        List<Record> records = new ArrayList<>();
        for (String data : List.of("12", "3456", "7")) {
            records.add(Record.builder().data(SdkBytes.fromUtf8String(data)).build());
        }
        firehose.putRecordBatch(b -> b.deliveryStreamName("metered").records(records));

        // The buffer is delivered a second after its oldest record; the figures are published every 2 seconds.
        Instant deadline = Instant.now().plusSeconds(20);
        while (!settled(began) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        assertThat(s3.listObjectsV2(b -> b.bucket("metered")).contents()).hasSize(1);
        assertThat(total("IncomingBytes", Statistic.SUM, began)).isEqualTo(10);
        assertThat(total("IncomingRecords", Statistic.SUM, began)).isEqualTo(4);
        assertThat(total("IncomingPutRequests", Statistic.SUM, began)).isEqualTo(2);
        assertThat(total("PutRecord.Bytes", Statistic.SUM, began)).isEqualTo(3);
        assertThat(total("PutRecord.Requests", Statistic.SUM, began)).isEqualTo(1);
        assertThat(total("PutRecord.Latency", Statistic.SAMPLE_COUNT, began)).isEqualTo(1);
        assertThat(total("PutRecordBatch.Bytes", Statistic.SUM, began)).isEqualTo(7);
        assertThat(total("PutRecordBatch.Records", Statistic.SUM, began)).isEqualTo(3);
        assertThat(total("PutRecordBatch.Requests", Statistic.SUM, began)).isEqualTo(1);
        assertThat(total("ThrottledRecords", Statistic.SUM, began)).isZero();
        assertThat(total("DeliveryToS3.Bytes", Statistic.SUM, began)).isEqualTo(10);
        assertThat(total("DeliveryToS3.Records", Statistic.SUM, began)).isEqualTo(4);
        assertThat(total("DeliveryToS3.Success", Statistic.SUM, began)).isEqualTo(1);
        assertThat(total("DeliveryToS3.DataFreshness", Statistic.MAXIMUM, began))
                .as("delivered a second or so after the oldest record arrived")
                .isBetween(1.0, 10.0);

        List<String> listed = cloudWatch.listMetrics(b -> b.namespace("AWS/Firehose")).metrics().stream()
                .filter(metric -> metric.dimensions()
                        .equals(List.of(Dimension.builder()
                                .name("DeliveryStreamName")
                                .value("metered")
                                .build())))
                .map(Metric::metricName)
                .distinct()
                .toList();
        assertThat(listed)
                .contains(
                        "IncomingBytes", "PutRecordBatch.Latency", "DeliveryToS3.Success", "DeliveryToS3.DataFreshness")
                .doesNotContain("DeliveryToHttpEndpoint.Success", "DataReadFromKinesisStream.Bytes");
    }
}
