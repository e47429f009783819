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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** FIFO state survives SIGKILL: the deduplication window, group order, sequence numbers and dead-letter moves. */
class FifoDurabilityIT {

    private static String at(String url, URI endpoint) {
        return url.replaceAll("http://[^/]+", endpoint.toString());
    }

    @Test
    void fifoStateSurvivesSigkill(@TempDir Path dataDir) throws Exception {
        RestartIT.Wharf first = RestartIT.start(dataDir);
        String url;
        String dlq;
        String originalId;
        String lastSequence;
        try (SqsClient sqs = RestartIT.client(first.endpoint())) {
            dlq = sqs.createQueue(b -> b.queueName("dead.fifo").attributesWithStrings(Map.of("FifoQueue", "true")))
                    .queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings()
                    .get("QueueArn");
            url = sqs.createQueue(b -> b.queueName("jobs.fifo")
                            .attributesWithStrings(Map.of(
                                    "FifoQueue",
                                    "true",
                                    "VisibilityTimeout",
                                    "0",
                                    "RedrivePolicy",
                                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}")))
                    .queueUrl();
            originalId = sqs.sendMessage(b -> b.queueUrl(url)
                            .messageBody("first")
                            .messageGroupId("g")
                            .messageDeduplicationId("dedup-1"))
                    .messageId();
            String last = null;
            for (int i = 0; i < 20; i++) {
                int n = i;
                last = sqs.sendMessage(b -> b.queueUrl(url)
                                .messageBody("m" + n)
                                .messageGroupId("g")
                                .messageDeduplicationId("d" + n))
                        .sequenceNumber();
            }
            lastSequence = last;
            sqs.sendMessage(b -> b.queueUrl(dlq)
                    .messageBody("already-dead")
                    .messageGroupId("x")
                    .messageDeduplicationId("x1"));
            // One receive with maxReceiveCount 1: the head is returned; the next receive moves it to the DLQ.
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages())
                    .extracting(Message::body)
                    .containsExactly("first");
            sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1));
        } finally {
            first.process().destroyForcibly();
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        RestartIT.Wharf second = RestartIT.start(dataDir);
        try (SqsClient sqs = RestartIT.client(second.endpoint())) {
            String liveUrl = at(url, second.endpoint());
            String dlqUrl = at(dlq, second.endpoint());
            String again = sqs.sendMessage(b -> b.queueUrl(liveUrl)
                            .messageBody("first")
                            .messageGroupId("g")
                            .messageDeduplicationId("dedup-1"))
                    .messageId();
            assertThat(again).as("the deduplication window survived").isEqualTo(originalId);
            String next = sqs.sendMessage(b -> b.queueUrl(liveUrl)
                            .messageBody("after")
                            .messageGroupId("h")
                            .messageDeduplicationId("after-1"))
                    .sequenceNumber();
            assertThat(next).as("sequence numbers keep growing").isGreaterThan(lastSequence);
            List<String> group = new ArrayList<>();
            for (int i = 0; i < 40 && group.size() < 19; i++) {
                List<Message> batch = sqs.receiveMessage(
                                b -> b.queueUrl(liveUrl).maxNumberOfMessages(10).visibilityTimeout(600))
                        .messages();
                for (Message message : batch) {
                    if (message.body().startsWith("m")) {
                        group.add(message.body());
                    }
                    sqs.deleteMessage(b -> b.queueUrl(liveUrl).receiptHandle(message.receiptHandle()));
                }
            }
            List<String> dead = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sqs.receiveMessage(
                                b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10).visibilityTimeout(600))
                        .messages()
                        .forEach(message -> dead.add(message.body()));
            }
            // m0 was received once before the kill, so with maxReceiveCount 1 its next receive moved it too.
            assertThat(dead).containsExactlyInAnyOrder("already-dead", "first", "m0");
            List<String> expected = new ArrayList<>();
            for (int i = 1; i < 20; i++) {
                expected.add("m" + i);
            }
            assertThat(group).as("group order survived").isEqualTo(expected);
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
