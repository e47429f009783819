package dev.wharf.sns.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.sns.api.CreatePlatformApplicationRequest;
import dev.wharf.sns.api.CreatePlatformEndpointRequest;
import dev.wharf.sns.api.CreateTopicRequest;
import dev.wharf.sns.api.DeleteEndpointRequest;
import dev.wharf.sns.api.DeletePlatformApplicationRequest;
import dev.wharf.sns.api.Endpoint;
import dev.wharf.sns.api.GetEndpointAttributesRequest;
import dev.wharf.sns.api.GetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationRequest;
import dev.wharf.sns.api.ListEndpointsByPlatformApplicationResponse;
import dev.wharf.sns.api.ListPlatformApplicationsRequest;
import dev.wharf.sns.api.ListPlatformApplicationsResponse;
import dev.wharf.sns.api.ListSubscriptionsByTopicRequest;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.PublishBatchRequest;
import dev.wharf.sns.api.PublishBatchRequestEntry;
import dev.wharf.sns.api.PublishRequest;
import dev.wharf.sns.api.SentMessage;
import dev.wharf.sns.api.SetEndpointAttributesRequest;
import dev.wharf.sns.api.SetPlatformApplicationAttributesRequest;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SubscribeRequest;
import dev.wharf.sns.engine.message.SigningKeys;
import dev.wharf.sqs.engine.SqsEngine;
import dev.wharf.storage.MemoryStorageEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Platform applications and endpoints, and push notifications to them, on the engine over the memory store. */
class SnsPlatformTest {

    static final String ACCOUNT = "000000000000";
    static final SnsContext CONTEXT = new SnsContext(ACCOUNT, "http://localhost:4566");
    static final SnsContext OTHER = new SnsContext("111111111111", "http://localhost:4566");
    static final Map<String, String> ADM_CREDENTIALS =
            Map.of("PlatformPrincipal", "client-id", "PlatformCredential", "client-secret");

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

    static void assertError(Runnable call, AwsErrorCode error, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(error);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private String application(String name, String platform, @Nullable Map<String, String> attributes) {
        return Objects.requireNonNull(
                sns.createPlatformApplication(CONTEXT, new CreatePlatformApplicationRequest(name, platform, attributes))
                        .platformApplicationArn());
    }

    private String endpoint(String applicationArn, String token, @Nullable Map<String, String> attributes) {
        return Objects.requireNonNull(sns.createPlatformEndpoint(
                        CONTEXT, new CreatePlatformEndpointRequest(applicationArn, token, null, attributes))
                .endpointArn());
    }

    private Map<String, String> endpointAttributes(String arn) {
        return Objects.requireNonNull(sns.getEndpointAttributes(CONTEXT, new GetEndpointAttributesRequest(arn))
                .attributes());
    }

    private void publishTo(String targetArn, String message, @Nullable String structure) {
        sns.publish(CONTEXT, new PublishRequest(null, targetArn, null, message, null, structure, null, null, null));
    }

    @Test
    void createPlatformApplicationAnswersItsArnAndNeverReturnsTheCredentials() {
        String arn = application("my-app.v1", "ADM", ADM_CREDENTIALS);

        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:app/ADM/my-app.v1");
        assertThat(sns.getPlatformApplicationAttributes(CONTEXT, new GetPlatformApplicationAttributesRequest(arn))
                        .attributes())
                .containsExactly(Map.entry("Enabled", "true"));
        assertThat(application("my-app.v1", "ADM", ADM_CREDENTIALS)).isEqualTo(arn);
    }

    @Test
    void createPlatformApplicationNeedsItsMembers() {
        assertError(
                () -> application("a", "ADM", Map.of()),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must"
                        + " not be null");
        assertError(
                () -> sns.createPlatformApplication(CONTEXT, new CreatePlatformApplicationRequest(null, null, null)),
                CommonError.VALIDATION_ERROR,
                "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be"
                        + " null; Value null at 'platform' failed to satisfy constraint: Member must not be null;"
                        + " Value null at 'attributes' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void platformApplicationNamesFollowAwsRules() {
        String tooLong = "a".repeat(257);
        assertError(
                () -> application(tooLong, "ADM", ADM_CREDENTIALS),
                SnsError.InvalidParameter,
                "Invalid parameter: " + tooLong + " Reason: must be at most 256 characters long");
        assertError(
                () -> application("", "ADM", ADM_CREDENTIALS),
                SnsError.InvalidParameter,
                "Invalid parameter:  Reason: cannot be empty");
        assertError(
                () -> application("@name", "ADM", ADM_CREDENTIALS),
                SnsError.InvalidParameter,
                "Invalid parameter: @name Reason: must contain only characters 'a'-'z', 'A'-'Z', '0'-'9', '_', '-',"
                        + " and '.'");
        assertError(
                () -> application("app", "AAA", ADM_CREDENTIALS),
                SnsError.InvalidParameter,
                "Invalid parameter: Platform Reason: AAA is not supported");
        assertThat(application("a".repeat(256), "WNS", ADM_CREDENTIALS)).endsWith(":app/WNS/" + "a".repeat(256));
    }

    @Test
    void eachPlatformNeedsItsCredentials() {
        assertError(
                () -> application("a", "ADM", Map.of("PlatformPrincipal", "dummy")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: PlatformPrincipal attribute provided without"
                        + " PlatformCredential");
        assertError(
                () -> application("a", "APNS", Map.of("PlatformCredential", "dummy")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: PlatformCredential attribute provided without"
                        + " PlatformPrincipal");
        assertError(
                () -> application("a", "GCM", Map.of("SuccessFeedbackSampleRate", "10")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Platform credentials are invalid");
        assertError(
                () -> application("a", "BAIDU", Map.of("PlatformPrincipal", "", "PlatformCredential", "x")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Platform credentials are invalid");
        assertError(
                () -> application(
                        "a",
                        "APNS_SANDBOX",
                        Map.of("PlatformPrincipal", "key-id", "PlatformCredential", "key", "ApplePlatformTeamID", "T")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: ApplePlatformTeamID attribute provided without"
                        + " ApplePlatformBundleID");
        assertError(
                () -> application("a", "ADM", Map.of("PlatformPrincipal", "p", "PlatformCredential", "c", "X", "y")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid attribute name: X");

        String gcm = application("firebase", "GCM", Map.of("PlatformCredential", "api-key"));
        Map<String, String> apple = new LinkedHashMap<>(ADM_CREDENTIALS);
        apple.put("ApplePlatformTeamID", "TEAM");
        apple.put("ApplePlatformBundleID", "com.example");
        String token = application("ios", "APNS_VOIP", apple);

        assertThat(gcm).endsWith(":app/GCM/firebase");
        assertThat(sns.getPlatformApplicationAttributes(CONTEXT, new GetPlatformApplicationAttributesRequest(token))
                        .attributes())
                .containsExactly(
                        Map.entry("ApplePlatformBundleID", "com.example"),
                        Map.entry("ApplePlatformTeamID", "TEAM"),
                        Map.entry("Enabled", "true"));
    }

    @Test
    void platformApplicationAttributesAreSetCheckedAndFound() {
        String arn = application("app", "ADM", ADM_CREDENTIALS);
        String missing = "arn:aws:sns:us-east-1:000000000000:app/ADM/NonExistingApp";

        sns.setPlatformApplicationAttributes(
                CONTEXT,
                new SetPlatformApplicationAttributesRequest(
                        arn, Map.of("SuccessFeedbackSampleRate", "50", "EventEndpointCreated", "")));

        assertThat(sns.getPlatformApplicationAttributes(CONTEXT, new GetPlatformApplicationAttributesRequest(arn))
                        .attributes())
                .containsExactly(
                        Map.entry("Enabled", "true"),
                        Map.entry("EventEndpointCreated", ""),
                        Map.entry("SuccessFeedbackSampleRate", "50"));
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT, new SetPlatformApplicationAttributesRequest(missing, Map.of())),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must"
                        + " not be null");
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT, new SetPlatformApplicationAttributesRequest("invalid-arn", Map.of())),
                SnsError.InvalidParameter,
                "Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1");
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT,
                        new SetPlatformApplicationAttributesRequest(missing, Map.of("PlatformPrincipal", "x"))),
                SnsError.NotFound,
                "PlatformApplication does not exist");
        assertError(
                () -> sns.getPlatformApplicationAttributes(
                        CONTEXT, new GetPlatformApplicationAttributesRequest(missing)),
                SnsError.NotFound,
                "PlatformApplication does not exist");
        assertError(
                () -> sns.getPlatformApplicationAttributes(OTHER, new GetPlatformApplicationAttributesRequest(arn)),
                SnsError.NotFound,
                "PlatformApplication does not exist");
        assertError(
                () -> sns.getPlatformApplicationAttributes(
                        CONTEXT, new GetPlatformApplicationAttributesRequest("arn:aws:sns:us-east-1:1:app/ADM")),
                SnsError.InvalidParameter,
                "Invalid parameter: PlatformApplicationArn Reason: Wrong number of slashes in relative portion of the"
                        + " ARN.");
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT,
                        new SetPlatformApplicationAttributesRequest(arn, Map.of("SuccessFeedbackSampleRate", "101"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid value for attribute: SuccessFeedbackSampleRate: must be"
                        + " an integer from 0 to 100");
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT, new SetPlatformApplicationAttributesRequest(arn, Map.of("EventDeliveryFailure", "x"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid value for attribute: EventDeliveryFailure: must be a"
                        + " topic ARN");
        assertError(
                () -> sns.setPlatformApplicationAttributes(
                        CONTEXT,
                        new SetPlatformApplicationAttributesRequest(
                                arn, Map.of("SuccessFeedbackRoleArn", "arn:aws:sns:us-east-1:1:t"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid value for attribute: SuccessFeedbackRoleArn: must be an"
                        + " IAM role ARN");
    }

    @Test
    void listPlatformApplicationsPagesByArnAndShowsOnlyTheCallersOwn() {
        for (int i = 0; i < 101; i++) {
            application(String.format("app-%03d", i), "GCM", Map.of("PlatformCredential", "k"));
        }
        sns.createPlatformApplication(
                OTHER, new CreatePlatformApplicationRequest("theirs", "GCM", Map.of("PlatformCredential", "k")));

        ListPlatformApplicationsResponse first =
                sns.listPlatformApplications(CONTEXT, new ListPlatformApplicationsRequest(null));
        ListPlatformApplicationsResponse second =
                sns.listPlatformApplications(CONTEXT, new ListPlatformApplicationsRequest(first.nextToken()));

        assertThat(Objects.requireNonNull(first.platformApplications())).hasSize(100);
        assertThat(first.platformApplications().getFirst().attributes()).containsExactly(Map.entry("Enabled", "true"));
        assertThat(Objects.requireNonNull(second.platformApplications()))
                .singleElement()
                .satisfies(a -> assertThat(a.platformApplicationArn()).endsWith("app/GCM/app-100"));
        assertThat(second.nextToken()).isNull();
        assertError(
                () -> sns.listPlatformApplications(CONTEXT, new ListPlatformApplicationsRequest("%%%")),
                SnsError.InvalidParameter,
                "Invalid parameter: NextToken");
    }

    @Test
    void createPlatformEndpointIsIdempotentForTheSameTokenAndAttributes() {
        String app = application("app", "ADM", ADM_CREDENTIALS);
        String arn = endpoint(app, "token_1", null);

        assertThat(arn).matches("arn:aws:sns:us-east-1:000000000000:endpoint/ADM/app/[0-9a-f-]{36}");
        assertThat(endpoint(app, "token_1", null)).isEqualTo(arn);
        assertThat(endpoint(app, "token_1", Map.of("Enabled", "true"))).isEqualTo(arn);
        assertError(
                () -> endpoint(app, "token_1", Map.of("Enabled", "false")),
                SnsError.InvalidParameter,
                "Invalid parameter: Token Reason: Endpoint " + arn
                        + " already exists with the same Token, but different attributes.");
        assertThat(endpoint(app, "token_2", null)).isNotEqualTo(arn);
        assertThat(endpointAttributes(arn))
                .containsExactly(Map.entry("Enabled", "true"), Map.entry("Token", "token_1"));
    }

    @Test
    void createPlatformEndpointChecksItsMembersAndAttributes() {
        String app = application("app", "ADM", ADM_CREDENTIALS);

        assertError(
                () -> sns.createPlatformEndpoint(
                        CONTEXT,
                        new CreatePlatformEndpointRequest(
                                "arn:aws:sns:us-east-1:000000000000:app/ADM/nope", "t", null, null)),
                SnsError.NotFound,
                "PlatformApplication does not exist");
        assertError(
                () -> sns.createPlatformEndpoint(CONTEXT, new CreatePlatformEndpointRequest(app, null, null, null)),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'token' failed to satisfy constraint: Member must not be"
                        + " null");
        assertError(
                () -> endpoint(app, "", null),
                SnsError.InvalidParameter,
                "Invalid parameter: Token Reason: cannot be empty");
        for (String name : List.of("PlatformPrincipal", "PlatformCredential", "InvalidKey")) {
            assertError(
                    () -> endpoint(app, "t", Map.of(name, "v")),
                    SnsError.InvalidParameter,
                    "Invalid parameter: Attributes Reason: Invalid attribute name: " + name);
        }
        assertError(
                () -> endpoint(app, "t", Map.of("CustomUserData", "A".repeat(2050))),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid value for attribute: CustomUserData: must be at most"
                        + " 2048 bytes long in UTF-8 encoding");
        assertError(
                () -> endpoint(app, "t", Map.of("Enabled", "maybe")),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid value for attribute: Enabled: must be true or false");
    }

    @Test
    void customUserDataOfTheAttributesWinsOverTheParameter() {
        String app = application("app", "ADM", ADM_CREDENTIALS);
        String both = Objects.requireNonNull(sns.createPlatformEndpoint(
                        CONTEXT,
                        new CreatePlatformEndpointRequest(app, "token_1", "bar", Map.of("CustomUserData", "foo")))
                .endpointArn());
        String parameter = Objects.requireNonNull(
                sns.createPlatformEndpoint(CONTEXT, new CreatePlatformEndpointRequest(app, "token_2", "bar", null))
                        .endpointArn());

        assertThat(endpointAttributes(both))
                .containsExactly(
                        Map.entry("CustomUserData", "foo"),
                        Map.entry("Enabled", "true"),
                        Map.entry("Token", "token_1"));
        assertThat(endpointAttributes(parameter)).containsEntry("CustomUserData", "bar");
    }

    @Test
    void endpointAttributesAreSetCheckedAndFound() {
        String app = application("app", "ADM", ADM_CREDENTIALS);
        String arn = endpoint(app, "token_1", null);
        String missing = "arn:aws:sns:us-east-1:000000000000:endpoint/ADM/fakeapp/0f7d5971-aa8b-4bd5-b585-0826e9f93a66";

        sns.setEndpointAttributes(CONTEXT, new SetEndpointAttributesRequest(arn, Map.of("Enabled", "FALSE")));
        sns.setEndpointAttributes(CONTEXT, new SetEndpointAttributesRequest(arn, Map.of("Token", "token_9")));

        assertThat(endpointAttributes(arn))
                .containsExactly(Map.entry("Enabled", "false"), Map.entry("Token", "token_9"));
        assertThat(endpoint(app, "token_9", Map.of("Enabled", "false"))).isEqualTo(arn);
        assertError(
                () -> sns.getEndpointAttributes(CONTEXT, new GetEndpointAttributesRequest(missing)),
                SnsError.NotFound,
                "Endpoint does not exist");
        assertError(
                () -> sns.setEndpointAttributes(
                        CONTEXT, new SetEndpointAttributesRequest(missing, Map.of("Enabled", "false"))),
                SnsError.NotFound,
                "Endpoint does not exist");
        assertError(
                () -> sns.setEndpointAttributes(CONTEXT, new SetEndpointAttributesRequest(arn, Map.of())),
                CommonError.VALIDATION_ERROR,
                "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must"
                        + " not be null");
        assertError(
                () -> sns.setEndpointAttributes(
                        CONTEXT, new SetEndpointAttributesRequest(arn, Map.of("InvalidKey", "v"))),
                SnsError.InvalidParameter,
                "Invalid parameter: Attributes Reason: Invalid attribute name: InvalidKey");
        assertError(
                () -> sns.setEndpointAttributes(
                        CONTEXT, new SetEndpointAttributesRequest(app, Map.of("Enabled", "true"))),
                SnsError.InvalidParameter,
                "Invalid parameter: EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.");
        assertError(
                () -> sns.getEndpointAttributes(CONTEXT, new GetEndpointAttributesRequest("nope")),
                SnsError.InvalidParameter,
                "Invalid parameter: EndpointArn Reason: An ARN must have at least 6 elements, not 1");
        assertError(
                () -> sns.getEndpointAttributes(OTHER, new GetEndpointAttributesRequest(arn)),
                SnsError.NotFound,
                "Endpoint does not exist");
    }

    @Test
    void listEndpointsByPlatformApplicationPagesByArn() {
        String app = application("app", "GCM", Map.of("PlatformCredential", "k"));
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            arns.add(endpoint(app, "token-" + i, null));
        }

        ListEndpointsByPlatformApplicationResponse first = sns.listEndpointsByPlatformApplication(
                CONTEXT, new ListEndpointsByPlatformApplicationRequest(app, null));
        ListEndpointsByPlatformApplicationResponse second = sns.listEndpointsByPlatformApplication(
                CONTEXT, new ListEndpointsByPlatformApplicationRequest(app, first.nextToken()));

        List<String> listed = new ArrayList<>();
        for (Endpoint endpoint : Objects.requireNonNull(first.endpoints())) {
            listed.add(endpoint.endpointArn());
        }
        Objects.requireNonNull(second.endpoints()).forEach(e -> listed.add(e.endpointArn()));
        assertThat(first.endpoints()).hasSize(100);
        assertThat(second.nextToken()).isNull();
        assertThat(listed).containsExactlyElementsOf(arns.stream().sorted().toList());
    }

    @Test
    void deletingAnApplicationDeletesItsEndpointsAndDeletesAreIdempotent() {
        String app = application("app", "ADM", ADM_CREDENTIALS);
        String arn = endpoint(app, "token_1", null);

        sns.deletePlatformApplication(CONTEXT, new DeletePlatformApplicationRequest(app));
        sns.deletePlatformApplication(CONTEXT, new DeletePlatformApplicationRequest(app));
        sns.deleteEndpoint(CONTEXT, new DeleteEndpointRequest(arn));

        assertError(
                () -> sns.listEndpointsByPlatformApplication(
                        CONTEXT, new ListEndpointsByPlatformApplicationRequest(app, null)),
                SnsError.NotFound,
                "PlatformApplication does not exist");
        assertError(
                () -> sns.getEndpointAttributes(CONTEXT, new GetEndpointAttributesRequest(arn)),
                SnsError.NotFound,
                "Endpoint does not exist");
        assertThat(storage.topics().read(PlatformEndpoints.key(arn))).isNull();
        assertThat(application("app", "ADM", ADM_CREDENTIALS)).isEqualTo(app);
        assertThat(sns.listEndpointsByPlatformApplication(
                                CONTEXT, new ListEndpointsByPlatformApplicationRequest(app, null))
                        .endpoints())
                .isEmpty();
        assertError(
                () -> sns.deletePlatformApplication(CONTEXT, new DeletePlatformApplicationRequest("x")),
                SnsError.InvalidParameter,
                "Invalid parameter: PlatformApplicationArn Reason: An ARN must have at least 6 elements, not 1");
    }

    @Test
    void deletingAnEndpointKeepsItsSubscriptionsWhichReceiveNothing() {
        String app = application("app", "ADM", ADM_CREDENTIALS);
        String arn = endpoint(app, "token_1", null);
        String topic = Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("t", null, null, null))
                .topicArn());
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "application", arn, null, null));

        sns.deleteEndpoint(CONTEXT, new DeleteEndpointRequest(arn));
        sns.publish(CONTEXT, new PublishRequest(topic, null, null, "hi", null, null, null, null, null));

        assertThat(sns.listSubscriptionsByTopic(CONTEXT, new ListSubscriptionsByTopicRequest(topic, null))
                        .subscriptions())
                .singleElement()
                .satisfies(s -> assertThat(s.endpoint()).isEqualTo(arn));
        assertThat(sns.platformEndpointMessages(ACCOUNT, null)).isEmpty();
    }

    @Test
    void publishToAnEndpointKeepsThePushNotification() {
        String app = application("app", "GCM", Map.of("PlatformCredential", "k"));
        String arn = endpoint(app, "token_1", null);
        Map<String, MessageAttributeValue> attributes =
                Map.of("AWS.SNS.MOBILE.FCM.TTL", MessageAttributeValue.ofString("String", "60"));

        String messageId = Objects.requireNonNull(sns.publish(
                        CONTEXT,
                        new PublishRequest(
                                null,
                                arn,
                                null,
                                "{\"GCM\":\"{\\\"data\\\":{}}\"}",
                                "s",
                                "json",
                                attributes,
                                null,
                                null))
                .messageId());
        publishTo(arn, "plain", null);

        List<SentMessage> sent = sns.platformEndpointMessages(ACCOUNT, arn);
        assertThat(sent).hasSize(2);
        assertThat(sent.getFirst())
                .isEqualTo(new SentMessage(arn, null, null, messageId, "{\"data\":{}}", attributes, "json", "s"));
        assertThat(sent.get(1).message()).isEqualTo("plain");
        assertThat(sns.platformEndpointMessages(OTHER.accountId(), arn)).isEmpty();
    }

    @Test
    void publishToAnEndpointChecksItsStructureItsStateAndItsExistence() {
        String app = application("app", "APNS", ADM_CREDENTIALS);
        String arn = endpoint(app, "token_1", null);

        assertError(
                () -> publishTo(arn, "{\"GCM\":\"x\"}", "json"),
                SnsError.InvalidParameter,
                "Invalid parameter: JSON must contain an entry for 'default' or 'APNS'.");
        assertError(
                () -> publishTo(arn.replace("token", "x") + "0", "hi", null),
                SnsError.InvalidParameter,
                "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
        assertError(
                () -> publishTo(
                        "arn:aws:sns:us-east-1:000000000000:endpoint/APNS/abcdef/0f7d5971-aa8b-4bd5-b585-0826e9f93a66",
                        "hi",
                        null),
                SnsError.InvalidParameter,
                "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
        assertError(
                () -> sns.publish(OTHER, new PublishRequest(null, arn, null, "hi", null, null, null, null, null)),
                SnsError.InvalidParameter,
                "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified");
        assertError(
                () -> sns.publish(CONTEXT, new PublishRequest(null, arn, null, "hi", null, null, null, "d", null)),
                SnsError.InvalidParameter,
                "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId"
                        + " parameter that is not valid for this topic type");

        sns.setEndpointAttributes(CONTEXT, new SetEndpointAttributesRequest(arn, Map.of("Enabled", "false")));
        assertError(() -> publishTo(arn, "hi", null), SnsError.EndpointDisabled, "Endpoint is disabled");

        sns.setEndpointAttributes(CONTEXT, new SetEndpointAttributesRequest(arn, Map.of("Enabled", "true")));
        sns.setPlatformApplicationAttributes(
                CONTEXT, new SetPlatformApplicationAttributesRequest(app, Map.of("Enabled", "false")));
        assertError(
                () -> publishTo(arn, "hi", null),
                SnsError.PlatformApplicationDisabled,
                "Platform application is disabled");
        assertThat(sns.platformEndpointMessages(ACCOUNT, null)).isEmpty();
    }

    @Test
    void aTopicDeliversToEachApplicationSubscriptionItsPlatformsMessage() {
        String topic = Objects.requireNonNull(sns.createTopic(CONTEXT, new CreateTopicRequest("push", null, null, null))
                .topicArn());
        String apns = endpoint(application("ios", "APNS", ADM_CREDENTIALS), "a", null);
        String gcm = endpoint(application("android", "GCM", Map.of("PlatformCredential", "k")), "g", null);
        String adm = endpoint(application("kindle", "ADM", ADM_CREDENTIALS), "k", null);
        String disabled = endpoint(application("off", "ADM", ADM_CREDENTIALS), "o", Map.of("Enabled", "false"));
        String apnsSubscription = Objects.requireNonNull(
                sns.subscribe(CONTEXT, new SubscribeRequest(topic, "application", apns, null, null))
                        .subscriptionArn());
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "application", gcm, null, null));
        sns.subscribe(
                CONTEXT,
                new SubscribeRequest(
                        topic, "application", adm, Map.of("FilterPolicy", "{\"kind\":[\"kindle\"]}"), null));
        sns.subscribe(CONTEXT, new SubscribeRequest(topic, "application", disabled, null, null));

        String message = "{\"default\":\"d\",\"APNS\":\"{\\\"aps\\\":{}}\",\"GCM\":\"{\\\"data\\\":{}}\"}";
        String messageId = Objects.requireNonNull(
                sns.publish(CONTEXT, new PublishRequest(topic, null, null, message, null, "json", null, null, null))
                        .messageId());

        assertThat(sns.platformEndpointMessages(ACCOUNT, apns))
                .containsExactly(new SentMessage(
                        apns, topic, apnsSubscription, messageId, "{\"aps\":{}}", Map.of(), "json", null));
        assertThat(sns.platformEndpointMessages(ACCOUNT, gcm)).singleElement().satisfies(m -> assertThat(m.message())
                .isEqualTo("{\"data\":{}}"));
        assertThat(sns.platformEndpointMessages(ACCOUNT, adm)).isEmpty();
        assertThat(sns.platformEndpointMessages(ACCOUNT, disabled)).isEmpty();

        sns.publishBatch(
                CONTEXT,
                new PublishBatchRequest(
                        topic,
                        List.of(new PublishBatchRequestEntry(
                                "1",
                                "for kindle",
                                null,
                                null,
                                Map.of("kind", MessageAttributeValue.ofString("String", "kindle")),
                                null,
                                null))));
        assertThat(sns.platformEndpointMessages(ACCOUNT, adm)).singleElement().satisfies(m -> assertThat(m.message())
                .isEqualTo("for kindle"));
        assertThat(sns.platformEndpointMessages(ACCOUNT, null)).hasSize(5);
        sns.clearPlatformEndpointMessages(ACCOUNT, gcm);
        assertThat(sns.platformEndpointMessages(ACCOUNT, null)).hasSize(3);
        sns.clearPlatformEndpointMessages(ACCOUNT, null);
        assertThat(sns.platformEndpointMessages(ACCOUNT, null)).isEmpty();
    }
}
