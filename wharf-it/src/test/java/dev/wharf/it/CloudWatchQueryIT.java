package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.cloudwatch.AmazonCloudWatch;
import com.amazonaws.services.cloudwatch.AmazonCloudWatchClientBuilder;
import com.amazonaws.services.cloudwatch.model.AmazonCloudWatchException;
import com.amazonaws.services.cloudwatch.model.Datapoint;
import com.amazonaws.services.cloudwatch.model.Dimension;
import com.amazonaws.services.cloudwatch.model.DimensionFilter;
import com.amazonaws.services.cloudwatch.model.GetMetricDataRequest;
import com.amazonaws.services.cloudwatch.model.GetMetricDataResult;
import com.amazonaws.services.cloudwatch.model.GetMetricStatisticsRequest;
import com.amazonaws.services.cloudwatch.model.InvalidParameterCombinationException;
import com.amazonaws.services.cloudwatch.model.InvalidParameterValueException;
import com.amazonaws.services.cloudwatch.model.ListMetricsRequest;
import com.amazonaws.services.cloudwatch.model.Metric;
import com.amazonaws.services.cloudwatch.model.MetricDataQuery;
import com.amazonaws.services.cloudwatch.model.MetricDatum;
import com.amazonaws.services.cloudwatch.model.MetricStat;
import com.amazonaws.services.cloudwatch.model.PutMetricDataRequest;
import com.amazonaws.services.cloudwatch.model.StatisticSet;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CloudWatch's metrics through the AWS SDK for Java v1 (1.12.580), whose CloudWatch client speaks the Query protocol. */
@WharfTest
class CloudWatchQueryIT {

    private static AmazonCloudWatch cloudWatch;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        cloudWatch = AmazonCloudWatchClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(
                        wharf.endpoint().toString(), "us-east-1"))
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("test", "test")))
                .build();
    }

    @AfterAll
    static void disconnect() {
        cloudWatch.shutdown();
    }

    @Test
    void putMetricDataIsReadBackByEveryReadOverQuery() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        Dimension queue = new Dimension().withName("QueueName").withValue("jobs");
        cloudWatch.putMetricData(new PutMetricDataRequest()
                .withNamespace("Query/App")
                .withMetricData(
                        new MetricDatum()
                                .withMetricName("Latency")
                                .withDimensions(queue)
                                .withTimestamp(Date.from(minute.plusSeconds(10)))
                                .withValues(1.0, 2.0, 3.0, 4.0)
                                .withCounts(1.0, 1.0, 1.0, 7.0)
                                .withUnit("Milliseconds"),
                        new MetricDatum()
                                .withMetricName("Latency")
                                .withDimensions(queue)
                                .withTimestamp(Date.from(minute.plusSeconds(70)))
                                .withStatisticValues(new StatisticSet()
                                        .withSampleCount(2.0)
                                        .withSum(10.0)
                                        .withMinimum(4.0)
                                        .withMaximum(6.0))
                                .withUnit("Milliseconds")));

        List<Datapoint> points = cloudWatch
                .getMetricStatistics(new GetMetricStatisticsRequest()
                        .withNamespace("Query/App")
                        .withMetricName("Latency")
                        .withDimensions(queue)
                        .withStartTime(Date.from(minute))
                        .withEndTime(Date.from(minute.plusSeconds(120)))
                        .withPeriod(60)
                        .withStatistics("Sum", "SampleCount", "Maximum"))
                .getDatapoints();
        points.sort(Comparator.comparing(Datapoint::getTimestamp));
        assertThat(points).hasSize(2);
        assertThat(points.get(0).getTimestamp()).isEqualTo(Date.from(minute));
        assertThat(points.get(0).getSum()).isEqualTo(34.0);
        assertThat(points.get(0).getSampleCount()).isEqualTo(10.0);
        assertThat(points.get(0).getUnit()).isEqualTo("Milliseconds");
        assertThat(points.get(1).getMaximum()).isEqualTo(6.0);

        Datapoint percentiles = cloudWatch
                .getMetricStatistics(new GetMetricStatisticsRequest()
                        .withNamespace("Query/App")
                        .withMetricName("Latency")
                        .withDimensions(queue)
                        .withStartTime(Date.from(minute))
                        .withEndTime(Date.from(minute.plusSeconds(60)))
                        .withPeriod(60)
                        .withExtendedStatistics("p30", "p50"))
                .getDatapoints()
                .get(0);
        assertThat(percentiles.getExtendedStatistics())
                .containsEntry("p30", 3.0)
                .containsEntry("p50", 4.0);

        List<Metric> metrics = cloudWatch
                .listMetrics(new ListMetricsRequest()
                        .withNamespace("Query/App")
                        .withDimensions(new DimensionFilter().withName("QueueName")))
                .getMetrics();
        assertThat(metrics).singleElement().satisfies(metric -> {
            assertThat(metric.getMetricName()).isEqualTo("Latency");
            assertThat(metric.getDimensions()).containsExactly(queue);
        });

        GetMetricDataResult data = cloudWatch.getMetricData(new GetMetricDataRequest()
                .withStartTime(Date.from(minute))
                .withEndTime(Date.from(minute.plusSeconds(120)))
                .withScanBy("TimestampAscending")
                .withMetricDataQueries(new MetricDataQuery()
                        .withId("sum")
                        .withMetricStat(new MetricStat()
                                .withMetric(new Metric()
                                        .withNamespace("Query/App")
                                        .withMetricName("Latency")
                                        .withDimensions(queue))
                                .withPeriod(60)
                                .withStat("Sum"))));
        assertThat(data.getMetricDataResults()).singleElement().satisfies(result -> {
            assertThat(result.getId()).isEqualTo("sum");
            assertThat(result.getLabel()).isEqualTo("Latency");
            assertThat(result.getStatusCode()).isEqualTo("Complete");
            assertThat(result.getValues()).containsExactly(34.0, 10.0);
            assertThat(result.getTimestamps()).containsExactly(Date.from(minute), Date.from(minute.plusSeconds(60)));
        });
    }

    @Test
    void errorsCarryCloudWatchsQueryCodes() {
        InvalidParameterValueException reserved = catchThrowableOfType(
                InvalidParameterValueException.class,
                () -> cloudWatch.putMetricData(new PutMetricDataRequest()
                        .withNamespace("AWS/SQS")
                        .withMetricData(new MetricDatum().withMetricName("x").withValue(1.0))));
        assertThat(reserved.getErrorCode()).isEqualTo("InvalidParameterValue");
        assertThat(reserved.getStatusCode()).isEqualTo(400);
        assertThat(reserved.getErrorMessage()).isEqualTo("The value AWS/SQS for parameter Namespace is invalid.");

        InvalidParameterCombinationException both = catchThrowableOfType(
                InvalidParameterCombinationException.class,
                () -> cloudWatch.putMetricData(new PutMetricDataRequest()
                        .withNamespace("Query/App")
                        .withMetricData(new MetricDatum()
                                .withMetricName("x")
                                .withValue(1.0)
                                .withValues(2.0))));
        assertThat(both.getErrorCode()).isEqualTo("InvalidParameterCombination");

        AmazonCloudWatchException unit = catchThrowableOfType(
                AmazonCloudWatchException.class,
                () -> cloudWatch.putMetricData(new PutMetricDataRequest()
                        .withNamespace("Query/App")
                        .withMetricData(new MetricDatum()
                                .withMetricName("x")
                                .withValue(1.0)
                                .withUnit("Furlongs"))));
        assertThat(unit.getErrorCode()).isEqualTo("ValidationError");
        assertThat(unit.getStatusCode()).isEqualTo(400);
    }
}
