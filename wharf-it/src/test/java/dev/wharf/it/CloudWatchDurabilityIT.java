package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch through a SIGKILL of a real Wharf process (sync store): with writers putting metric data when the
 * process dies, every acknowledged datum is counted after the restart, none twice; and alarms, their state and their
 * history survive as acknowledged.
 */
class CloudWatchDurabilityIT {

    private static CloudWatchClient client(URI endpoint) {
        return CloudWatchClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void acknowledgedDataAndAlarmsSurviveSigkill(@TempDir Path dataDir) throws Exception {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        long[] acknowledged = new long[4];
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (CloudWatchClient cloudWatch = client(first.endpoint())) {
            cloudWatch.putMetricAlarm(b -> b.alarmName("kept")
                    .namespace("Kill/App")
                    .metricName("m0")
                    .statistic(Statistic.SUM)
                    .period(60)
                    .evaluationPeriods(1)
                    .threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cloudWatch.setAlarmState(
                    b -> b.alarmName("kept").stateValue(StateValue.ALARM).stateReason("before"));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < acknowledged.length; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try {
                            cloudWatch.putMetricData(
                                    b -> b.namespace("Kill/App").metricData(m -> m.metricName("m" + writer)
                                            .timestamp(minute)
                                            .value(1.0)));
                            acknowledged[writer]++;
                        } catch (RuntimeException e) {
                            return; // the process is gone
                        }
                    }
                }));
            }
            Thread.sleep(1_500);
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (CloudWatchClient cloudWatch = client(second.endpoint())) {
            for (int w = 0; w < acknowledged.length; w++) {
                String name = "m" + w;
                double count = cloudWatch
                        .getMetricStatistics(b -> b.namespace("Kill/App")
                                .metricName(name)
                                .startTime(minute)
                                .endTime(minute.plusSeconds(60))
                                .period(60)
                                .statistics(Statistic.SAMPLE_COUNT))
                        .datapoints()
                        .stream()
                        .mapToDouble(point -> point.sampleCount())
                        .sum();
                assertThat(acknowledged[w]).as("writer %d wrote something", w).isPositive();
                // An unanswered put may have been durable too: at most one more than acknowledged.
                assertThat(count).as(name).isBetween((double) acknowledged[w], acknowledged[w] + 1.0);
            }
            assertThat(cloudWatch.describeAlarms(b -> b.alarmNames("kept")).metricAlarms())
                    .singleElement()
                    .satisfies(alarm -> {
                        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
                        assertThat(alarm.stateReason()).isEqualTo("before");
                    });
            assertThat(cloudWatch
                            .describeAlarmHistory(
                                    b -> b.alarmName("kept").historyItemType(HistoryItemType.STATE_UPDATE))
                            .alarmHistoryItems())
                    .hasSize(1);
        } finally {
            second.process().destroyForcibly();
        }
    }
}
