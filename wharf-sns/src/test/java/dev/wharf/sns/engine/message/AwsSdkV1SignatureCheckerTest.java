package dev.wharf.sns.engine.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.sns.util.SignatureChecker;
import dev.wharf.sns.api.MessageAttributeValue;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AWS SDK for Java v1 verifies the documents as a subscriber's code would.
 *
 * <p>Its {@code SignatureChecker} takes the public key itself. Its {@code SnsMessageManager} cannot be used here: it
 * downloads the certificate itself, only over HTTPS from a host {@code sns.<region>.amazonaws.com}, and only a
 * certificate issued to {@code sns.amazonaws.com} by a CA that the JVM trusts.
 */
class AwsSdkV1SignatureCheckerTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:MyTopic";

    private final Envelope envelope = new Envelope(TestSigning.KEYS);
    private final SignatureChecker checker = new SignatureChecker();
    private final PublicKey key = TestSigning.servedCertificate().getPublicKey();

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void notificationWithSubjectAndAttributesVerifies(SignatureVersion version) {
        SequencedMap<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("Command", MessageAttributeValue.ofString("String", "process"));
        attributes.put("blob", MessageAttributeValue.ofBinary("Binary", new byte[] {1, 2, 3}));
        String document =
                envelope.notification(notification("Subject \"quoted\"", "Hello\nworld 도넛", attributes, version));

        assertThat(checker.verifyMessageSignature(document, key)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void notificationWithoutSubjectVerifies(SignatureVersion version) {
        String document = envelope.notification(notification(null, "{\"a\":1}", new LinkedHashMap<>(), version));

        assertThat(checker.verifyMessageSignature(document, key)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void confirmationsVerify(SignatureVersion version) {
        Confirmation subscribe = Confirmation.subscription(
                "id-1",
                "token",
                TOPIC,
                "https://sns/?Action=ConfirmSubscription&Token=token",
                TestSigning.NOW,
                "https://sns/cert.pem",
                version);
        Confirmation unsubscribe = Confirmation.unsubscribe(
                "id-2",
                "token",
                TOPIC,
                TOPIC + ":sub",
                "https://sns/?Action=ConfirmSubscription&Token=token",
                TestSigning.NOW,
                "https://sns/cert.pem",
                version);

        assertThat(checker.verifyMessageSignature(envelope.confirmation(subscribe), key))
                .isTrue();
        assertThat(checker.verifyMessageSignature(envelope.confirmation(unsubscribe), key))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureVersion.class)
    void alteredNotificationDoesNotVerify(SignatureVersion version) {
        String document = envelope.notification(notification("s", "Hello", new LinkedHashMap<>(), version));

        assertThat(checker.verifyMessageSignature(document.replace("\"Hello\"", "\"Hellp\""), key))
                .isFalse();
    }

    private static Notification notification(
            @org.jspecify.annotations.Nullable String subject,
            String message,
            SequencedMap<String, MessageAttributeValue> attributes,
            SignatureVersion version) {
        return new Notification(
                "9a4e5b1c-6d2f-4e8a-b3c7-0f1e2d3c4b5a",
                TOPIC,
                subject,
                message,
                Instant.parse("2026-03-01T12:00:00.123Z"),
                attributes,
                null,
                "https://sns/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":sub",
                "https://sns/cert.pem",
                version);
    }
}
