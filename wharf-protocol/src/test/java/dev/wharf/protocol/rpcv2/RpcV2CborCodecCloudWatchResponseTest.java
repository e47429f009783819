package dev.wharf.protocol.rpcv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.cbor.CapturingHttpClient;
import dev.wharf.protocol.model.ModelDocuments;
import dev.wharf.protocol.model.Operation;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Golden tests of Smithy RPC v2 CBOR responses: documents shaped as a binding shapes them, encoded by the codec and
 * read by the SDK v2's own RPC v2 unmarshaller into CloudWatch's typed responses and exceptions.
 */
class RpcV2CborCodecCloudWatchResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelDocuments DOCUMENTS = new ModelDocuments(CloudWatchSdk.MODEL);

    private final RpcV2CborCodec codec = new RpcV2CborCodec();
    private final CapturingHttpClient http = new CapturingHttpClient();
    private final CloudWatchClient sdk = CloudWatchSdk.client(http);

    @AfterEach
    void close() {
        sdk.close();
    }

    private WireResponse encode(String operation, ObjectNode document) {
        Operation op = CloudWatchSdk.operation(operation);
        return codec.encode(DOCUMENTS.shape(document, Objects.requireNonNull(op.output())), CloudWatchSdk.MODEL, op);
    }

    private WireResponse encode(String operation, String document) throws IOException {
        return encode(operation, (ObjectNode) JSON.readTree(document));
    }

    @Test
    void getMetricStatisticsReturnsDatapointsWithTheirTimestampsToTheMillisecond() throws IOException {
        // Timestamps held as epoch seconds with a fraction, as a whole number, and as ISO-8601 text.
        WireResponse wire = encode(
                "GetMetricStatistics",
                "{\"Label\":\"Latency\",\"Datapoints\":["
                        + "{\"Timestamp\":1796128496.789,\"SampleCount\":3,\"Average\":1.5,\"Maximum\":2.5,"
                        + "\"Unit\":\"Milliseconds\",\"ExtendedStatistics\":{\"p99\":2.49}},"
                        + "{\"Timestamp\":1796000000,\"Sum\":0},"
                        + "{\"Timestamp\":\"2026-12-01T12:35:56.001Z\",\"Minimum\":-1e-3}]}");
        assertThat(wire.status()).isEqualTo(200);
        assertThat(wire.contentType()).isEqualTo("application/cbor");
        assertThat(wire.headers()).containsExactly(Map.entry("smithy-protocol", "rpc-v2-cbor"));
        http.respond(wire);

        GetMetricStatisticsResponse response = sdk.getMetricStatistics(b -> b.namespace("App"));

        assertThat(response.label()).isEqualTo("Latency");
        assertThat(response.datapoints()).hasSize(3);
        Datapoint first = response.datapoints().get(0);
        assertThat(first.timestamp()).isEqualTo(CloudWatchSdk.AT);
        assertThat(first.sampleCount()).isEqualTo(3.0);
        assertThat(first.average()).isEqualTo(1.5);
        assertThat(first.maximum()).isEqualTo(2.5);
        assertThat(first.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(first.extendedStatistics()).containsExactly(Map.entry("p99", 2.49));
        assertThat(response.datapoints().get(1).timestamp()).isEqualTo(CloudWatchSdk.WHOLE);
        assertThat(response.datapoints().get(1).sum()).isZero();
        assertThat(response.datapoints().get(2).timestamp()).isEqualTo(Instant.parse("2026-12-01T12:35:56.001Z"));
        assertThat(response.datapoints().get(2).minimum()).isEqualTo(-0.001);
        assertThat(response.responseMetadata().requestId()).isEqualTo("req-1");
    }

    @Test
    void getMetricDataReturnsTimestampsAndValuesIncludingNaNAndInfinities() throws IOException {
        ObjectNode document = (ObjectNode)
                JSON.readTree(
                        "{\"MetricDataResults\":[{\"Id\":\"m1\",\"Label\":\"Latency\","
                                + "\"Timestamps\":[1796128496.789,1796128436,1796128376],\"Values\":[1.5],"
                                + "\"StatusCode\":\"PartialData\"}],\"NextToken\":\"next\",\"Messages\":[{\"Code\":\"c\",\"Value\":\"v\"}]}");
        ArrayNode values = (ArrayNode) document.withArray("/MetricDataResults/0/Values");
        values.add(Double.NaN).add(Double.NEGATIVE_INFINITY);
        http.respond(encode("GetMetricData", document));

        GetMetricDataResponse response = sdk.getMetricData(b -> b.startTime(CloudWatchSdk.WHOLE));

        MetricDataResult result = response.metricDataResults().get(0);
        assertThat(result.id()).isEqualTo("m1");
        assertThat(result.label()).isEqualTo("Latency");
        assertThat(result.timestamps())
                .containsExactly(
                        CloudWatchSdk.AT, Instant.ofEpochSecond(1_796_128_436), Instant.ofEpochSecond(1_796_128_376));
        assertThat(result.values()).containsExactly(1.5, Double.NaN, Double.NEGATIVE_INFINITY);
        assertThat(result.statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(response.nextToken()).isEqualTo("next");
        assertThat(response.messages().get(0).code()).isEqualTo("c");
    }

    @Test
    void describeAlarmsReturnsAlarmsWithNestedMembers() throws IOException {
        http.respond(encode(
                "DescribeAlarms",
                "{\"MetricAlarms\":[{\"AlarmName\":\"high-latency\","
                        + "\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:000000000000:alarm:high-latency\","
                        + "\"ActionsEnabled\":true,\"AlarmActions\":[\"arn:aws:sns:us-east-1:000000000000:ops\"],"
                        + "\"StateValue\":\"ALARM\",\"StateReason\":\"Threshold Crossed\","
                        + "\"StateUpdatedTimestamp\":1796128496.789,\"MetricName\":\"Latency\",\"Namespace\":\"App\","
                        + "\"Statistic\":\"Average\",\"Dimensions\":[{\"Name\":\"Service\",\"Value\":\"checkout\"}],"
                        + "\"Period\":60,\"EvaluationPeriods\":3,\"Threshold\":2.5,"
                        + "\"ComparisonOperator\":\"GreaterThanThreshold\"}],\"CompositeAlarms\":[]}"));

        DescribeAlarmsResponse response = sdk.describeAlarms();

        assertThat(response.metricAlarms()).hasSize(1);
        MetricAlarm alarm = response.metricAlarms().get(0);
        assertThat(alarm.alarmName()).isEqualTo("high-latency");
        assertThat(alarm.actionsEnabled()).isTrue();
        assertThat(alarm.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:ops");
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(CloudWatchSdk.AT);
        assertThat(alarm.dimensions().get(0).value()).isEqualTo("checkout");
        assertThat(alarm.period()).isEqualTo(60);
        assertThat(alarm.evaluationPeriods()).isEqualTo(3);
        assertThat(alarm.threshold()).isEqualTo(2.5);
        assertThat(alarm.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
        assertThat(response.compositeAlarms()).isEmpty();
    }

    @Test
    void getMetricWidgetImageReturnsItsBlobAsBytes() throws IOException {
        http.respond(encode("GetMetricWidgetImage", "{\"MetricWidgetImage\":\"AAECf4D/\"}"));
        assertThat(sdk.getMetricWidgetImage(b -> b.metricWidget("{}"))
                        .metricWidgetImage()
                        .asByteArray())
                .containsExactly(0, 1, 2, 0x7f, 0x80, 0xff);
    }

    @Test
    void operationWithoutOutputAnswersAnEmptyMapThatTheSdkAccepts() {
        WireResponse wire =
                codec.encode(JSON.createObjectNode(), CloudWatchSdk.MODEL, CloudWatchSdk.operation("PutMetricData"));
        assertThat(wire.body()).containsExactly(0xa0);
        http.respond(wire);
        sdk.putMetricData(
                b -> b.namespace("App").metricData(m -> m.metricName("m").value(1.0)));
        assertThat(http.count()).isEqualTo(1);
    }

    /** CloudWatch's errors as its catalogue will hold them: the shape, the Query code, the status, the fault. */
    private enum CloudWatchSampleError implements AwsErrorCode {
        INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400, true),
        INTERNAL_SERVICE("InternalServiceFault", "InternalServiceError", 500, false),
        /** Not in CloudWatch's model: the SDK makes its service exception of it. */
        THROTTLING("ThrottlingException", "Throttling", 400, true);

        private final String shapeName;
        private final String queryCode;
        private final int httpStatus;
        private final boolean senderFault;

        CloudWatchSampleError(String shapeName, String queryCode, int httpStatus, boolean senderFault) {
            this.shapeName = shapeName;
            this.queryCode = queryCode;
            this.httpStatus = httpStatus;
            this.senderFault = senderFault;
        }

        @Override
        public String shapeName() {
            return shapeName;
        }

        @Override
        public String queryCode() {
            return queryCode;
        }

        @Override
        public String jsonNamespace() {
            return "com.amazonaws.cloudwatch";
        }

        @Override
        public int httpStatus() {
            return httpStatus;
        }

        @Override
        public boolean senderFault() {
            return senderFault;
        }
    }

    @Test
    void modeledErrorIsReadAsItsExceptionWithTheQueryCodeMessageAndStatus() {
        String message = "The value NaN for parameter MetricData.member.1.Value is invalid.";
        WireResponse wire = codec.encodeError(CloudWatchSampleError.INVALID_PARAMETER_VALUE, message, true);
        assertThat(wire.status()).isEqualTo(400);
        assertThat(wire.contentType()).isEqualTo("application/cbor");
        assertThat(wire.headers())
                .containsOnly(
                        Map.entry("smithy-protocol", "rpc-v2-cbor"),
                        Map.entry("x-amzn-query-error", "InvalidParameterValue;Sender"));
        http.respond(wire);

        InvalidParameterValueException e = catchThrowableOfType(
                InvalidParameterValueException.class,
                () -> sdk.putMetricData(b -> b.namespace("App").metricData(m -> m.metricName("m"))));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.requestId()).isEqualTo("req-1");
    }

    @Test
    void serverErrorIsReadAsItsExceptionWithItsQueryCode() {
        http.respond(codec.encodeError(CloudWatchSampleError.INTERNAL_SERVICE, "Internal error.", true));
        InternalServiceException e = catchThrowableOfType(InternalServiceException.class, () -> sdk.describeAlarms());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServiceError");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Internal error.");
        assertThat(e.statusCode()).isEqualTo(500);
    }

    @Test
    void errorOutsideTheModelIsTheServiceExceptionWithTheQueryCode() {
        http.respond(codec.encodeError(CloudWatchSampleError.THROTTLING, "Rate exceeded", true));
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, () -> sdk.describeAlarms());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void withoutQueryCompatibilityTheCodeIsTheShapeNameWithoutItsNamespace() {
        http.respond(codec.encodeError(CloudWatchSampleError.INVALID_PARAMETER_VALUE, "bad", false));
        InvalidParameterValueException e =
                catchThrowableOfType(InvalidParameterValueException.class, () -> sdk.describeAlarms());
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
    }
}
