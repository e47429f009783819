package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SNS through the SDK v2 against a real server: topics, subscriptions and fan-out to SQS queues, with the envelope,
 * raw delivery, filter policies, FIFO order and PublishBatch, and AWS's errors.
 */
@WharfTest
class SnsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String queue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String arnOf(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static List<Message> receiveAll(SqsClient sqs, String url) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNamesWithStrings("All"))
                .messages();
    }

    @Test
    void topicsAreCreatedIdempotentlyListedTaggedAndDeleted(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns()) {
            CreateTopicResponse created = sns.createTopic(b -> b.name("orders")
                    .attributes(Map.of("DisplayName", "Orders"))
                    .tags(Tag.builder().key("team").value("shop").build()));
            assertThat(created.topicArn()).isEqualTo("arn:aws:sns:us-east-1:000000000000:orders");
            assertThat(sns.createTopic(b -> b.name("orders")).topicArn()).isEqualTo(created.topicArn());

            InvalidParameterException conflict = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.createTopic(b -> b.name("orders").attributes(Map.of("DisplayName", "Other"))));
            assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
            assertThat(conflict.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
            assertThat(conflict.statusCode()).isEqualTo(400);

            Map<String, String> attributes =
                    sns.getTopicAttributes(b -> b.topicArn(created.topicArn())).attributes();
            assertThat(attributes)
                    .containsEntry("DisplayName", "Orders")
                    .containsEntry("Owner", "000000000000")
                    .containsEntry("TopicArn", created.topicArn())
                    .containsEntry("SubscriptionsConfirmed", "0")
                    .containsKeys("Policy", "EffectiveDeliveryPolicy");

            sns.setTopicAttributes(b ->
                    b.topicArn(created.topicArn()).attributeName("DisplayName").attributeValue("New"));
            assertThat(sns.getTopicAttributes(b -> b.topicArn(created.topicArn()))
                            .attributes())
                    .containsEntry("DisplayName", "New");

            assertThat(sns.listTagsForResource(b -> b.resourceArn(created.topicArn()))
                            .tags())
                    .extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "shop"));
            assertThat(sns.listTopicsPaginator(b -> {}).topics())
                    .extracting(t -> t.topicArn())
                    .contains(created.topicArn());

            sns.deleteTopic(b -> b.topicArn(created.topicArn()));
            NotFoundException gone = catchThrowableOfType(
                    NotFoundException.class, () -> sns.getTopicAttributes(b -> b.topicArn(created.topicArn())));
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NotFound");
            assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
            assertThat(gone.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTopicNameOutsideAwsRulesIsInvalidParameter(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns()) {
            InvalidParameterException e =
                    catchThrowableOfType(InvalidParameterException.class, () -> sns.createTopic(b -> b.name("a b")));
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Topic Name");
        }
    }

    @Test
    void aPublishReachesEverySubscribedQueueInAnEnvelopeWhoseSignatureVerifies(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("fanout")).topicArn();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String url = queue(sqs, "fanout-" + i, Map.of());
                urls.add(url);
                String subscription = sns.subscribe(
                                b -> b.topicArn(topic).protocol("sqs").endpoint(arnOf(sqs, url)))
                        .subscriptionArn();
                assertThat(subscription).startsWith(topic + ":");
            }

            PublishResponse published = sns.publish(b -> b.topicArn(topic)
                    .subject("Greeting")
                    .message("hello")
                    .messageAttributes(Map.of(
                            "color",
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("blue")
                                    .build())));

            for (String url : urls) {
                List<Message> received = receiveAll(sqs, url);
                assertThat(received)
                        .as("the message is receivable when Publish returns")
                        .hasSize(1);
                JsonNode envelope = JSON.readTree(received.getFirst().body());
                assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
                assertThat(envelope.path("MessageId").asText()).isEqualTo(published.messageId());
                assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
                assertThat(envelope.path("Subject").asText()).isEqualTo("Greeting");
                assertThat(envelope.path("Message").asText()).isEqualTo("hello");
                assertThat(envelope.path("SignatureVersion").asText()).isEqualTo("1");
                assertThat(envelope.path("MessageAttributes")
                                .path("color")
                                .path("Type")
                                .asText())
                        .isEqualTo("String");
                assertThat(envelope.path("MessageAttributes")
                                .path("color")
                                .path("Value")
                                .asText())
                        .isEqualTo("blue");
                assertThat(envelope.path("UnsubscribeURL").asText())
                        .startsWith(wharf.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=");
                verifySignature(envelope);
            }
        }
    }

    /** Fetches the certificate at SigningCertURL and checks the signature over AWS's string to sign. */
    private static void verifySignature(JsonNode envelope) throws Exception {
        HttpResponse<byte[]> pem = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        envelope.path("SigningCertURL").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pem.statusCode()).isEqualTo(200);
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.body()));
        StringBuilder signed = new StringBuilder();
        for (String field : List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")) {
            if (envelope.has(field)) {
                signed.append(field)
                        .append('\n')
                        .append(envelope.path(field).asText())
                        .append('\n');
            }
        }
        Signature verifier = Signature.getInstance(
                envelope.path("SignatureVersion").asText().equals("2") ? "SHA256withRSA" : "SHA1withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(
                        Base64.getDecoder().decode(envelope.path("Signature").asText())))
                .as("the signature verifies with the certificate at SigningCertURL")
                .isTrue();
    }

    @Test
    void rawDeliveryCarriesTheMessageAndItsAttributesAsSqsAttributes(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("raw")).topicArn();
            String url = queue(sqs, "raw-q", Map.of());
            sns.subscribe(b -> b.topicArn(topic)
                    .protocol("sqs")
                    .endpoint(arnOf(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));

            sns.publish(b -> b.topicArn(topic)
                    .message("{\"id\":7}")
                    .messageAttributes(Map.of(
                            "n",
                            MessageAttributeValue.builder()
                                    .dataType("Number")
                                    .stringValue("42")
                                    .build(),
                            "b",
                            MessageAttributeValue.builder()
                                    .dataType("Binary")
                                    .binaryValue(SdkBytes.fromUtf8String("bytes"))
                                    .build())));

            Message message = receiveAll(sqs, url).getFirst();
            assertThat(message.body()).isEqualTo("{\"id\":7}");
            assertThat(message.messageAttributes().get("n").stringValue()).isEqualTo("42");
            assertThat(message.messageAttributes().get("n").dataType()).isEqualTo("Number");
            assertThat(message.messageAttributes().get("b").binaryValue().asUtf8String())
                    .isEqualTo("bytes");
            assertThat(message.md5OfMessageAttributes())
                    .as("the SDK checked it")
                    .isNotBlank();
        }
    }

    @Test
    void aFilterPolicyLetsOnlyMatchingMessagesThrough(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("filtered")).topicArn();
            String url = queue(sqs, "filtered-q", Map.of());
            sns.subscribe(b -> b.topicArn(topic)
                    .protocol("sqs")
                    .endpoint(arnOf(sqs, url))
                    .attributes(Map.of(
                            "RawMessageDelivery", "true",
                            "FilterPolicy",
                                    "{\"color\":[\"blue\",{\"prefix\":\"gr\"}],\"size\":[{\"numeric\":[\">\",10]}]}")));

            for (String[] attributes : List.of(
                    new String[] {"blue", "11", "yes"},
                    new String[] {"green", "100", "yes"},
                    new String[] {"red", "11", "no"},
                    new String[] {"blue", "10", "no"})) {
                sns.publish(b -> b.topicArn(topic)
                        .message(attributes[0] + "-" + attributes[1] + "-" + attributes[2])
                        .messageAttributes(Map.of(
                                "color",
                                MessageAttributeValue.builder()
                                        .dataType("String")
                                        .stringValue(attributes[0])
                                        .build(),
                                "size",
                                MessageAttributeValue.builder()
                                        .dataType("Number")
                                        .stringValue(attributes[1])
                                        .build())));
            }

            assertThat(receiveAll(sqs, url))
                    .extracting(Message::body)
                    .containsExactlyInAnyOrder("blue-11-yes", "green-100-yes");
        }
    }

    @Test
    void aFifoTopicKeepsOrderDeduplicatesAndNumbersItsMessages(WharfHandle wharf) throws Exception {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("orders.fifo").attributes(Map.of("FifoTopic", "true")))
                    .topicArn();
            String url = queue(sqs, "orders-q.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arnOf(sqs, url)));

            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                sequenceNumbers.add(sns.publish(b -> b.topicArn(topic)
                                .message("m" + n)
                                .messageGroupId("g")
                                .messageDeduplicationId("d" + n))
                        .sequenceNumber());
            }
            PublishResponse duplicate = sns.publish(
                    b -> b.topicArn(topic).message("m0").messageGroupId("g").messageDeduplicationId("d0"));
            assertThat(duplicate.sequenceNumber()).isEqualTo(sequenceNumbers.getFirst());
            assertThat(sequenceNumbers).isSorted().doesNotHaveDuplicates();

            List<String> bodies = new ArrayList<>();
            for (int round = 0; round < 5 && bodies.size() < 5; round++) {
                for (Message message : receiveAll(sqs, url)) {
                    JsonNode envelope = JSON.readTree(message.body());
                    assertThat(envelope.has("Signature"))
                            .as("FIFO notifications are not signed")
                            .isFalse();
                    assertThat(envelope.path("SequenceNumber").asText()).isNotEmpty();
                    bodies.add(envelope.path("Message").asText());
                    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
            assertThat(bodies).containsExactly("m0", "m1", "m2", "m3", "m4");

            InvalidParameterException noGroup = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> sns.publish(b -> b.topicArn(topic).message("x")));
            assertThat(noGroup.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        }
    }

    @Test
    void publishBatchAnswersEachEntryAndFailsOnlyTheBadOnes(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("batch")).topicArn();
            String url = queue(sqs, "batch-q", Map.of());
            sns.subscribe(b -> b.topicArn(topic)
                    .protocol("sqs")
                    .endpoint(arnOf(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));

            PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topic)
                    .publishBatchRequestEntries(
                            PublishBatchRequestEntry.builder()
                                    .id("a")
                                    .message("one")
                                    .build(),
                            PublishBatchRequestEntry.builder()
                                    .id("b")
                                    .message("")
                                    .build(),
                            PublishBatchRequestEntry.builder()
                                    .id("c")
                                    .message("three")
                                    .build()));

            assertThat(response.successful()).extracting(e -> e.id()).containsExactly("a", "c");
            assertThat(response.failed()).singleElement().satisfies(failure -> {
                assertThat(failure.id()).isEqualTo("b");
                assertThat(failure.code()).isEqualTo("InvalidParameter");
                assertThat(failure.message()).isEqualTo("Invalid parameter: Empty message");
                assertThat(failure.senderFault()).isTrue();
            });
            assertThat(receiveAll(sqs, url)).extracting(Message::body).containsExactlyInAnyOrder("one", "three");
        }
    }

    @Test
    void subscriptionsAreListedAndTheirAttributesSetAndRemoved(WharfHandle wharf) {
        try (SnsClient sns = wharf.sns();
                SqsClient sqs = wharf.sqs()) {
            String topic = sns.createTopic(b -> b.name("subs")).topicArn();
            String queueArn = arnOf(sqs, queue(sqs, "subs-q", Map.of()));
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn))
                    .subscriptionArn();
            assertThat(sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn))
                            .subscriptionArn())
                    .as("Subscribe is idempotent")
                    .isEqualTo(arn);

            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                    .extracting(Subscription::subscriptionArn, Subscription::protocol, Subscription::endpoint)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(arn, "sqs", queueArn));

            sns.setSubscriptionAttributes(b ->
                    b.subscriptionArn(arn).attributeName("RawMessageDelivery").attributeValue("true"));
            assertThat(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn))
                            .attributes())
                    .containsEntry("RawMessageDelivery", "true")
                    .containsEntry("PendingConfirmation", "false")
                    .containsEntry("TopicArn", topic);

            sns.unsubscribe(b -> b.subscriptionArn(arn));
            assertThat(sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions())
                    .isEmpty();
            NotFoundException gone = catchThrowableOfType(
                    NotFoundException.class, () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)));
            assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("Subscription does not exist");
        }
    }
}
