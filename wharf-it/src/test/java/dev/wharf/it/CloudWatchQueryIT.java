package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.cloudwatch.AmazonCloudWatch;
import com.amazonaws.services.cloudwatch.AmazonCloudWatchClientBuilder;
import com.amazonaws.services.cloudwatch.model.AmazonCloudWatchException;
import com.amazonaws.services.cloudwatch.model.Datapoint;
import com.amazonaws.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import com.amazonaws.services.cloudwatch.model.DescribeAlarmsRequest;
import com.amazonaws.services.cloudwatch.model.Dimension;
import com.amazonaws.services.cloudwatch.model.DimensionFilter;
import com.amazonaws.services.cloudwatch.model.GetMetricDataRequest;
import com.amazonaws.services.cloudwatch.model.GetMetricDataResult;
import com.amazonaws.services.cloudwatch.model.GetMetricStatisticsRequest;
import com.amazonaws.services.cloudwatch.model.InvalidParameterCombinationException;
import com.amazonaws.services.cloudwatch.model.InvalidParameterValueException;
import com.amazonaws.services.cloudwatch.model.ListMetricsRequest;
import com.amazonaws.services.cloudwatch.model.Metric;
import com.amazonaws.services.cloudwatch.model.MetricAlarm;
import com.amazonaws.services.cloudwatch.model.MetricDataQuery;
import com.amazonaws.services.cloudwatch.model.MetricDatum;
import com.amazonaws.services.cloudwatch.model.MetricStat;
import com.amazonaws.services.cloudwatch.model.PutMetricAlarmRequest;
import com.amazonaws.services.cloudwatch.model.PutMetricDataRequest;
import com.amazonaws.services.cloudwatch.model.StatisticSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

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
    void anAlarmEvaluatesAndItsNotificationReachesAQueueThroughSns(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("alarms")).topicArn();
            String queue = sqs.createQueue(b -> b.queueName("alarm-inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic)
                    .protocol("sqs")
                    .endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            Dimension queueName = new Dimension().withName("QueueName").withValue("backlog-jobs");
            cloudWatch.putMetricAlarm(new PutMetricAlarmRequest()
                    .withAlarmName("backlog-high")
                    .withNamespace("Query/Jobs")
                    .withMetricName("Backlog")
                    .withDimensions(queueName)
                    .withStatistic("Maximum")
                    .withPeriod(10)
                    .withEvaluationPeriods(1)
                    .withThreshold(100.0)
                    .withComparisonOperator("GreaterThanThreshold")
                    .withAlarmActions(topic));
            assertThat(cloudWatch
                            .describeAlarms(new DescribeAlarmsRequest().withAlarmNames("backlog-high"))
                            .getMetricAlarms())
                    .singleElement()
                    .extracting(MetricAlarm::getStateValue)
                    .isEqualTo("INSUFFICIENT_DATA");

            // A high-resolution datum in every 10-second period until the alarm, evaluated by the server on its own
            // schedule, fires.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        cloudWatch.putMetricData(new PutMetricDataRequest()
                                .withNamespace("Query/Jobs")
                                .withMetricData(new MetricDatum()
                                        .withMetricName("Backlog")
                                        .withDimensions(queueName)
                                        .withValue(1_000.0)
                                        .withStorageResolution(1)));
                        return cloudWatch
                                .describeAlarms(new DescribeAlarmsRequest().withAlarmNames("backlog-high"))
                                .getMetricAlarms()
                                .get(0)
                                .getStateValue()
                                .equals("ALARM");
                    });

            List<software.amazon.awssdk.services.sqs.model.Message> received = sqs.receiveMessage(
                            b -> b.queueUrl(queue).waitTimeSeconds(10).maxNumberOfMessages(10))
                    .messages();
            assertThat(received).singleElement().satisfies(message -> {
                JsonNode alarm = new ObjectMapper().readTree(message.body());
                assertThat(alarm.path("AlarmName").asText()).isEqualTo("backlog-high");
                assertThat(alarm.path("NewStateValue").asText()).isEqualTo("ALARM");
                assertThat(alarm.path("OldStateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
                assertThat(alarm.path("NewStateReason").asText()).startsWith("Threshold Crossed: 1 out of the last 1");
                assertThat(alarm.path("Trigger").path("Period").asInt()).isEqualTo(10);
                assertThat(alarm.path("AlarmArn").asText())
                        .isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:backlog-high");
            });
            assertThat(cloudWatch
                            .describeAlarmHistory(new DescribeAlarmHistoryRequest()
                                    .withAlarmName("backlog-high")
                                    .withHistoryItemType("Action"))
                            .getAlarmHistoryItems())
                    .singleElement()
                    .satisfies(item ->
                            assertThat(item.getHistorySummary()).isEqualTo("Successfully executed action " + topic));
        }
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
