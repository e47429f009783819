package dev.wharf.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.query.FormDecoder;
import dev.wharf.protocol.query.QueryCodec;
import dev.wharf.protocol.rpcv2.RpcV2CborCodec;
import dev.wharf.protocol.sigv4.SigV4Verifier;
import dev.wharf.protocol.sigv4.SignedRequest;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzz tests of every codec: whatever bytes arrive, a codec returns a document or throws the AWS error
 * of a client mistake, with a bounded message that cannot forge a log line; never another exception.
 *
 * <p>Each input's first byte picks the operation (SQS's, or CloudWatch's for RPC v2 CBOR) and the rest is the body. The
 * seeds in {@code CodecFuzzTestInputs/} are the golden tests' requests. {@code JAZZER_FUZZ=1} fuzzes one method for its
 * {@code maxDuration} (see {@code .ci/fuzz}); without it, JUnit replays the seeds and the findings kept there.
 */
class CodecFuzzTest {

    private static final ServiceModel SQS =
            ServiceModel.load(CodecFuzzTest.class.getClassLoader(), "META-INF/smithy/2012-11-05/sqs-2012-11-05.json");
    private static final List<Operation> OPERATIONS =
            List.copyOf(SQS.operations().values());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonCodec JSON_CODEC = new JsonCodec(Protocol.AWS_JSON_1_0);
    private static final QueryCodec QUERY_CODEC = new QueryCodec(SQS, "http://queue.amazonaws.com/doc/2012-11-05/");
    private static final Set<CommonError> QUERY_ERRORS = Set.of(
            CommonError.MALFORMED_QUERY_STRING,
            CommonError.INVALID_QUERY_PARAMETER,
            CommonError.INVALID_PARAMETER_VALUE,
            CommonError.MISSING_PARAMETER);
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
    private static final SigV4Verifier VERIFIER =
            new SigV4Verifier(new StaticCredentialStore(List.of()), Clock.fixed(NOW, ZoneOffset.UTC));

    /** CloudWatch's model, read from the SDK's classes on the first RPC v2 input only. */
    private static final class CloudWatch {
        static final ServiceModel MODEL = SdkModelReader.read(
                new SdkModelReader.Service(
                        "com.amazonaws.cloudwatch#GraniteServiceVersion20100801", "monitoring", true),
                software.amazon.awssdk.services.cloudwatch.CloudWatchClient.class);
        /** In name order: a seed's first byte names its operation while the SDK adds none before it. */
        static final List<Operation> OPERATIONS = List.copyOf(MODEL.operations().values());

        static final RpcV2CborCodec CODEC = new RpcV2CborCodec();
    }

    private static Operation operation(byte[] input) {
        return OPERATIONS.get(input.length == 0 ? 0 : (input[0] & 0xFF) % OPERATIONS.size());
    }

    private static byte[] body(byte[] input) {
        return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void assertClientError(AwsException e, Set<CommonError> allowed) {
        assertThat(allowed).contains((CommonError) e.code());
        assertThat(e.code().httpStatus()).isBetween(400, 499);
        String message = String.valueOf(e.getMessage());
        assertThat(message).doesNotContain("\n", "\r").hasSizeLessThan(600);
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
        "{\"",
        "\":",
        "[",
        "]",
        "{}",
        "null",
        "true",
        "1.9",
        "1e400",
        "\"QueueUrl\"",
        "\"Entries\"",
        "\"Id\"",
        "\"MessageAttributes\"",
        "\"DataType\"",
        "\"BinaryValue\"",
        "\"StringValue\"",
        "\"Attributes\"",
        "\"DelaySeconds\"",
        "\"MaxNumberOfMessages\"",
        "\"TagKeys\"",
        "\"tags\"",
        "\\u0000",
        "\\ud800"
    })
    void jsonBodyIsDecodedToItsModelTypesOrIsSerializationException(byte[] input) throws Exception {
        Operation operation = operation(input);
        ObjectNode document;
        try {
            document = JSON_CODEC.decode(body(input), SQS, operation);
        } catch (AwsException e) {
            assertClientError(e, Set.of(CommonError.SERIALIZATION));
            return;
        }
        // A decoded document is already of its model types: decoding it again changes nothing.
        assertThat(JSON_CODEC.decode(JSON.writeValueAsBytes(document), SQS, operation))
                .isEqualTo(document);
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
        "Namespace",
        "MetricData",
        "MetricName",
        "Timestamp",
        "Values",
        "Counts",
        "StatisticValues",
        "Dimensions",
        "MetricDataQueries",
        "StartTime",
        "EndTime"
    })
    void rpcV2CborBodyIsDecodedToTheJsonCodecsDocumentOrIsSerializationException(byte[] input) throws Exception {
        List<Operation> operations = CloudWatch.OPERATIONS;
        Operation operation = operations.get(input.length == 0 ? 0 : (input[0] & 0xFF) % operations.size());
        ObjectNode document;
        try {
            document = CloudWatch.CODEC.decode(body(input), CloudWatch.MODEL, operation);
        } catch (AwsException e) {
            assertClientError(e, Set.of(CommonError.SERIALIZATION));
            return;
        }
        // The document is the JSON codec's of the same request: it writes as JSON (blobs as base64, NaN as a string)
        // and the JSON codec reads that to the same values. It also writes back as CBOR by the operation's input.
        ObjectNode fromJson = JSON_CODEC.decode(JSON.writeValueAsBytes(document), CloudWatch.MODEL, operation);
        assertThat(document.equals(CodecFuzzTest::compareValues, fromJson))
                .as("%s is %s", document, fromJson)
                .isTrue();
        String shape = operation.input();
        if (shape != null) {
            assertThat(CloudWatch.CODEC.encodeDocument(document, CloudWatch.MODEL, shape))
                    .isNotEmpty();
        }
    }

    /** Numbers by value (NaN is NaN), binaries by their bytes, the rest as Jackson compares them. */
    private static int compareValues(
            com.fasterxml.jackson.databind.JsonNode a, com.fasterxml.jackson.databind.JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.isFinite(a.doubleValue()) && Double.isFinite(b.doubleValue())
                    ? a.decimalValue().compareTo(b.decimalValue())
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({
        "&",
        "=",
        "%",
        "%ZZ",
        "%C3%28",
        "+",
        "Action=",
        "QueueUrl=",
        "Attribute.1.Name=",
        "Attribute.1.Value=",
        "MessageAttribute.1.Value.DataType=",
        "SendMessageBatchRequestEntry.1.Id=",
        "Tag.1.Key=",
        "AttributeName.1="
    })
    void queryFormIsDecodedOrIsAQueryClientError(byte[] input) {
        // Before a NUL byte is the query string, after it the form body.
        byte[] body = body(input);
        int split = indexOfNul(body);
        String rawQuery = split < 0 ? "" : new String(body, 0, split, StandardCharsets.ISO_8859_1);
        try {
            Map<String, List<String>> params =
                    FormDecoder.decode(rawQuery, Arrays.copyOfRange(body, split + 1, body.length));
            QUERY_CODEC.decode(operation(input), params);
        } catch (AwsException e) {
            assertClientError(e, QUERY_ERRORS);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void signatureIsAcceptedOrIsASignatureError(byte[] input) {
        String text = new String(body(input), StandardCharsets.ISO_8859_1);
        int split = text.indexOf('\u0000');
        String authorization = split < 0 ? text : text.substring(0, split);
        String rawQuery = split < 0 ? "" : text.substring(split + 1);
        Map<String, List<String>> headers = Map.of(
                "host", List.of("localhost:4566"),
                "x-amz-date", List.of("20250101T120000Z"),
                "authorization", List.of(authorization));
        SignedRequest request = new SignedRequest(
                "POST",
                "/",
                rawQuery,
                (input.length & 1) == 0 ? headers : Map.of("host", List.of("localhost:4566")),
                body(input));
        try {
            Caller caller = VERIFIER.verify(request, "sqs");
            assertThat(caller.accountId()).hasSize(12);
        } catch (AwsException e) {
            // Signature errors repeat parts of the request as AWS's do; the header limit bounds them.
            assertThat(e.code().httpStatus()).isBetween(400, 499);
            assertThat(String.valueOf(e.getMessage())).hasSizeLessThan(2 * input.length + 1_000);
        }
    }
}
