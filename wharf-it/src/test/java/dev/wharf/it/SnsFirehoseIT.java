package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.WharfHandle;
import dev.wharf.testing.WharfTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS to Firehose to S3 through the SDK for Java v2: a topic's {@code firehose} subscriptions put each published
 * message into a delivery stream, which delivers it into Wharf's S3, as the notification document or, with raw message
 * delivery, as the message itself; each record ends with a newline, as SNS writes them.
 */
@WharfTest
class SnsFirehoseIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/sns-firehose";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String deliveryStream(FirehoseClient firehose, String name, String bucket) throws Exception {
        firehose.createDeliveryStream(
                b -> b.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))));
        return FirehoseSdkIT.awaitActive(firehose, name).deliveryStreamARN();
    }

    /** The notification documents in the bucket's objects, each a JSON object followed by a newline. */
    private static List<JsonNode> documents(S3Client s3, String bucket) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            byte[] body =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray();
            assertThat(body[body.length - 1]).isEqualTo((byte) '\n');
            try (MappingIterator<JsonNode> each = JSON.readerFor(JsonNode.class).readValues(body)) {
                documents.addAll(each.readAll());
            }
        }
        return documents;
    }

    @Test
    void publishedMessagesArriveInS3ThroughTheDeliveryStreams(WharfHandle wharf) throws Exception {
        URI endpoint = URI.create(wharf.endpoint().toString());
        try (SnsClient sns = LocalWharf.sns(endpoint.toString());
                FirehoseClient firehose = FirehoseDurabilityIT.client(endpoint);
                S3Client s3 = S3DurabilityIT.client(endpoint)) {
            s3.createBucket(b -> b.bucket("sns-raw"));
            s3.createBucket(b -> b.bucket("sns-documents"));
            String raw = deliveryStream(firehose, "sns-raw", "sns-raw");
            String documentStream = deliveryStream(firehose, "sns-documents", "sns-documents");
            String topic = sns.createTopic(b -> b.name("orders")).topicArn();
            sns.subscribe(b -> b.topicArn(topic)
                    .protocol("firehose")
                    .endpoint(raw)
                    .attributes(Map.of("SubscriptionRoleArn", ROLE, "RawMessageDelivery", "true")));
            String documented = sns.subscribe(b -> b.topicArn(topic)
                            .protocol("firehose")
                            .endpoint(documentStream)
                            .attributes(Map.of("SubscriptionRoleArn", ROLE))
                            .returnSubscriptionArn(true))
                    .subscriptionArn();

            List<String> messages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String message = "{\"order\":" + i + "}";
                messages.add(message);
                int n = i;
                ids.add(sns.publish(b -> b.topicArn(topic).message(message).subject("order " + n))
                        .messageId());
            }

            assertThat(FirehoseKinesisSourceIT.awaitLines(s3, "sns-raw", messages))
                    .containsExactlyInAnyOrderElementsOf(messages);
            List<JsonNode> documents = documents(s3, "sns-documents");
            for (int wait = 0; wait < 240 && documents.size() < messages.size(); wait++) {
                Thread.sleep(250);
                documents = documents(s3, "sns-documents");
            }
            assertThat(documents).hasSize(messages.size());
            List<String> seenIds = new ArrayList<>();
            for (JsonNode document : documents) {
                assertThat(document.get("Type").asText()).isEqualTo("Notification");
                assertThat(document.get("TopicArn").asText()).isEqualTo(topic);
                assertThat(document.get("Subject").asText()).startsWith("order ");
                assertThat(messages).contains(document.get("Message").asText());
                assertThat(URLDecoder.decode(document.get("UnsubscribeURL").asText(), StandardCharsets.UTF_8))
                        .endsWith("SubscriptionArn=" + documented);
                seenIds.add(document.get("MessageId").asText());
            }
            assertThat(seenIds).containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}
