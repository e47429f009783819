package dev.wharf.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Golden tests: Query requests as the SDK v1 and boto3 send them, and the exact XML that SQS answers. */
class QueryCodecTest {

    private static final String NS = "http://queue.amazonaws.com/doc/2012-11-05/";
    private static final ServiceModel SQS =
            ServiceModel.load(QueryCodecTest.class.getClassLoader(), "META-INF/smithy/2012-11-05/sqs-2012-11-05.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final QueryCodec codec = new QueryCodec(SQS, NS);

    private static Map<String, List<String>> form(String body) {
        return FormDecoder.decode("", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Operation operation(String name) {
        return Objects.requireNonNull(SQS.operation(name));
    }

    @Test
    void decodesFlattenedMapsAndRenamedMembersOfCreateQueue() throws Exception {
        // As the SDK v1 (1.12.580) marshals CreateQueue.
        ObjectNode input = codec.decode(
                operation("CreateQueue"),
                form("Action=CreateQueue&Version=2012-11-05&QueueName=orders"
                        + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=60"
                        + "&Attribute.2.Name=DelaySeconds&Attribute.2.Value=5"
                        + "&Tag.1.Key=team&Tag.1.Value=a%20b"));
        assertThat(input)
                .isEqualTo(JSON.readTree("{\"QueueName\":\"orders\","
                        + "\"Attributes\":{\"VisibilityTimeout\":\"60\",\"DelaySeconds\":\"5\"},"
                        + "\"tags\":{\"team\":\"a b\"}}"));
    }

    @Test
    void decodesFlattenedListsAndAcceptsMemberNameAliases() throws Exception {
        ObjectNode attributes = codec.decode(
                operation("GetQueueAttributes"),
                form("QueueUrl=http%3A%2F%2Flocalhost%2F1%2Fq&AttributeName.1=All&AttributeName.2=Policy"));
        assertThat(attributes)
                .isEqualTo(JSON.readTree(
                        "{\"QueueUrl\":\"http://localhost/1/q\",\"AttributeNames\":[\"All\",\"Policy\"]}"));
        ObjectNode tags = codec.decode(operation("TagQueue"), form("QueueUrl=u&Tags.1.Key=k&Tags.1.Value=v"));
        assertThat(tags).isEqualTo(JSON.readTree("{\"QueueUrl\":\"u\",\"Tags\":{\"k\":\"v\"}}"));
    }

    @Test
    void scalarsTakeTheirModelTypesSoBindingsCoerceNothing() throws Exception {
        ObjectNode input = codec.decode(
                operation("ReceiveMessage"),
                form("QueueUrl=u&MaxNumberOfMessages=10&WaitTimeSeconds=-0&VisibilityTimeout=%2B5"));
        assertThat(input)
                .isEqualTo(JSON.readTree("{\"QueueUrl\":\"u\",\"MaxNumberOfMessages\":10,"
                        + "\"WaitTimeSeconds\":0,\"VisibilityTimeout\":5}"));
    }

    @Test
    void scalarThatIsNotOfItsTypeIsInvalidParameterValue() {
        for (String value : new String[] {"abc", "1.9", "", " 5", "0x10", "99999999999", "1e3", "５"}) {
            AwsException e = catchThrowableOfType(
                    AwsException.class,
                    () -> codec.decode(operation("ReceiveMessage"), Map.of("MaxNumberOfMessages", List.of(value))));
            assertThat(e).as(value).isNotNull();
            assertThat(e.code()).isEqualTo(CommonError.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage())
                    .isEqualTo("Value " + value + " for parameter MaxNumberOfMessages is invalid. Reason: must be an"
                            + " integer.");
        }
    }

    @Test
    void mapEntryWithoutItsValueIsMissingParameter() {
        AwsException e = catchThrowableOfType(
                AwsException.class,
                () -> codec.decode(operation("CreateQueue"), form("QueueName=q&Attribute.1.Name=DelaySeconds")));
        assertThat(e.code()).isEqualTo(CommonError.MISSING_PARAMETER);
        assertThat(e.getMessage()).isEqualTo("The request must contain the parameter Attribute.1.Value.");
    }

    @Test
    void entriesAfterAMissingIndexAreRefusedRatherThanDropped() {
        for (String[] c : new String[][] {
            {"GetQueueAttributes", "QueueUrl=u&AttributeName.1=A&AttributeName.3=C", "AttributeName.2"},
            {
                "SendMessage",
                "QueueUrl=u&MessageBody=b&MessageAttribute.2.Name=a&MessageAttribute.2.Value.DataType=String",
                "MessageAttribute.1.Name"
            },
            {
                "SendMessage",
                "QueueUrl=u&MessageBody=b&MessageAttribute.1.Value.DataType=String",
                "MessageAttribute.1.Name"
            },
            {"SendMessageBatch", "QueueUrl=u&SendMessageBatchRequestEntry.2.Id=x", "SendMessageBatchRequestEntry.1"},
        }) {
            AwsException e = catchThrowableOfType(AwsException.class, () -> codec.decode(operation(c[0]), form(c[1])));
            assertThat(e).as(c[1]).isNotNull();
            assertThat(e.code()).isEqualTo(CommonError.MISSING_PARAMETER);
            assertThat(e.getMessage()).isEqualTo("The request must contain the parameter " + c[2] + ".");
        }
        ObjectNode fine = codec.decode(
                operation("GetQueueAttributes"),
                form("QueueUrl=u&AttributeName.1=A&AttributeName.2=B&AttributeNameX=1"));
        assertThat(fine.get("AttributeNames")).hasSize(2);
    }

    @Test
    void encodesResultWithFlattenedMapAndRequestId() throws Exception {
        ModelDocuments documents = new ModelDocuments(SQS);
        ObjectNode result = documents.shape(
                JSON.readTree("{\"attributes\":{\"VisibilityTimeout\":\"30\",\"DelaySeconds\":\"0\"}}"),
                "com.amazonaws.sqs#GetQueueAttributesResult");
        WireResponse response = codec.encode(operation("GetQueueAttributes"), result, "req-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/xml");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<GetQueueAttributesResponse xmlns=\"" + NS + "\"><GetQueueAttributesResult>"
                        + "<Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute>"
                        + "<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>"
                        + "</GetQueueAttributesResult><ResponseMetadata><RequestId>req-1</RequestId>"
                        + "</ResponseMetadata></GetQueueAttributesResponse>");
    }

    @Test
    void encodesOperationWithoutOutputAsMetadataOnly() {
        WireResponse response = codec.encode(operation("DeleteQueue"), JSON.createObjectNode(), "req-2");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<DeleteQueueResponse xmlns=\"" + NS + "\"><ResponseMetadata><RequestId>req-2</RequestId>"
                        + "</ResponseMetadata></DeleteQueueResponse>");
    }

    @Test
    void charactersThatXmlCannotCarryAreReplacedSoTheAnswerStaysWellFormed() {
        WireResponse response = QueryCodec.encodeError(
                CommonError.INVALID_PARAMETER_VALUE, "bad \u0001 \uD800 \uFFFF ok \uD83D\uDE00\t", "req-4", NS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("<Message>bad \uFFFD \uFFFD \uFFFD ok \uD83D\uDE00\t</Message>");
        assertThat(QueryCodec.xmlSafe("plain")).isSameAs("plain");
    }

    @Test
    void encodesErrorResponse() {
        WireResponse response = QueryCodec.encodeError(CommonError.SIGNATURE_DOES_NOT_MATCH, "bad <sig>", "req-3", NS);
        assertThat(response.status()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
                        + "<Code>SignatureDoesNotMatch</Code><Message>bad &lt;sig&gt;</Message><Detail/></Error>"
                        + "<RequestId>req-3</RequestId></ErrorResponse>");
    }
}
