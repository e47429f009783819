package dev.wharf.protocol.rpcv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.cbor.SameDocuments;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact goldens of Smithy RPC v2 CBOR written from its specification, and the codec's checks of a request's
 * headers, against CloudWatch's model.
 */
class RpcV2CborCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RpcV2CborCodec codec = new RpcV2CborCodec();

    private ObjectNode decode(String operation, String hex) {
        return codec.decode(HexFormat.of().parseHex(hex), CloudWatchSdk.MODEL, CloudWatchSdk.operation(operation));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void requestOfIndefiniteLengthWithIntegerAndDoubleTimestampsAndUndefinedDecodes() throws IOException {
        String body = "bf" // a map of indefinite length
                + "694e616d657370616365" + "63417070" // "Namespace": "App"
                + "69537461727454696d65" + "c1" + "1a6b0cc900" // "StartTime": 1(1796000000), an integer of seconds
                + "67456e6454696d65" + "c1" + "fb41dac3afbc328588" // "EndTime": 1(1796128496.7894), a double
                + "66506572696f64" + "183c" // "Period": 60
                + "64556e6974" + "f7" // "Unit": undefined, which Smithy reads as null: absent
                + "ff";
        SameDocuments.assertSame(
                decode("GetMetricStatistics", body),
                JSON.readTree("{\"Namespace\":\"App\",\"StartTime\":1796000000,\"EndTime\":1796128496.789,"
                        + "\"Period\":60}"));
        // Seconds are read to the millisecond, the protocol's resolution.
        assertThat(decode("GetMetricStatistics", body).get("EndTime").decimalValue())
                .isEqualByComparingTo("1796128496.789");
    }

    /** What botocore 1.43's serializer writes for this call: integer seconds (it drops the milliseconds). */
    @Test
    void requestAsBotocoreWritesItWithIntegerSecondsDecodes() throws IOException {
        String body = "a6" + "694e616d657370616365" + "63417070" + "6a4d65747269634e616d65" + "674c6174656e6379"
                + "69537461727454696d65" + "c1" + "1a6b0ebef0" + "67456e6454696d65" + "c1" + "1a6b0ec4d0"
                + "66506572696f64" + "183c" + "6a53746174697374696373" + "81" + "6741766572616765";
        SameDocuments.assertSame(
                decode("GetMetricStatistics", body),
                JSON.readTree("{\"Namespace\":\"App\",\"MetricName\":\"Latency\",\"StartTime\":1796128496,"
                        + "\"EndTime\":1796130000,\"Period\":60,\"Statistics\":[\"Average\"]}"));
    }

    @Test
    void halfPrecisionNaNAndInfinityAreDoubles() {
        ObjectNode document = decode(
                "PutMetricData",
                "a1" + "6a4d6574726963446174" + "61" + "82" // "MetricData": [
                        + "a2" + "6a4d65747269634e616d65" + "616d" + "6556616c7565"
                        + "f97e00" // {MetricName: m, Value: NaN}
                        + "a1" + "6656616c756573" + "82" + "f97c00" + "f9fc00"); // {Values: [Infinity, -Infinity]}]
        assertThat(document.at("/MetricData/0/Value").doubleValue()).isNaN();
        assertThat(document.at("/MetricData/1/Values/0").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(document.at("/MetricData/1/Values/1").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void timestampThatIsNotAFiniteNumberOrTooLargeIsASerializationException() {
        for (String value : List.of("f97e00", "fb7ff0000000000000", "c1" + "1b7fffffffffffffff")) {
            AwsException e = catchThrowableOfType(
                    AwsException.class, () -> decode("GetMetricStatistics", "a1" + "69537461727454696d65" + value));
            assertThat(e.code()).as(value).isEqualTo(CommonError.SERIALIZATION);
            assertThat(e.getMessage()).as(value).contains("can not be converted to an Date");
        }
        // A decimal fraction of a tiny magnitude and a huge scale is zero, without a division as large as its scale.
        assertThat(decode("GetMetricStatistics", "a1" + "69537461727454696d65" + "c4" + "82" + "3a3b9ac9ff" + "01")
                        .get("StartTime")
                        .longValue())
                .isZero();
    }

    @Test
    void resultIsTheGoldenCborWithTheProtocolsHeaders() throws IOException {
        WireResponse wire = codec.encode(
                JSON.readTree("{\"Label\":\"L\",\"Datapoints\":[{\"Timestamp\":1796128496.789,\"Sum\":1.5}]}"),
                CloudWatchSdk.MODEL,
                CloudWatchSdk.operation("GetMetricStatistics"));
        assertThat(wire.status()).isEqualTo(200);
        assertThat(wire.contentType()).isEqualTo("application/cbor");
        assertThat(wire.headers()).isEqualTo(Map.of("smithy-protocol", "rpc-v2-cbor"));
        assertThat(hex(wire.body()))
                .isEqualTo("a2" + "654c6162656c" + "614c" // {"Label": "L",
                        + "6a44617461706f696e7473" + "81" + "a2" // "Datapoints": [{
                        + "6954696d657374616d70" + "c1" + "fb41dac3afbc327efa" // "Timestamp": 1(1796128496.789),
                        + "6353756d" + "fb3ff8000000000000"); // "Sum": 1.5}]}
    }

    @Test
    void wholeSecondTimestampIsStillADoubleAsTheSdkWritesIt() throws IOException {
        byte[] body = codec.encodeDocument(
                JSON.readTree("{\"Timestamp\":\"2026-12-01T12:34:56Z\"}"),
                CloudWatchSdk.MODEL,
                "com.amazonaws.cloudwatch#Datapoint");
        assertThat(hex(body)).isEqualTo("a1" + "6954696d657374616d70" + "c1" + "fb41dac3afbc000000");
    }

    @Test
    void errorIsTheGoldenCborWithTheQueryErrorHeaderWhenQueryCompatible() {
        WireResponse wire = codec.encodeError(CommonError.INVALID_PARAMETER_VALUE, "bad", true);
        assertThat(wire.status()).isEqualTo(400);
        assertThat(wire.contentType()).isEqualTo("application/cbor");
        assertThat(wire.headers())
                .isEqualTo(
                        Map.of("smithy-protocol", "rpc-v2-cbor", "x-amzn-query-error", "InvalidParameterValue;Sender"));
        // {"__type": "InvalidParameterValue", "message": "bad"}
        assertThat(hex(wire.body()))
                .isEqualTo("a2" + "665f5f74797065" + "75496e76616c6964506172616d6574657256616c7565" + "676d657373616765"
                        + "63626164");
        assertThat(codec.encodeError(CommonError.INTERNAL_FAILURE, "x", true).headers())
                .containsEntry("x-amzn-query-error", "InternalFailure;Receiver");
        assertThat(codec.encodeError(CommonError.SERIALIZATION, "x", false).headers())
                .isEqualTo(Map.of("smithy-protocol", "rpc-v2-cbor"));
    }

    @Test
    void contentTypeIsApplicationCborInAnyCaseWithParameters() {
        assertThat(codec.protocol()).isEqualTo(Protocol.SMITHY_RPC_V2_CBOR);
        assertThat(codec.recognises("application/cbor")).isTrue();
        assertThat(codec.recognises(" Application/CBOR ; charset=x")).isTrue();
        assertThat(codec.recognises("application/x-amz-cbor-1.1")).isFalse();
        assertThat(codec.recognises("application/json")).isFalse();
    }

    @Test
    void headersOfAnotherContentTypeOrAnXAmzTargetAreRefusedAsSmithyServersRefuseThem() {
        codec.checkHeaders(Map.of("content-type", List.of("application/cbor")));
        codec.checkHeaders(Map.of());

        AwsException media = catchThrowableOfType(
                AwsException.class,
                () -> codec.checkHeaders(Map.of("content-type", List.of("application/x-amz-json-1.0"))));
        assertThat(media.code()).isEqualTo(CommonError.UNSUPPORTED_MEDIA_TYPE);
        assertThat(media.code().httpStatus()).isEqualTo(415);
        assertThat(media.getMessage())
                .isEqualTo("The request's Content-Type application/x-amz-json-1.0 is not application/cbor.");

        for (String header : List.of("x-amz-target", "x-amzn-target")) {
            AwsException target =
                    catchThrowableOfType(AwsException.class, () -> codec.checkHeaders(Map.of(header, List.of("A.B"))));
            assertThat(target.code()).isEqualTo(CommonError.UNKNOWN_OPERATION_PATH);
            assertThat(target.code().httpStatus()).isEqualTo(404);
        }
    }
}
