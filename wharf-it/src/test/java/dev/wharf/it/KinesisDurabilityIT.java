package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * Kinesis streams through a SIGKILL of a real Wharf process (sync store): every stream whose CreateStream was answered
 * is there after the restart, with its shards, retention and tags, and a stream whose deletion was answered is not.
 */
class KinesisDurabilityIT {

    private static KinesisClient client(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    @Test
    void streamsSurviveSigkill(@TempDir Path dataDir) throws Exception {
        List<String> acknowledged = new ArrayList<>();
        RestartIT.Wharf first = RestartIT.start(dataDir);
        try (KinesisClient kinesis = client(first.endpoint())) {
            for (int i = 0; i < 20; i++) {
                String name = "kill-" + i;
                kinesis.createStream(b -> b.streamName(name).shardCount(2).tags(Map.of("n", name)));
                acknowledged.add(name);
            }
            kinesis.increaseStreamRetentionPeriod(b -> b.streamName("kill-0").retentionPeriodHours(96));
            kinesis.createStream(b -> b.streamName("deleted").shardCount(1));
            kinesis.deleteStream(b -> b.streamName("deleted"));
        } finally {
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (KinesisClient kinesis = client(second.endpoint())) {
            assertThat(kinesis.listStreams(b -> b.limit(1000)).streamNames())
                    .as("every acknowledged stream; the deleted one at most DELETING")
                    .containsAll(acknowledged);
            var summary =
                    kinesis.describeStreamSummary(b -> b.streamName("kill-0")).streamDescriptionSummary();
            assertThat(summary.retentionPeriodHours()).isEqualTo(96);
            assertThat(summary.streamStatus()).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
            assertThat(kinesis.listTagsForStream(b -> b.streamName("kill-7")).tags())
                    .containsExactly(Tag.builder().key("n").value("kill-7").build());
            try (KinesisWaiter waiter = KinesisWaiter.builder()
                    .client(kinesis)
                    .overrideConfiguration(WaiterOverrideConfiguration.builder()
                            .maxAttempts(50)
                            .backoffStrategy(attempt -> java.time.Duration.ofMillis(100))
                            .build())
                    .build()) {
                waiter.waitUntilStreamExists(b -> b.streamName("kill-19"));
                waiter.waitUntilStreamNotExists(b -> b.streamName("deleted"));
            }
            assertThat(kinesis.listShards(b -> b.streamName("kill-19")).shards())
                    .hasSize(2);
            assertThat(kinesis.listStreams(b -> b.limit(1000)).streamNames()).doesNotContain("deleted");
        } finally {
            second.process().destroy();
            assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
