package dev.wharf.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.SdkModelReader;
import dev.wharf.protocol.model.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** JSON timestamps, against Kinesis's model (SQS's has none): epoch seconds whose milliseconds fit a long. */
class JsonTimestampTest {

    private static final ServiceModel KINESIS = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false),
            KinesisClient.class);
    private final JsonCodec codec = new JsonCodec(Protocol.AWS_JSON_1_1);

    private ObjectNode decode(String timestamp) {
        Operation operation = Objects.requireNonNull(KINESIS.operation("GetShardIterator"));
        String body = "{\"StreamName\":\"orders\",\"ShardId\":\"shardId-000000000000\","
                + "\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":" + timestamp + "}";
        return codec.decode(body.getBytes(StandardCharsets.UTF_8), KINESIS, operation);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "1735732800",
                "1735732800.123",
                "-1.5",
                "9223372036854775.807",
                "-9223372036854775.808",
                "1e-999999999"
            })
    void timestampWhoseMillisecondsFitALongIsTakenAsItIs(String timestamp) {
        assertThat(decode(timestamp).get("Timestamp").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal(timestamp));
    }

    /**
     * These would have wrapped to other times (2^64 + 1 ms is one millisecond after the epoch), and the exponents took
     * the binding seconds to minutes of CPU to write out.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "18446744073709551.617",
                "9223372036854775.808",
                "-9223372036854775.809",
                "1e99999999",
                "-1e999999999"
            })
    void timestampBeyondALongOfMillisecondsIsRefused(String timestamp) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> decode(timestamp));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        assertThat(e.getMessage()).endsWith(" can not be converted to an Date: it is out of range.");
    }
}
