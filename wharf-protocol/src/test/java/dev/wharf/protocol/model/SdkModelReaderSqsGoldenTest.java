package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Golden tests of {@link SdkModelReader}: SQS read from the SDK v2's classes against SQS's official Smithy model, the
 * one service that has both.
 */
class SdkModelReaderSqsGoldenTest {

    private static final ServiceModel SMITHY = ServiceModel.load(
            SdkModelReaderSqsGoldenTest.class.getClassLoader(), "META-INF/smithy/2012-11-05/sqs-2012-11-05.json");
    private static final ServiceModel SDK = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.sqs#AmazonSQS", "sqs", true), SqsClient.class);

    static Stream<String> operations() {
        return SMITHY.operations().keySet().stream();
    }

    private static Operation operation(ServiceModel model, String name) {
        return Objects.requireNonNull(model.operation(name), name);
    }

    @Test
    void discoversEveryOperationOfTheSmithyModelFromTheClientInterface() {
        assertThat(SDK.operations().keySet())
                .containsExactlyInAnyOrderElementsOf(SMITHY.operations().keySet());
        assertThat(SDK.serviceId()).isEqualTo(SMITHY.serviceId());
        assertThat(SDK.signingName()).isEqualTo(SMITHY.signingName());
        assertThat(SDK.queryCompatible()).isEqualTo(SMITHY.queryCompatible());
    }

    @ParameterizedTest
    @MethodSource("operations")
    void inputMembersNamesTypesAndFlatteningMatchTheSmithyModel(String name) {
        assertThat(ModelViews.describe(SDK, operation(SDK, name).input(), ModelViews.View.JSON))
                .isEqualTo(ModelViews.describe(SMITHY, operation(SMITHY, name).input(), ModelViews.View.JSON));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void outputMembersNamesTypesAndFlatteningMatchTheSmithyModel(String name) {
        assertThat(ModelViews.describe(SDK, operation(SDK, name).output(), ModelViews.View.JSON))
                .isEqualTo(ModelViews.describe(SMITHY, operation(SMITHY, name).output(), ModelViews.View.JSON));
    }

    @Test
    void sendMessageBatchReadsAsSqsDefinesIt() {
        // Nested structures, a flattened list of them, flattened maps of structures, blobs and integers.
        assertThat(ModelViews.describe(SDK, operation(SDK, "SendMessageBatch").input(), ModelViews.View.JSON))
                .isEqualTo("{QueueUrl: string, Entries(flattened): list<member: {Id: string, MessageBody: string,"
                        + " DelaySeconds: integer, MessageAttributes(flattened): map<key: string -> value:"
                        + " {StringValue: string, BinaryValue: blob, StringListValues(flattened): list<member: string>,"
                        + " BinaryListValues(flattened): list<member: blob>, DataType: string}>,"
                        + " MessageSystemAttributes(flattened): map<key: string -> value: {StringValue: string,"
                        + " BinaryValue: blob, StringListValues(flattened): list<member: string>,"
                        + " BinaryListValues(flattened): list<member: blob>, DataType: string}>,"
                        + " MessageDeduplicationId: string, MessageGroupId: string}>}");
        assertThat(ModelViews.describe(
                        SDK, operation(SDK, "ListMessageMoveTasks").output(), ModelViews.View.JSON))
                .contains("ApproximateNumberOfMessagesMoved: long", "StartedTimestamp: long");
    }

    @ParameterizedTest
    @MethodSource("operations")
    void classesGeneratedForJsonKeepNoQueryNames(String name) {
        // The SDK's SQS classes are generated for AWS JSON: their location names are the member names, so the Query
        // names that Smithy's xmlName gives (Attribute.N.Name, SendMessageBatchRequestEntry.N) are not in them. This is
        // why SQS keeps its Smithy model, and a Query service must be read from classes generated for Query.
        Operation sdk = operation(SDK, name);
        assertThat(ModelViews.describe(SDK, sdk.input(), ModelViews.View.QUERY))
                .isEqualTo(ModelViews.describe(SDK, sdk.input(), ModelViews.View.JSON));
        assertThat(ModelViews.describe(SDK, sdk.output(), ModelViews.View.QUERY))
                .isEqualTo(ModelViews.describe(SDK, sdk.output(), ModelViews.View.JSON));
    }

    @Test
    void theQueryNamesThatOnlySmithyKnowsAreTheXmlNames() {
        assertThat(ModelViews.describe(SMITHY, operation(SMITHY, "CreateQueue").input(), ModelViews.View.QUERY))
                .isEqualTo("{QueueName: string, Attribute(flattened): map<Name: string -> Value: string>,"
                        + " Tag(flattened): map<Key: string -> Value: string>}");
        assertThat(ModelViews.describe(SDK, operation(SDK, "CreateQueue").input(), ModelViews.View.QUERY))
                .isEqualTo("{QueueName: string, Attributes(flattened): map<key: string -> value: string>,"
                        + " tags(flattened): map<key: string -> value: string>}");
    }

    @ParameterizedTest
    @MethodSource("operations")
    void everyMemberTheSdkMarksRequiredIsRequiredInSmithy(String name) {
        // The SDK records RequiredTrait for few members (none of SQS's today); where it does, Smithy must agree.
        for (String side : new String[] {"input", "output"}) {
            Operation sdk = operation(SDK, name);
            Operation smithy = operation(SMITHY, name);
            String sdkShape = side.equals("input") ? sdk.input() : sdk.output();
            String smithyShape = side.equals("input") ? smithy.input() : smithy.output();
            if (sdkShape == null || smithyShape == null || smithyShape.equals("smithy.api#Unit")) {
                continue;
            }
            Shape smithyStructure = SMITHY.shape(smithyShape);
            for (Member member : SDK.shape(sdkShape).members().values()) {
                if (member.required()) {
                    assertThat(Objects.requireNonNull(smithyStructure.members().get(member.name()))
                                    .required())
                            .as(name + " " + side + " " + member.name())
                            .isTrue();
                }
            }
        }
    }
}
