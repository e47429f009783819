package dev.wharf.protocol.rpcv2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.cbor.CapturingHttpClient;
import dev.wharf.protocol.cbor.SameDocuments;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.ShapeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Golden tests of the requests that the SDK v2's CloudWatch client sends in Smithy RPC v2 CBOR: the bytes its own
 * marshaller writes are the stored ones, they reach the operation their path names, and they decode to the document
 * that the JSON codec makes of the same call in JSON.
 */
class RpcV2CborCodecCloudWatchGoldenTest {

    private final RpcV2CborCodec codec = new RpcV2CborCodec();
    private final CapturingHttpClient http = new CapturingHttpClient();
    private final CloudWatchClient sdk = CloudWatchSdk.client(http);

    @AfterEach
    void close() {
        sdk.close();
    }

    private CapturingHttpClient.Captured send(CloudWatchSdk.Golden golden) {
        try {
            golden.call.accept(sdk);
        } catch (RuntimeException e) {
            // The prepared answer is an empty body of CBOR 1.1, which no output reads; the request has left by then.
        }
        return http.last();
    }

    private ObjectNode decode(CloudWatchSdk.Golden golden) throws IOException {
        return codec.decode(golden.bytes(), CloudWatchSdk.MODEL, golden.modelOperation());
    }

    @ParameterizedTest
    @EnumSource(CloudWatchSdk.Golden.class)
    void sdkSendsTheGoldenBytesToTheOperationsPathWithTheProtocolsHeaders(CloudWatchSdk.Golden golden)
            throws IOException {
        CapturingHttpClient.Captured request = send(golden);
        assertThat(HexFormat.of().formatHex(request.body()))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
        assertThat(request.request().method().name()).isEqualTo("POST");
        assertThat(request.request().encodedPath())
                .isEqualTo("/service/" + CloudWatchSdk.SERVICE_NAME + "/operation/" + golden.operation);
        assertThat(request.header("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(request.header("Content-Type")).isEqualTo("application/cbor");
        assertThat(request.header("Accept")).isEqualTo("application/cbor");
        assertThat(request.request().firstMatchingHeader("X-Amz-Target")).isEmpty();
        assertThat(request.header("Authorization")).contains("/us-east-1/monitoring/aws4_request");

        RpcV2Target target = RpcV2Target.of(request.request().encodedPath(), request.header("smithy-protocol"));
        assertThat(target).isEqualTo(new RpcV2Target(CloudWatchSdk.SERVICE_NAME, golden.operation));
        assertThat(codec.recognises(request.header("Content-Type"))).isTrue();
    }

    @Test
    void putMetricDataCarriesTimestampsAsSecondsValuesCountsStatisticsAndNaN() throws IOException {
        byte[] body = CloudWatchSdk.Golden.PUT_METRIC_DATA.bytes();
        // Tag 1 over a double of seconds, and a whole second over a single-precision float: not AWS CBOR's millis.
        assertThat(HexFormat.of().formatHex(body)).contains("54696d657374616d70" + "c1" + "fb41dac3afbc327efa");
        assertThat(HexFormat.of().formatHex(body)).contains("54696d657374616d70" + "c1" + "fa4ed61992");
        assertSameAsJson(
                CloudWatchSdk.Golden.PUT_METRIC_DATA,
                "{\"Namespace\":\"App\",\"MetricData\":["
                        + "{\"MetricName\":\"Latency\",\"Dimensions\":[{\"Name\":\"Service\",\"Value\":\"checkout\"}],"
                        + "\"Timestamp\":1796128496.789,\"Values\":[1,2.5,0.1],\"Counts\":[3,1,2],"
                        + "\"Unit\":\"Milliseconds\",\"StorageResolution\":1},"
                        + "{\"MetricName\":\"Orders\",\"Timestamp\":1796000000,\"StatisticValues\":"
                        + "{\"SampleCount\":4,\"Sum\":10.5,\"Minimum\":1,\"Maximum\":5},\"Unit\":\"Count\"},"
                        + "{\"MetricName\":\"Errors\",\"Value\":\"NaN\"}]}");
        JsonNode datum = decode(CloudWatchSdk.Golden.PUT_METRIC_DATA).path("MetricData");
        assertThat(datum.get(0)
                        .path("Timestamp")
                        .decimalValue()
                        .movePointRight(3)
                        .longValueExact())
                .isEqualTo(CloudWatchSdk.AT.toEpochMilli());
        assertThat(datum.get(1).path("Timestamp").isIntegralNumber()).isTrue();
        assertThat(datum.get(1).path("Timestamp").longValue()).isEqualTo(CloudWatchSdk.WHOLE.getEpochSecond());
        assertThat(datum.get(0).path("Values").get(2).decimalValue()).isEqualByComparingTo("0.1");
        assertThat(datum.get(2).path("Value").doubleValue()).isNaN();
    }

    @Test
    void getMetricStatisticsCarriesItsTimeRangeAndExtendedStatistics() throws IOException {
        assertSameAsJson(
                CloudWatchSdk.Golden.GET_METRIC_STATISTICS,
                "{\"Namespace\":\"App\",\"MetricName\":\"Latency\","
                        + "\"Dimensions\":[{\"Name\":\"Service\",\"Value\":\"checkout\"}],"
                        + "\"StartTime\":1796000000,\"EndTime\":1796128496.789,\"Period\":60,"
                        + "\"Statistics\":[\"Average\",\"Maximum\"],\"ExtendedStatistics\":[\"p99\",\"p99.9\"],"
                        + "\"Unit\":\"Milliseconds\"}");
    }

    @Test
    void getMetricDataCarriesNestedQueriesAndItsOptions() throws IOException {
        assertSameAsJson(
                CloudWatchSdk.Golden.GET_METRIC_DATA,
                "{\"MetricDataQueries\":[{\"Id\":\"m1\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"App\","
                        + "\"MetricName\":\"Latency\",\"Dimensions\":[{\"Name\":\"Service\",\"Value\":\"checkout\"}]},"
                        + "\"Period\":300,\"Stat\":\"Average\"},\"ReturnData\":false},"
                        + "{\"Id\":\"e1\",\"Expression\":\"m1 * 2\",\"Label\":\"Doubled\"}],"
                        + "\"StartTime\":1796000000,\"EndTime\":1796128496.789,\"ScanBy\":\"TimestampDescending\","
                        + "\"MaxDatapoints\":100,\"LabelOptions\":{\"Timezone\":\"+0130\"}}");
    }

    @Test
    void describeAlarmsWithoutMembersIsAnEmptyMapOfIndefiniteLength() throws IOException {
        assertThat(HexFormat.of().formatHex(CloudWatchSdk.Golden.DESCRIBE_ALARMS.bytes()))
                .isEqualTo("bfff");
        assertThat(decode(CloudWatchSdk.Golden.DESCRIBE_ALARMS)).isEmpty();
        assertSameAsJson(CloudWatchSdk.Golden.DESCRIBE_ALARMS, "{}");
    }

    @Test
    void cloudWatchModelFromTheSdkClassesIsQueryCompatibleAndTypesTimestampsAndDoubles() {
        assertThat(CloudWatchSdk.MODEL.serviceId()).isEqualTo("com.amazonaws.cloudwatch#GraniteServiceVersion20100801");
        assertThat(CloudWatchSdk.MODEL.signingName()).isEqualTo("monitoring");
        assertThat(CloudWatchSdk.MODEL.queryCompatible()).isTrue();
        assertThat(CloudWatchSdk.operation("PutMetricData").output()).isNull();
        Member timestamp = Objects.requireNonNull(CloudWatchSdk.MODEL
                .shape("com.amazonaws.cloudwatch#MetricDatum")
                .members()
                .get("Timestamp"));
        assertThat(CloudWatchSdk.MODEL.shape(timestamp.target()).type()).isEqualTo(ShapeType.TIMESTAMP);
    }

    /**
     * Asserts that the golden decodes to the expected document, and that the JSON codec decodes the same call in JSON
     * (as Smithy's JSON protocols write it: NaN as a string) to the same document.
     */
    private void assertSameAsJson(CloudWatchSdk.Golden golden, String json) throws IOException {
        ObjectNode fromCbor = decode(golden);
        ObjectNode fromJson = new JsonCodec(Protocol.AWS_JSON_1_0)
                .decode(json.getBytes(StandardCharsets.UTF_8), CloudWatchSdk.MODEL, golden.modelOperation());
        SameDocuments.assertSame(fromCbor, fromJson);
    }
}
