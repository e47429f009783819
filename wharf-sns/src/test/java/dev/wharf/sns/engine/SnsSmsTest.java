package dev.wharf.sns.engine;

import static dev.wharf.sns.engine.SnsPlatformTest.ACCOUNT;
import static dev.wharf.sns.engine.SnsPlatformTest.CONTEXT;
import static dev.wharf.sns.engine.SnsPlatformTest.OTHER;
import static dev.wharf.sns.engine.SnsPlatformTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.common.CommonError;
import dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutRequest;
import dev.wharf.sns.api.CreateSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.DeleteSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.GetSMSAttributesRequest;
import dev.wharf.sns.api.GetSMSSandboxAccountStatusRequest;
import dev.wharf.sns.api.ListOriginationNumbersRequest;
import dev.wharf.sns.api.ListPhoneNumbersOptedOutRequest;
import dev.wharf.sns.api.ListPhoneNumbersOptedOutResponse;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersRequest;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersResponse;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.OptInPhoneNumberRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SMSSandboxPhoneNumber;
import dev.wharf.sns.api.SentMessage;
import dev.wharf.sns.api.SetSMSAttributesRequest;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.api.VerifySMSSandboxPhoneNumberRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMS: publishing to phone numbers and sms subscriptions, the settings, opt-outs, the sandbox and the outbox. */
class SnsSmsTest {

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SnsEngine sns = new SnsEngine(
            storage.topics(),
            storage.deliveries(),
            storage.archive(),
            new SqsEngine(storage.queues(), clock, "us-east-1"),
            SigningKeys.ephemeral(clock),
            clock,
            "us-east-1");

    @AfterEach
    void close() {
        sns.close();
    }

    private String sms(String phoneNumber, String message) {
        return sms(phoneNumber, message, null, null);
    }

    private String sms(
            String phoneNumber,
            String message,
            @Nullable String structure,
            @Nullable Map<String, MessageAttributeValue> attributes) {
        return Objects.requireNonNull(sns.publish(
                        CONTEXT,
                        new PublishRequest(null, null, phoneNumber, message, null, structure, attributes, null, null))
                .messageId());
    }

    private void optOut(String phoneNumber) {
        sns.optOutPhoneNumber(ACCOUNT, phoneNumber);
    }

    private boolean optedOut(String phoneNumber) {
        return Boolean.TRUE.equals(
                sns.checkIfPhoneNumberIsOptedOut(CONTEXT, new CheckIfPhoneNumberIsOptedOutRequest(phoneNumber))
                        .isOptedOut());
    }

    @Test
    void publishToAPhoneNumberKeepsTheSms() {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "AWS.SNS.SMS.SenderID", MessageAttributeValue.ofString("String", "Wharf"),
                "AWS.SNS.SMS.SMSType", MessageAttributeValue.ofString("String", "Transactional"));
        String first = sms("+15555550100", "hello", null, attributes);
        String second = sms("15555550100", "{\"default\":\"d\",\"sms\":\"short\"}", "json", null);

        assertThat(sns.smsMessages(ACCOUNT, "+15555550100"))
                .containsExactly(
                        new SentMessage("+15555550100", null, null, first, "hello", attributes, null, null),
                        new SentMessage("+15555550100", null, null, second, "short", Map.of(), "json", null));
        assertThat(sns.smsMessages(ACCOUNT, " 15555550100")).hasSize(2);
        assertThat(sns.smsMessages(ACCOUNT, "+15555550199")).isEmpty();
        assertThat(sns.smsMessages(OTHER.accountId(), null)).isEmpty();
    }

    @Test
    void publishChecksThePhoneNumberAndTheMessage() {
        assertError(
                () -> sms("+1a234", "hi"),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to");
        assertError(
                () -> sms("NAA+15551234567", "hi"),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: NAA+15551234567 is not valid to publish to");
        assertError(
                () -> sms("+15551234567", "x".repeat(SnsLimits.SMS_MESSAGE_LENGTH_MAX + 1)),
                SnsError.InvalidParameter,
                "Invalid parameter: Message too long");
        assertError(
                () -> sms("+15551234567", "{\"sms\":\"x\"}", "json", null),
                SnsError.InvalidParameter,
                "Invalid parameter: Message Structure - No default entry in JSON message body");
        assertError(
                () -> sms("+15551234567", "hi", "xml", null),
                SnsError.InvalidParameter,
                "Invalid parameter: MessageStructure");
        assertError(
                () -> sms(
                        "+15551234567", "hi", null, Map.of("AWS.Other", MessageAttributeValue.ofString("String", "x"))),
                SnsError.InvalidParameter,
                "Invalid parameter: MessageAttributes Reason: The message attribute name 'AWS.Other' is invalid.");
        assertError(
                () -> sns.publish(
                        CONTEXT,
                        new PublishRequest(
                                "arn:aws:sns:us-east-1:000000000000:t",
                                null,
                                "+15551234567",
                                "hi",
                                null,
                                null,
                                null,
                                null,
                                null)),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: Only one of PhoneNumber, TopicArn or TargetArn may be"
                        + " specified");
        sms("+15551234567", "x".repeat(SnsLimits.SMS_MESSAGE_LENGTH_MAX));
        assertThat(sns.smsMessages(ACCOUNT, null)).hasSize(1);
    }

    @Test
    void smsSubscriptionsReceiveTheSmsEntryAndOptedOutNumbersNothing() {
        String topic =
                Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("alerts", null, null, null))
                        .topicArn());
        String subscription = Objects.requireNonNull(
                sns.subscribe(CONTEXT, new SubscribeRequest(topic, "sms", "+12/34-567.890", null, null))
                        .subscriptionArn());
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "sms", "+15555550111", null, null));
        optOut("+15555550111");

        String messageId = Objects.requireNonNull(sns.publish(
                        CONTEXT,
                        new PublishRequest(
                                topic,
                                null,
                                null,
                                "{\"default\":\"long\",\"sms\":\"short\"}",
                                "Hi",
                                "json",
                                null,
                                null,
                                null))
                .messageId());
        sms("+15555550111", "direct");

        assertThat(sns.smsMessages(ACCOUNT, null))
                .containsExactly(new SentMessage(
                        "+1234567890", topic, subscription, messageId, "short", Map.of(), "json", "Hi"));
    }

    @Test
    void smsEndpointsFollowAwsRules() {
        String topic = Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("t", null, null, null))
                .topicArn());
        for (String number : List.of("+15--551234567", "NAA+15551234567", "+15551234567.", "/+15551234567", "x")) {
            assertError(
                    () -> sns.subscribe(CONTEXT, new SubscribeRequest(topic, "sms", number, null, null)),
                    SnsError.InvalidParameter,
                    "Invalid SMS endpoint: " + number);
        }
    }

    @Test
    void smsAttributesAreSetCheckedAndAnsweredWithTheSpendLimitEveryAccountHas() {
        assertThat(sns.getSMSAttributes(CONTEXT, new GetSMSAttributesRequest(null))
                        .attributes())
                .containsExactly(Map.entry("MonthlySpendLimit", "1"));

        sns.setSMSAttributes(
                CONTEXT,
                new SetSMSAttributesRequest(Map.of(
                        "DeliveryStatusSuccessSamplingRate", "100",
                        "DefaultSenderID", "LSTest",
                        "DefaultSMSType", "Promotional")));

        assertThat(sns.getSMSAttributes(CONTEXT, new GetSMSAttributesRequest(null))
                        .attributes())
                .containsExactly(
                        Map.entry("DefaultSMSType", "Promotional"),
                        Map.entry("DefaultSenderID", "LSTest"),
                        Map.entry("DeliveryStatusSuccessSamplingRate", "100"),
                        Map.entry("MonthlySpendLimit", "1"));
        assertThat(sns.getSMSAttributes(
                                CONTEXT, new GetSMSAttributesRequest(List.of("DefaultSenderID", "DefaultSMSType")))
                        .attributes())
                .containsExactly(Map.entry("DefaultSMSType", "Promotional"), Map.entry("DefaultSenderID", "LSTest"));
        assertThat(sns.getSMSAttributes(OTHER, new GetSMSAttributesRequest(null))
                        .attributes())
                .hasSize(1);

        assertError(
                () -> sns.setSMSAttributes(CONTEXT, new SetSMSAttributesRequest(Map.of("InvalidAttribute", "invalid"))),
                SnsError.InvalidParameter,
                "InvalidAttribute is not a valid attribute");
        assertError(
                () -> sns.setSMSAttributes(CONTEXT, new SetSMSAttributesRequest(Map.of("DefaultSendID", "a"))),
                SnsError.InvalidParameter,
                "DefaultSendID is not a valid attribute");
        assertError(
                () -> sns.getSMSAttributes(CONTEXT, new GetSMSAttributesRequest(List.of("Nope"))),
                SnsError.InvalidParameter,
                "Nope is not a valid attribute");
        Map<String, String> invalid = Map.of(
                "DefaultSMSType", "invalid",
                "DefaultSenderID", "123456789",
                "MonthlySpendLimit", "-1",
                "DeliveryStatusSuccessSamplingRate", "101",
                "UsageReportS3Bucket", "Not_A_Bucket",
                "DeliveryStatusIAMRole", "arn:aws:iam::000000000000:user/u");
        invalid.forEach((name, value) -> assertError(
                () -> sns.setSMSAttributes(CONTEXT, new SetSMSAttributesRequest(Map.of(name, value))),
                SnsError.InvalidParameter,
                name + " is invalid"));
        assertError(
                () -> sns.setSMSAttributes(
                        CONTEXT, new SetSMSAttributesRequest(Map.of("DefaultSenderID", "a".repeat(12)))),
                SnsError.InvalidParameter,
                "DefaultSenderID is invalid");
        assertError(
                () -> sns.setSMSAttributes(CONTEXT, new SetSMSAttributesRequest(null)),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must"
                        + " not be null");
        sns.setSMSAttributes(
                CONTEXT,
                new SetSMSAttributesRequest(Map.of(
                        "MonthlySpendLimit", "25",
                        "UsageReportS3Bucket", "my.report-bucket",
                        "DeliveryStatusIAMRole", "arn:aws:iam::000000000000:role/SNSLogs")));
        assertThat(sns.getSMSAttributes(CONTEXT, new GetSMSAttributesRequest(List.of("MonthlySpendLimit")))
                        .attributes())
                .containsExactly(Map.entry("MonthlySpendLimit", "25"));
    }

    @Test
    void optedOutNumbersAreCheckedListedAndOptedInOnceEveryThirtyDays() {
        optOut("+15555550100");

        assertThat(optedOut("+15555550100")).isTrue();
        assertThat(optedOut("15555550100")).isTrue();
        assertThat(optedOut("+15555550101")).isFalse();
        assertThat(sns.listPhoneNumbersOptedOut(CONTEXT, new ListPhoneNumbersOptedOutRequest(null))
                        .phoneNumbers())
                .containsExactly("+15555550100");
        assertError(
                () -> optedOut("invalid"),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
        assertError(
                () -> sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("invalid")),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");

        sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("+4411111111"));
        sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("+15555550100"));
        assertThat(optedOut("+15555550100")).isFalse();

        optOut("+15555550100");
        assertError(
                () -> sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("+15555550100")),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: a phone number can be opted in only once every 30 days");
        clock.advance(Duration.ofDays(30));
        sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("+15555550100"));
        assertThat(optedOut("+15555550100")).isFalse();
        assertError(
                () -> optOut("x"),
                SnsError.InvalidParameter,
                "Invalid parameter: PhoneNumber Reason: input incorrectly formatted");
    }

    @Test
    void listPhoneNumbersOptedOutPagesByNumber() {
        for (int i = 0; i < 101; i++) {
            optOut(String.format("+1555555%04d", i));
        }

        ListPhoneNumbersOptedOutResponse first =
                sns.listPhoneNumbersOptedOut(CONTEXT, new ListPhoneNumbersOptedOutRequest(null));
        ListPhoneNumbersOptedOutResponse second =
                sns.listPhoneNumbersOptedOut(CONTEXT, new ListPhoneNumbersOptedOutRequest(first.nextToken()));

        assertThat(first.phoneNumbers()).hasSize(100).startsWith("+15555550000");
        assertThat(second.phoneNumbers()).containsExactly("+15555550100");
        assertThat(second.nextToken()).isNull();
        assertThat(sns.listPhoneNumbersOptedOut(OTHER, new ListPhoneNumbersOptedOutRequest(null))
                        .phoneNumbers())
                .isEmpty();
    }

    @Test
    void wharfHasNoOriginationNumbers() {
        assertThat(sns.listOriginationNumbers(CONTEXT, new ListOriginationNumbersRequest(null, 30))
                        .phoneNumbers())
                .isEmpty();
        assertError(
                () -> sns.listOriginationNumbers(CONTEXT, new ListOriginationNumbersRequest(null, 31)),
                SnsError.ValidationException,
                "1 validation error detected: Value '31' at 'maxResults' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 30");
        assertError(
                () -> sns.listOriginationNumbers(CONTEXT, new ListOriginationNumbersRequest(null, 0)),
                SnsError.ValidationException,
                "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to 1");
    }

    /** The one-time password that Wharf sent to a sandbox number: the last SMS to it, as its owner would read it. */
    private String password(String phoneNumber) {
        String text = sns.smsMessages(ACCOUNT, phoneNumber).getLast().message();
        assertThat(text).matches("Your Amazon SNS verification code is: [0-9]{6}");
        return text.substring(text.length() - 6);
    }

    private List<SMSSandboxPhoneNumber> sandbox() {
        return Objects.requireNonNull(
                sns.listSMSSandboxPhoneNumbers(CONTEXT, new ListSMSSandboxPhoneNumbersRequest(null, null))
                        .phoneNumbers());
    }

    @Test
    void aSandboxNumberIsVerifiedWithThePasswordSentToItBySms() {
        String number = "+15555550100";
        sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest(number, "en-US"));
        assertThat(sandbox()).containsExactly(new SMSSandboxPhoneNumber(number, "Pending"));
        String password = password(number);
        String wrong = password.equals("000000") ? "111111" : "000000";

        assertError(
                () -> sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, wrong)),
                SnsError.VerificationException,
                "Invalid one-time password");
        sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, password));
        sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, wrong));
        sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest(number, null));

        assertThat(sandbox()).containsExactly(new SMSSandboxPhoneNumber(number, "Verified"));
        assertThat(sns.smsMessages(ACCOUNT, number)).hasSize(1);
        assertThat(sns.getSMSSandboxAccountStatus(CONTEXT, new GetSMSSandboxAccountStatusRequest())
                        .isInSandbox())
                .isFalse();
        assertError(
                () -> sns.deleteSMSSandboxPhoneNumber(CONTEXT, new DeleteSMSSandboxPhoneNumberRequest(number)),
                SnsError.UserError,
                "A destination phone number can be deleted only 24 hours after its last verification attempt");
        clock.advance(Duration.ofHours(24));
        sns.deleteSMSSandboxPhoneNumber(CONTEXT, new DeleteSMSSandboxPhoneNumberRequest(number));
        assertThat(sandbox()).isEmpty();
        assertError(
                () -> sns.deleteSMSSandboxPhoneNumber(CONTEXT, new DeleteSMSSandboxPhoneNumberRequest(number)),
                SnsError.ResourceNotFound,
                "Phone number does not exist");
        assertError(
                () -> sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, "12345")),
                SnsError.ResourceNotFound,
                "Phone number does not exist");
    }

    @Test
    void aPasswordExpiresAndEachNumberGetsFivePasswordsADay() {
        String number = "+15555550100";
        sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest(number, null));
        String expired = password(number);
        clock.advance(Duration.ofHours(24));

        assertError(
                () -> sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, expired)),
                SnsError.VerificationException,
                "Invalid one-time password");
        for (int i = 0; i < SnsLimits.SANDBOX_PASSWORDS_PER_DAY_MAX; i++) {
            sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest(number, null));
        }
        assertError(
                () -> sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest(number, null)),
                SnsError.Throttled,
                "A one-time password can be sent to a phone number at most 5 times every 24 hours");
        sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest(number, password(number)));
        assertThat(sandbox()).containsExactly(new SMSSandboxPhoneNumber(number, "Verified"));
    }

    @Test
    void theSandboxHoldsTenNumbersAndChecksItsMembers() {
        for (int i = 0; i < SnsLimits.SANDBOX_NUMBERS_MAX; i++) {
            sns.createSMSSandboxPhoneNumber(
                    CONTEXT, new CreateSMSSandboxPhoneNumberRequest(String.format("+1555555%04d", i), null));
        }
        assertError(
                () -> sns.createSMSSandboxPhoneNumber(
                        CONTEXT, new CreateSMSSandboxPhoneNumberRequest("+15555559999", null)),
                SnsError.UserError,
                "You have reached the limit of 10 destination phone numbers in the SMS sandbox");
        ListSMSSandboxPhoneNumbersResponse page =
                sns.listSMSSandboxPhoneNumbers(CONTEXT, new ListSMSSandboxPhoneNumbersRequest(null, 4));
        assertThat(page.phoneNumbers()).hasSize(4);
        assertThat(sns.listSMSSandboxPhoneNumbers(CONTEXT, new ListSMSSandboxPhoneNumbersRequest(page.nextToken(), 100))
                        .phoneNumbers())
                .hasSize(6)
                .first()
                .isEqualTo(new SMSSandboxPhoneNumber("+15555550004", "Pending"));

        assertError(
                () -> sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest("+1-555", "xx")),
                CommonError.VALIDATION_ERROR,
                "2 validation errors detected: Value at 'phoneNumber' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: ^(\\+[0-9]{8,}|[0-9]{0,9})$; Value 'xx' at 'languageCode'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [en-US, en-GB, es-419,"
                        + " es-ES, de-DE, fr-CA, fr-FR, it-IT, ja-JP, pt-BR, kr-KR, zh-CN, zh-TW]");
        assertError(
                () -> sns.verifySMSSandboxPhoneNumber(
                        CONTEXT, new VerifySMSSandboxPhoneNumberRequest("+15555550000", "12a")),
                CommonError.VALIDATION_ERROR,
                "2 validation errors detected: Value '12a' at 'oneTimePassword' failed to satisfy constraint: Member"
                        + " must have length greater than or equal to 5; Value '12a' at 'oneTimePassword' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]+$");
        assertError(
                () -> sns.listSMSSandboxPhoneNumbers(CONTEXT, new ListSMSSandboxPhoneNumbersRequest(null, 101)),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must"
                        + " have value less than or equal to 100");
        assertError(
                () -> sns.deleteSMSSandboxPhoneNumber(CONTEXT, new DeleteSMSSandboxPhoneNumberRequest(null)),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'phoneNumber' failed to satisfy constraint: Member must"
                        + " not be null");
        sns.optOutPhoneNumber(OTHER.accountId(), "+15555558888");
        assertError(
                () -> sns.createSMSSandboxPhoneNumber(
                        OTHER, new CreateSMSSandboxPhoneNumberRequest("+15555558888", null)),
                SnsError.OptedOut,
                "Phone number is opted out");
    }

    @Test
    void theOutboxKeepsTheNewestMessagesWithinItsBound() {
        for (int i = 0; i < SnsLimits.SENT_MESSAGES_MAX + 5; i++) {
            sms("+15555550100", "m" + i);
        }

        List<SentMessage> kept = sns.smsMessages(ACCOUNT, null);
        assertThat(kept).hasSize(SnsLimits.SENT_MESSAGES_MAX);
        assertThat(kept.getFirst().message()).isEqualTo("m5");
        assertThat(kept.getLast().message()).isEqualTo("m" + (SnsLimits.SENT_MESSAGES_MAX + 4));

        sms("+15555550101", "other");
        sns.clearSmsMessages(ACCOUNT, "+15555550100");
        assertThat(sns.smsMessages(ACCOUNT, null)).singleElement().satisfies(m -> assertThat(m.target())
                .isEqualTo("+15555550101"));
        sns.clearSmsMessages(OTHER.accountId(), null);
        assertThat(sns.smsMessages(ACCOUNT, null)).hasSize(1);
        sns.clearSmsMessages(ACCOUNT, null);
        assertThat(sns.smsMessages(ACCOUNT, null)).isEmpty();
    }
}
