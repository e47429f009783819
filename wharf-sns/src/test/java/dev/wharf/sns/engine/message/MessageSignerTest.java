package dev.wharf.sns.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class MessageSignerTest {

    private static final String TOPIC = "arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P";

    private final MessageSigner signer = new MessageSigner(TestSigning.KEYS);

    @Test
    void notificationStringToSignIsAwsDocumentedExample() {
        // The example string to sign of AWS's "Verifying the signatures of Amazon SNS messages".
        assertThat(MessageSigner.stringToSign(notification("My subject"))).isEqualTo("""
                        Message
                        My Test Message
                        MessageId
                        4d4dc071-ddbf-465d-bba8-08f81c89da64
                        Subject
                        My subject
                        Timestamp
                        2019-01-31T04:37:04.321Z
                        TopicArn
                        arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P
                        Type
                        Notification
                        """);
    }

    @Test
    void notificationWithoutSubjectSignsNoSubjectField() {
        assertThat(MessageSigner.stringToSign(notification(null))).isEqualTo("""
                        Message
                        My Test Message
                        MessageId
                        4d4dc071-ddbf-465d-bba8-08f81c89da64
                        Timestamp
                        2019-01-31T04:37:04.321Z
                        TopicArn
                        arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P
                        Type
                        Notification
                        """);
    }

    @Test
    void confirmationStringToSignIsAwsDocumentedExample() {
        Confirmation confirmation = new Confirmation(
                MessageType.SubscriptionConfirmation,
                "3d891288-136d-417f-bc05-901c108273ee",
                "233...",
                TOPIC,
                "My Test Message",
                "https://sns.us-east-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=233...",
                Instant.parse("2019-01-31T19:25:13.719Z"),
                "https://example.com/cert.pem",
                SignatureVersion.V1);
        assertThat(MessageSigner.stringToSign(confirmation)).isEqualTo("""
                        Message
                        My Test Message
                        MessageId
                        3d891288-136d-417f-bc05-901c108273ee
                        SubscribeURL
                        https://sns.us-east-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-2:\
                        123456789012:s4-MySNSTopic-1G1WEFCOXTC0P&Token=233...
                        Timestamp
                        2019-01-31T19:25:13.719Z
                        Token
                        233...
                        TopicArn
                        arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P
                        Type
                        SubscriptionConfirmation
                        """);
    }

    @Test
    void unsubscribeConfirmationSignsItsOwnType() {
        Confirmation confirmation = Confirmation.unsubscribe(
                "id", "token", TOPIC, TOPIC + ":sub", "https://u", Instant.EPOCH, "https://c", SignatureVersion.V1);
        assertThat(MessageSigner.stringToSign(confirmation)).endsWith("\nType\nUnsubscribeConfirmation\n");
    }

    @Test
    void timestampHasExactlyThreeFractionDigitsInUtc() {
        assertThat(MessageSigner.timestamp(Instant.parse("2012-05-02T00:54:06Z")))
                .isEqualTo("2012-05-02T00:54:06.000Z");
        assertThat(MessageSigner.timestamp(Instant.parse("2012-05-02T00:54:06.655999999Z")))
                .isEqualTo("2012-05-02T00:54:06.655Z");
    }

    @Test
    void versionOneSignsWithSha1AndVersionTwoWithSha256() {
        String stringToSign = MessageSigner.stringToSign(notification("My subject"));

        String v1 = signer.sign(stringToSign, SignatureVersion.V1);
        String v2 = signer.sign(stringToSign, SignatureVersion.V2);

        assertThat(TestSigning.verifies(stringToSign, v1, "SHA1withRSA")).isTrue();
        assertThat(TestSigning.verifies(stringToSign, v1, "SHA256withRSA")).isFalse();
        assertThat(TestSigning.verifies(stringToSign, v2, "SHA256withRSA")).isTrue();
        assertThat(TestSigning.verifies(stringToSign, v2, "SHA1withRSA")).isFalse();
        assertThat(TestSigning.verifies(stringToSign + " ", v1, "SHA1withRSA")).isFalse();
    }

    @Test
    void signsTheUtf8BytesOfTheStringToSign() {
        String stringToSign = "Message\nDonut 도넛 🍩\n";
        assertThat(TestSigning.verifies(stringToSign, signer.sign(stringToSign, SignatureVersion.V2), "SHA256withRSA"))
                .isTrue();
    }

    @Test
    void signatureVersionIsReadFromTheTopicAttributeValue() {
        assertThat(SignatureVersion.fromValue("1")).isEqualTo(SignatureVersion.V1);
        assertThat(SignatureVersion.fromValue("2")).isEqualTo(SignatureVersion.V2);
        assertThat(SignatureVersion.fromValue("3")).isNull();
        assertThat(SignatureVersion.fromValue("")).isNull();
        assertThat(SignatureVersion.V2.value()).isEqualTo("2");
    }

    private static Notification notification(@org.jspecify.annotations.Nullable String subject) {
        return new Notification(
                "4d4dc071-ddbf-465d-bba8-08f81c89da64",
                TOPIC,
                subject,
                "My Test Message",
                Instant.parse("2019-01-31T04:37:04.321Z"),
                new LinkedHashMap<>(),
                null,
                "https://example.com/unsubscribe",
                "https://example.com/cert.pem",
                SignatureVersion.V1);
    }
}
