package dev.wharf.sns.engine;

import static dev.wharf.sns.engine.SnsPlatformTest.ACCOUNT;
import static dev.wharf.sns.engine.SnsPlatformTest.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.sns.api.CheckIfPhoneNumberIsOptedOutRequest;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.CreateSMSSandboxPhoneNumberRequest;
import dev.wharf.sns.api.GetEndpointAttributesRequest;
import dev.wharf.sns.api.GetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.GetSMSAttributesRequest;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationRequest;
import dev.wharf.sns.api.ListSMSSandboxPhoneNumbersRequest;
import dev.wharf.sns.api.OptInPhoneNumberRequest;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SMSSandboxPhoneNumber;
import dev.wharf.sns.api.SetSMSAttributesRequest;
import dev.wharf.sns.api.VerifySMSSandboxPhoneNumberRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Platform applications, endpoints, SMS settings, opt-outs, the sandbox and both outboxes survive a restart. */
class SnsMobileRestartTest {

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MemoryStorageEngine storage = new MemoryStorageEngine();
    private final SqsEngine sqs = new SqsEngine(storage.queues(), clock, "us-east-1");
    private final SigningKeys keys = SigningKeys.ephemeral(clock);
    private SnsEngine sns = open();

    private SnsEngine open() {
        return new SnsEngine(storage.topics(), storage.deliveries(), storage.archive(), sqs, keys, clock, "us-east-1");
    }

    @AfterEach
    void close() {
        sns.close();
    }

    @Test
    void everythingMobileIsRebuiltFromTheStore() {
        String app = Objects.requireNonNull(sns.createPlatformApplication(
                        CONTEXT,
                        new CreatePlatformApplicationRequest(
                                "app",
                                "ADM",
                                Map.of(
                                        "PlatformPrincipal",
                                        "p",
                                        "PlatformCredential",
                                        "c",
                                        "SuccessFeedbackSampleRate",
                                        "5")))
                .platformApplicationArn());
        String endpoint = Objects.requireNonNull(
                sns.createPlatformEndpoint(CONTEXT, new CreatePlatformEndpointRequest(app, "token_1", "data", null))
                        .endpointArn());
        sns.publish(CONTEXT, new PublishRequest(null, endpoint, null, "push", null, null, null, null, null));
        sns.publish(CONTEXT, new PublishRequest(null, null, "+15555550100", "sms", null, null, null, null, null));
        sns.setSMSAttributes(CONTEXT, new SetSMSAttributesRequest(Map.of("DefaultSMSType", "Transactional")));
        sns.optOutPhoneNumber(ACCOUNT, "+15555550199");
        sns.optInPhoneNumber(CONTEXT, new OptInPhoneNumberRequest("+15555550199"));
        sns.optOutPhoneNumber(ACCOUNT, "+15555550199");
        sns.createSMSSandboxPhoneNumber(CONTEXT, new CreateSMSSandboxPhoneNumberRequest("+15555550123", null));
        String otp =
                sns.smsMessages(ACCOUNT, "+15555550123").getLast().message().replaceAll("[^0-9]", "");
        sns.close();

        sns = open();

        assertThat(sns.getPlatformApplicationAttributes(CONTEXT, new GetPlatformApplicationAttributesRequest(app))
                        .attributes())
                .containsExactly(Map.entry("Enabled", "true"), Map.entry("SuccessFeedbackSampleRate", "5"));
        assertThat(sns.getEndpointAttributes(CONTEXT, new GetEndpointAttributesRequest(endpoint))
                        .attributes())
                .containsEntry("CustomUserData", "data")
                .containsEntry("Token", "token_1");
        assertThat(Objects.requireNonNull(sns.createPlatformEndpoint(
                                CONTEXT, new CreatePlatformEndpointRequest(app, "token_1", "data", null))
                        .endpointArn()))
                .isEqualTo(endpoint);
        assertThat(sns.listEndpointsByPlatformApplication(
                                CONTEXT, new ListEndpointsByPlatformApplicationRequest(app, null))
                        .endpoints())
                .hasSize(1);
        assertThat(sns.platformEndpointMessages(ACCOUNT, endpoint))
                .singleElement()
                .satisfies(m -> assertThat(m.message()).isEqualTo("push"));
        assertThat(sns.getSMSAttributes(CONTEXT, new GetSMSAttributesRequest(null))
                        .attributes())
                .containsEntry("DefaultSMSType", "Transactional");
        assertThat(sns.checkIfPhoneNumberIsOptedOut(CONTEXT, new CheckIfPhoneNumberIsOptedOutRequest("+15555550199"))
                        .isOptedOut())
                .isTrue();
        sns.verifySMSSandboxPhoneNumber(CONTEXT, new VerifySMSSandboxPhoneNumberRequest("+15555550123", otp));
        assertThat(sns.listSMSSandboxPhoneNumbers(CONTEXT, new ListSMSSandboxPhoneNumbersRequest(null, null))
                        .phoneNumbers())
                .containsExactly(new SMSSandboxPhoneNumber("+15555550123", "Verified"));

        sns.publish(CONTEXT, new PublishRequest(null, null, "+15555550100", "after", null, null, null, null, null));
        assertThat(sns.smsMessages(ACCOUNT, "+15555550100"))
                .extracting(m -> m.message())
                .containsExactly("sms", "after");
    }
}
