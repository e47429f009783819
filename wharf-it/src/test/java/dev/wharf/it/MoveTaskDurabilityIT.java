package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** A message move task killed mid-run with SIGKILL resumes after the restart: nothing lost, nothing moved twice. */
class MoveTaskDurabilityIT {

    private static final int MESSAGES = 200;

    @Test
    void moveTaskResumesAfterSigkillWithoutLossOrDuplicates(@TempDir Path dataDir) throws Exception {
        RestartIT.Wharf first = RestartIT.start(dataDir);
        String dlqArn;
        try (SqsClient sqs = RestartIT.client(first.endpoint())) {
            String dlq = sqs.createQueue(b -> b.queueName("moves-dead")).queueUrl();
            dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings()
                    .get("QueueArn");
            sqs.createQueue(b -> b.queueName("moves-target")).queueUrl();
            String source = sqs.createQueue(b -> b.queueName("moves-live")
                            .attributesWithStrings(Map.of(
                                    "RedrivePolicy",
                                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"5\"}")))
                    .queueUrl();
            for (int batch = 0; batch < MESSAGES / 10; batch++) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder()
                            .id("e" + i)
                            .messageBody("m" + (batch * 10 + i))
                            .build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(dlq).entries(entries));
            }
            String target = dlqArn.replace("moves-dead", "moves-target");
            sqs.startMessageMoveTask(
                    b -> b.sourceArn(dlqArn).destinationArn(target).maxNumberOfMessagesPerSecond(40));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn))
                                    .results()
                                    .get(0)
                                    .approximateNumberOfMessagesMoved()
                            >= 40);
            assertThat(source).isNotBlank();
        } finally {
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (SqsClient sqs = RestartIT.client(second.endpoint())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED"
                    .equals(sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn))
                            .results()
                            .get(0)
                            .status()));
            String target = second.endpoint() + "/000000000000/moves-target";
            List<String> moved = new ArrayList<>();
            for (int round = 0; round < 100 && moved.size() < MESSAGES + 10; round++) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(target)
                                .maxNumberOfMessages(10)
                                .visibilityTimeout(600)
                                .waitTimeSeconds(1))
                        .messages();
                if (messages.isEmpty()) {
                    break;
                }
                messages.forEach(message -> moved.add(message.body()));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                expected.add("m" + i);
            }
            assertThat(moved).as("every message moved exactly once").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(second.endpoint() + "/000000000000/moves-dead")
                                    .attributeNamesWithStrings("All"))
                            .attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessages", "0")
                    .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
