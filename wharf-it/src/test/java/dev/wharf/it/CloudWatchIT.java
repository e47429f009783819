package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** CloudWatch through the current SDK for Java v2, whose CloudWatch client speaks Smithy RPC v2 CBOR. */
@WharfTest
class CloudWatchIT {

    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void connect(WharfHandle wharf) {
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(URI.create(wharf.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @AfterAll
    static void disconnect() {
        cloudWatch.close();
    }

    @Test
    void metricsAreWrittenAndReadBackOverRpcV2Cbor() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(4, ChronoUnit.MINUTES);
        Dimension shard = Dimension.builder().name("Shard").value("7").build();
        cloudWatch.putMetricData(b -> b.namespace("Sdk/Cbor")
                .metricData(
                        m -> m.metricName("Size")
                                .dimensions(shard)
                                .timestamp(minute.plusMillis(1_500))
                                .values(10.0, 20.0, 30.0)
                                .counts(1.0, 2.0, 1.0)
                                .unit(StandardUnit.BYTES),
                        m -> m.metricName("Size")
                                .dimensions(shard)
                                .timestamp(minute.plusSeconds(61))
                                .value(5.0)
                                .unit(StandardUnit.BYTES)));

        List<Datapoint> points = cloudWatch
                .getMetricStatistics(b -> b.namespace("Sdk/Cbor")
                        .metricName("Size")
                        .dimensions(shard)
                        .startTime(minute)
                        .endTime(minute.plusSeconds(120))
                        .period(60)
                        .statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.SAMPLE_COUNT))
                .datapoints()
                .stream()
                .sorted(Comparator.comparing(Datapoint::timestamp))
                .toList();
        assertThat(points).hasSize(2);
        assertThat(points.get(0).timestamp()).isEqualTo(minute);
        assertThat(points.get(0).sum()).isEqualTo(80.0);
        assertThat(points.get(0).average()).isEqualTo(20.0);
        assertThat(points.get(0).unit()).isEqualTo(StandardUnit.BYTES);
        assertThat(points.get(1).sampleCount()).isEqualTo(1.0);

        Map<String, Double> percentiles = cloudWatch
                .getMetricStatistics(b -> b.namespace("Sdk/Cbor")
                        .metricName("Size")
                        .dimensions(shard)
                        .startTime(minute)
                        .endTime(minute.plusSeconds(60))
                        .period(60)
                        .extendedStatistics("p25", "p50", "p75", "p100"))
                .datapoints()
                .get(0)
                .extendedStatistics();
        assertThat(percentiles)
                .containsExactlyInAnyOrderEntriesOf(Map.of("p25", 10.0, "p50", 20.0, "p75", 20.0, "p100", 30.0));

        GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.startTime(minute)
                .endTime(minute.plusSeconds(120))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(q -> q.id("size").label("bytes").metricStat(s -> s.metric(
                                m -> m.namespace("Sdk/Cbor").metricName("Size").dimensions(shard))
                        .period(60)
                        .stat("Maximum"))));
        assertThat(data.metricDataResults()).singleElement().satisfies(result -> {
            assertThat(result.label()).isEqualTo("bytes");
            assertThat(result.values()).containsExactly(30.0, 5.0);
            assertThat(result.timestamps()).containsExactly(minute, minute.plusSeconds(60));
        });

        String maxTime = minute.atOffset(ZoneOffset.ofHoursMinutes(1, 30))
                .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT));
        GetMetricDataResponse labelled = cloudWatch.getMetricData(b -> b.startTime(minute)
                .endTime(minute.plusSeconds(120))
                .labelOptions(o -> o.timezone("+0130"))
                .metricDataQueries(q -> q.id("size")
                        .label("shard ${PROP('Dim.Shard')}: max ${MAX} at ${MAX_TIME} of ${DATAPOINT_COUNT}")
                        .metricStat(s -> s.metric(m -> m.namespace("Sdk/Cbor")
                                        .metricName("Size")
                                        .dimensions(shard))
                                .period(60)
                                .stat("Maximum"))));
        assertThat(labelled.metricDataResults()).singleElement().satisfies(result -> assertThat(result.label())
                .isEqualTo("shard 7: max 30 at " + maxTime + " of 2"));

        assertThat(cloudWatch.listMetrics(b -> b.namespace("Sdk/Cbor")).metrics())
                .singleElement()
                .satisfies(metric -> assertThat(metric.dimensions()).containsExactly(shard));
    }

    @Test
    void anAlarmSetByHandNotifiesAQueueThroughSns(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("cbor-alarms")).topicArn();
            String queue = sqs.createQueue(b -> b.queueName("cbor-alarm-inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn));
            cloudWatch.putMetricAlarm(b -> b.alarmName("cbor-alarm")
                    .namespace("Sdk/Cbor")
                    .metricName("Errors")
                    .statistic(Statistic.SUM)
                    .period(60)
                    .evaluationPeriods(3)
                    .datapointsToAlarm(2)
                    .threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .alarmActions(topic)
                    .tags(t -> t.key("team").value("ops")));
            MetricAlarm alarm = cloudWatch
                    .describeAlarms(b -> b.alarmNames("cbor-alarm"))
                    .metricAlarms()
                    .get(0);
            assertThat(alarm.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
            assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
            assertThat(alarm.alarmConfigurationUpdatedTimestamp())
                    .isBefore(Instant.now().plusSeconds(1));

            cloudWatch.setAlarmState(
                    b -> b.alarmName("cbor-alarm").stateValue(StateValue.ALARM).stateReason("drill"));

            List<software.amazon.awssdk.services.sqs.model.Message> received = sqs.receiveMessage(
                            b -> b.queueUrl(queue).waitTimeSeconds(10))
                    .messages();
            assertThat(received).singleElement().satisfies(message -> {
                JsonNode envelope = new ObjectMapper().readTree(message.body());
                assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
                assertThat(envelope.path("Subject").asText())
                        .isEqualTo("ALARM: \"cbor-alarm\" in US East (N. Virginia)");
                JsonNode notification =
                        new ObjectMapper().readTree(envelope.path("Message").asText());
                assertThat(notification.path("NewStateReason").asText()).isEqualTo("drill");
                assertThat(notification
                                .path("Trigger")
                                .path("EvaluationPeriods")
                                .asInt())
                        .isEqualTo(3);
            });
            assertThat(cloudWatch
                            .listTagsForResource(b -> b.resourceARN(alarm.alarmArn()))
                            .tags())
                    .singleElement()
                    .satisfies(tag -> assertThat(tag.key()).isEqualTo("team"));
        }
    }

    @Test
    void errorsCarryCloudWatchsCodesOverRpcV2Cbor() {
        InvalidParameterValueException reserved = catchThrowableOfType(
                InvalidParameterValueException.class,
                () -> cloudWatch.putMetricData(b ->
                        b.namespace("AWS/SQS").metricData(m -> m.metricName("x").value(1.0))));
        assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(reserved.awsErrorDetails().errorMessage())
                .isEqualTo("The value AWS/SQS for parameter Namespace is invalid.");
        assertThat(reserved.statusCode()).isEqualTo(400);

        // The SDK models no class for SetAlarmState's ResourceNotFound (only the tagging operations'
        // ResourceNotFoundException), so it arrives as the service's base exception with the Query code.
        CloudWatchException missing = catchThrowableOfType(
                CloudWatchException.class,
                () -> cloudWatch.setAlarmState(
                        b -> b.alarmName("never").stateValue(StateValue.OK).stateReason("x")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aCompositeAlarmsSuppressorIsHeldAndShownOverRpcV2Cbor() {
        cloudWatch.putMetricAlarm(b -> b.alarmName("suppressed-child")
                .namespace("Suppressed")
                .metricName("Errors")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.putMetricAlarm(b -> b.alarmName("maintenance")
                .namespace("Suppressed")
                .metricName("Maintenance")
                .statistic(Statistic.MAXIMUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.putCompositeAlarm(b -> b.alarmName("suppressed-composite")
                .alarmRule("ALARM(\"suppressed-child\")")
                .actionsSuppressor("maintenance")
                .actionsSuppressorWaitPeriod(120)
                .actionsSuppressorExtensionPeriod(60));
        cloudWatch.setAlarmState(
                b -> b.alarmName("maintenance").stateValue(StateValue.ALARM).stateReason("a maintenance window"));
        cloudWatch.setAlarmState(b ->
                b.alarmName("suppressed-composite").stateValue(StateValue.ALARM).stateReason("by hand"));

        software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm composite = cloudWatch
                .describeAlarms(b -> b.alarmNames("suppressed-composite")
                        .alarmTypes(software.amazon.awssdk.services.cloudwatch.model.AlarmType.COMPOSITE_ALARM))
                .compositeAlarms()
                .getFirst();
        assertThat(composite.actionsSuppressor()).isEqualTo("maintenance");
        assertThat(composite.actionsSuppressorWaitPeriod()).isEqualTo(120);
        assertThat(composite.actionsSuppressorExtensionPeriod()).isEqualTo(60);
        assertThat(composite.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(composite.actionsSuppressedBy())
                .isEqualTo(software.amazon.awssdk.services.cloudwatch.model.ActionsSuppressedBy.ALARM);
        assertThat(composite.actionsSuppressedReason()).isNotBlank();
    }
}
