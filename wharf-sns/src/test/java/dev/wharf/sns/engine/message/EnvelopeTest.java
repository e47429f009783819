package dev.wharf.sns.engine.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.sns.api.MessageAttributeValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Golden documents, laid out as SNS lays them out; the values are those of AWS's own examples. Each signature is taken
 * out of the document, verified on its own, and put back into the golden.
 */
class EnvelopeTest {

    private static final String TOPIC = "arn:aws:sns:us-west-2:123456789012:MyTopic";
    private static final String CERT_URL =
            "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem";
    private static final String UNSUBSCRIBE_URL = "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe"
            + "&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Envelope envelope = new Envelope(TestSigning.KEYS);

    @Test
    void notificationListsFieldsInAwsOrderWithAttributesLast() {
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("Command", MessageAttributeValue.ofString("String", "process"));
        attributes.put("timestamp", MessageAttributeValue.ofString("Number.java.lang.Long", "1723202440316"));
        attributes.put("tags", MessageAttributeValue.ofString("String.Array", "[\"a\",\"b\"]"));
        attributes.put("blob", MessageAttributeValue.ofBinary("Binary", new byte[] {1, 2, 3}));
        Notification notification = notification("My First Message", "Hello world!", attributes, SignatureVersion.V1);

        String document = envelope.notification(notification);

        String signature = text(document, "/Signature");
        assertThat(TestSigning.verifies(
                        "Message\nHello world!\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nMy First Message\n"
                                + "Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n",
                        signature,
                        "SHA1withRSA"))
                .isTrue();
        assertThat(document).isEqualTo("""
                        {
                          "Type" : "Notification",
                          "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
                          "Subject" : "My First Message",
                          "Message" : "Hello world!",
                          "Timestamp" : "2012-05-02T00:54:06.655Z",
                          "SignatureVersion" : "1",
                          "Signature" : "{signature}",
                          "SigningCertURL" : "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-\
                        f3ecfb7224c7233fe7bb5f59f96de52f.pem",
                          "UnsubscribeURL" : "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=\
                        arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96",
                          "MessageAttributes" : {
                            "Command" : {"Type":"String","Value":"process"},
                            "timestamp" : {"Type":"Number.java.lang.Long","Value":"1723202440316"},
                            "tags" : {"Type":"String.Array","Value":"[\\"a\\",\\"b\\"]"},
                            "blob" : {"Type":"Binary","Value":"AQID"}
                          }
                        }""".replace("{signature}", signature));
    }

    @Test
    void notificationWithoutSubjectOrAttributesLeavesThemOut() {
        String document = envelope.notification(
                notification(null, "This is a test message.", new LinkedHashMap<>(), SignatureVersion.V2));

        String signature = text(document, "/Signature");
        assertThat(TestSigning.verifies(
                        MessageSigner.stringToSign(notification(
                                null, "This is a test message.", new LinkedHashMap<>(), SignatureVersion.V2)),
                        signature,
                        "SHA256withRSA"))
                .isTrue();
        assertThat(document).isEqualTo("""
                        {
                          "Type" : "Notification",
                          "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
                          "Message" : "This is a test message.",
                          "Timestamp" : "2012-05-02T00:54:06.655Z",
                          "SignatureVersion" : "2",
                          "Signature" : "{signature}",
                          "SigningCertURL" : "{cert}",
                          "UnsubscribeURL" : "{unsubscribe}"
                        }""".replace("{signature}", signature)
                .replace("{cert}", CERT_URL)
                .replace("{unsubscribe}", UNSUBSCRIBE_URL));
    }

    @Test
    void fifoNotificationCarriesSequenceNumberAndNoSignature() {
        String topic = "arn:aws:sns:eu-central-1:123456789012:dev-events.fifo";
        String unsubscribe = "https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic
                + ":aab561d9-73b3-4cdf-b527-9cbfa357eb47";
        Notification notification = new Notification(
                "f5458878-95d1-5aad-82d9-d3d5edf775d9",
                topic,
                null,
                "{\"foo\":\"Hello world!\",\"bar\":123}",
                Instant.parse("2022-09-27T22:15:02.834Z"),
                new LinkedHashMap<>(),
                "10000000000000027000",
                unsubscribe,
                CERT_URL,
                SignatureVersion.V1);

        assertThat(envelope.notification(notification)).isEqualTo("""
                        {
                          "Type" : "Notification",
                          "MessageId" : "f5458878-95d1-5aad-82d9-d3d5edf775d9",
                          "SequenceNumber" : "10000000000000027000",
                          "TopicArn" : "arn:aws:sns:eu-central-1:123456789012:dev-events.fifo",
                          "Message" : "{\\"foo\\":\\"Hello world!\\",\\"bar\\":123}",
                          "Timestamp" : "2022-09-27T22:15:02.834Z",
                          "UnsubscribeURL" : "{unsubscribe}"
                        }""".replace("{unsubscribe}", unsubscribe));
    }

    @Test
    void fifoNotificationKeepsSubjectAndAttributes() {
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("attr1", MessageAttributeValue.ofString("Number", "99.12"));
        Notification notification = new Notification(
                "id",
                TOPIC + ".fifo",
                "Subject",
                "Message",
                TestSigning.NOW,
                attributes,
                "1",
                "https://u",
                CERT_URL,
                SignatureVersion.V1);

        assertThat(envelope.notification(notification)).isEqualTo("""
                        {
                          "Type" : "Notification",
                          "MessageId" : "id",
                          "SequenceNumber" : "1",
                          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic.fifo",
                          "Subject" : "Subject",
                          "Message" : "Message",
                          "Timestamp" : "2026-03-01T12:00:00.000Z",
                          "UnsubscribeURL" : "https://u",
                          "MessageAttributes" : {
                            "attr1" : {"Type":"Number","Value":"99.12"}
                          }
                        }""");
    }

    @Test
    void messageIsEscapedAsJsonAndSignedUnescaped() {
        String message = "He said \"hi\"\n\ttab\u0001 back\\slash 도넛 </script>";
        Notification notification = notification(null, message, new LinkedHashMap<>(), SignatureVersion.V1);

        String document = envelope.notification(notification);

        assertThat(document)
                .contains("  \"Message\" : \"He said \\\"hi\\\"\\n\\ttab\\u0001 back\\\\slash 도넛 </script>\",\n");
        assertThat(text(document, "/Message")).isEqualTo(message);
        assertThat(TestSigning.verifies(
                        "Message\n" + message + "\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n"
                                + "Timestamp\n2012-05-02T00:54:06.655Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n",
                        text(document, "/Signature"),
                        "SHA1withRSA"))
                .isTrue();
    }

    @Test
    void subscriptionConfirmationIsAwsExampleWithAwsText() {
        Confirmation confirmation = Confirmation.subscription(
                "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
                "2336412f37...",
                TOPIC,
                "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                        + "&Token=2336412f37...",
                Instant.parse("2012-04-26T20:45:04.751Z"),
                CERT_URL,
                SignatureVersion.V1);

        String document = envelope.confirmation(confirmation);

        String signature = text(document, "/Signature");
        assertThat(TestSigning.verifies(MessageSigner.stringToSign(confirmation), signature, "SHA1withRSA"))
                .isTrue();
        assertThat(document).isEqualTo("""
                        {
                          "Type" : "SubscriptionConfirmation",
                          "MessageId" : "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
                          "Token" : "2336412f37...",
                          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
                          "Message" : "You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\
                        \\nTo confirm the subscription, visit the SubscribeURL included in this message.",
                          "SubscribeURL" : "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=\
                        arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37...",
                          "Timestamp" : "2012-04-26T20:45:04.751Z",
                          "SignatureVersion" : "1",
                          "Signature" : "{signature}",
                          "SigningCertURL" : "{cert}"
                        }""".replace("{signature}", signature).replace("{cert}", CERT_URL));
    }

    @Test
    void unsubscribeConfirmationIsAwsExampleWithAwsText() {
        Confirmation confirmation = Confirmation.unsubscribe(
                "47138184-6831-46b8-8f7c-afc488602d7d",
                "2336412f37fb6...",
                TOPIC,
                TOPIC + ":2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
                "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                        + "&Token=2336412f37fb6...",
                Instant.parse("2012-04-26T20:06:41.581Z"),
                CERT_URL,
                SignatureVersion.V2);

        String document = envelope.confirmation(confirmation);

        String signature = text(document, "/Signature");
        assertThat(TestSigning.verifies(MessageSigner.stringToSign(confirmation), signature, "SHA256withRSA"))
                .isTrue();
        assertThat(document).isEqualTo("""
                        {
                          "Type" : "UnsubscribeConfirmation",
                          "MessageId" : "47138184-6831-46b8-8f7c-afc488602d7d",
                          "Token" : "2336412f37fb6...",
                          "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
                          "Message" : "You have chosen to deactivate subscription arn:aws:sns:us-west-2:123456789012:\
                        MyTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55.\\nTo cancel this operation and restore the \
                        subscription, visit the SubscribeURL included in this message.",
                          "SubscribeURL" : "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=\
                        arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37fb6...",
                          "Timestamp" : "2012-04-26T20:06:41.581Z",
                          "SignatureVersion" : "2",
                          "Signature" : "{signature}",
                          "SigningCertURL" : "{cert}"
                        }""".replace("{signature}", signature).replace("{cert}", CERT_URL));
    }

    @Test
    void confirmationIsNeverOfTypeNotification() {
        assertThatThrownBy(() -> new Confirmation(
                        MessageType.Notification, "id", "t", TOPIC, "m", "u", Instant.EPOCH, "c", SignatureVersion.V1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lambdaEventIsAwsShapeWithLambdaCasingAndStringTypedNumbers() {
        String topic = "arn:aws:sns:us-east-1:123456789012:sns-lambda";
        String subscription = topic + ":21be56ed-a058-49f5-8c98-aedd2564c486";
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("Test", MessageAttributeValue.ofString("String", "TestString"));
        attributes.put(
                "TestBinary", MessageAttributeValue.ofBinary("Binary", "TestBinary".getBytes(StandardCharsets.UTF_8)));
        attributes.put("count", MessageAttributeValue.ofString("Number", "12"));
        attributes.put("list", MessageAttributeValue.ofString("String.Array", "[1,2]"));
        Notification notification = new Notification(
                "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                topic,
                "example subject",
                "example message",
                Instant.parse("1970-01-01T00:00:00Z"),
                attributes,
                null,
                "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscription,
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
                SignatureVersion.V1);

        String event = envelope.lambdaEvent(notification, subscription);

        String signature = text(event, "/Records/0/Sns/Signature");
        assertThat(TestSigning.verifies(MessageSigner.stringToSign(notification), signature, "SHA1withRSA"))
                .isTrue();
        assertThat(event)
                .isEqualTo("{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\","
                        + "\"EventSubscriptionArn\":\"" + subscription + "\","
                        + "\"Sns\":{\"Type\":\"Notification\",\"MessageId\":\"95df01b4-ee98-5cb9-9903-4c221d41eb5e\","
                        + "\"TopicArn\":\"" + topic + "\",\"Subject\":\"example subject\","
                        + "\"Message\":\"example message\",\"Timestamp\":\"1970-01-01T00:00:00.000Z\","
                        + "\"SignatureVersion\":\"1\",\"Signature\":\"" + signature + "\","
                        + "\"SigningCertUrl\":\"https://sns.us-east-1.amazonaws.com/"
                        + "SimpleNotificationService-0000000000000000000000.pem\","
                        + "\"UnsubscribeUrl\":\"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"
                        + "&SubscriptionArn=" + subscription + "\","
                        + "\"MessageAttributes\":{\"Test\":{\"Type\":\"String\",\"Value\":\"TestString\"},"
                        + "\"TestBinary\":{\"Type\":\"Binary\",\"Value\":\"VGVzdEJpbmFyeQ==\"},"
                        + "\"count\":{\"Type\":\"String\",\"Value\":\"12\"},"
                        + "\"list\":{\"Type\":\"String\",\"Value\":\"[1,2]\"}}}}]}");
    }

    @Test
    void lambdaEventWithoutSubjectOrAttributesHasNullSubjectAndEmptyAttributes() {
        String event = envelope.lambdaEvent(
                notification(null, "Hello", new LinkedHashMap<>(), SignatureVersion.V1), TOPIC + ":sub");

        assertThat(event).contains(",\"Subject\":null,\"Message\":\"Hello\",");
        assertThat(event).endsWith(",\"MessageAttributes\":{}}}]}");
    }

    @Test
    void lambdaEventSaysVersionOneButSignsWithTheTopicsVersion() {
        Notification notification = notification("s", "m", new LinkedHashMap<>(), SignatureVersion.V2);

        String event = envelope.lambdaEvent(notification, TOPIC + ":sub");

        assertThat(text(event, "/Records/0/Sns/SignatureVersion")).isEqualTo("1");
        assertThat(TestSigning.verifies(
                        MessageSigner.stringToSign(notification),
                        text(event, "/Records/0/Sns/Signature"),
                        "SHA256withRSA"))
                .isTrue();
    }

    @Test
    void documentsAreTheSameForTheSameNotification() {
        Notification notification = notification("s", "m", new LinkedHashMap<>(), SignatureVersion.V2);

        assertThat(envelope.notification(notification)).isEqualTo(envelope.notification(notification));
    }

    @Test
    void attributeNeedsExactlyOneValue() {
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("empty", new MessageAttributeValue("String", null, null));

        assertThatThrownBy(() -> notification(null, "m", attributes, SignatureVersion.V1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void notificationKeepsItsOwnCopyOfTheAttributes() {
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        Notification notification = notification(null, "m", attributes, SignatureVersion.V1);
        attributes.put("late", MessageAttributeValue.ofString("String", "x"));

        assertThat(notification.messageAttributes()).isEmpty();
        assertThat(notification.fifo()).isFalse();
    }

    private static Notification notification(
            @Nullable String subject,
            String message,
            SequencedMap<String, MessageAttributeValue> attributes,
            SignatureVersion version) {
        return new Notification(
                "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                TOPIC,
                subject,
                message,
                Instant.parse("2012-05-02T00:54:06.655Z"),
                attributes,
                null,
                UNSUBSCRIBE_URL,
                CERT_URL,
                version);
    }

    private static String text(String document, String pointer) {
        try {
            JsonNode node = MAPPER.readTree(document).at(pointer);
            assertThat(node.isTextual()).as(pointer).isTrue();
            return node.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
