package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.server.WharfConfig;
import dev.wharf.server.WharfServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AWS/SQS as Wharf publishes it (every 2 seconds here, as high-resolution data), checked against the queue's own
 * attributes at the same moment, and the same figures on /metrics.
 */
class CloudWatchSqsMetricsIT {

    private static WharfServer server;
    private static CloudWatchClient cloudWatch;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        server = LocalWharf.inMemory(new WharfConfig.CloudWatch(2));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        sqs.close();
        server.close();
    }

    private static double latest(String metric, Statistic statistic, Instant from) {
        List<Datapoint> points = cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/SQS")
                        .metricName(metric)
                        .dimensions(d -> d.name("QueueName").value("measured"))
                        .startTime(from)
                        .endTime(Instant.now().plusSeconds(5))
                        .period(1)
                        .statistics(statistic))
                .datapoints();
        return points.stream()
                .max(java.util.Comparator.comparing(Datapoint::timestamp))
                .map(point -> statistic == Statistic.SUM ? point.sum() : point.maximum())
                .orElse(-1.0);
    }

    @Test
    void awsSqsFiguresMatchTheQueuesAttributes() throws Exception {
        String queue = sqs.createQueue(b -> b.queueName("measured")).queueUrl();
        Instant began = Instant.now().minusSeconds(2);
        for (int i = 0; i < 7; i++) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
        }
        sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(3).visibilityTimeout(300));
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();

        // Nothing changes the queue from here on, so the next published figures are those of the same moment.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(latest("ApproximateNumberOfMessagesVisible", Statistic.MAXIMUM, began))
                            .isEqualTo(Double.parseDouble(
                                    attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
                    assertThat(latest("ApproximateNumberOfMessagesNotVisible", Statistic.MAXIMUM, began))
                            .isEqualTo(Double.parseDouble(
                                    attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
                    assertThat(latest("ApproximateNumberOfMessagesDelayed", Statistic.MAXIMUM, began))
                            .isEqualTo(Double.parseDouble(
                                    attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
                });
        assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .isEqualTo("4");
        assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .isEqualTo("3");

        double sent = cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/SQS")
                        .metricName("NumberOfMessagesSent")
                        .dimensions(d -> d.name("QueueName").value("measured"))
                        .startTime(began)
                        .endTime(Instant.now().plusSeconds(5))
                        .period(60)
                        .statistics(Statistic.SUM))
                .datapoints()
                .stream()
                .mapToDouble(Datapoint::sum)
                .sum();
        assertThat(sent).isEqualTo(7.0);
    }
}
