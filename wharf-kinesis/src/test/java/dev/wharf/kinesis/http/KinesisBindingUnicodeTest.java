package dev.wharf.kinesis.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.common.Caller;
import dev.wharf.common.CommonError;
import dev.wharf.kinesis.engine.KinesisConfig;
import dev.wharf.kinesis.engine.KinesisEngine;
import dev.wharf.protocol.Protocol;
import dev.wharf.protocol.RequestContext;
import dev.wharf.protocol.cbor.CborCodec;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.model.Operation;
import dev.wharf.storage.MemoryStorageEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A request string with an unpaired surrogate, which JSON can spell with an escape, is refused before the engine sees
 * it: it has no UTF-8 form, so a stored partition key would come back as '?', and a stored key id or policy could no
 * longer be written to a CBOR client.
 */
class KinesisBindingUnicodeTest {

    private static final String UNPAIRED =
            "The request body holds a string that is not valid Unicode: it has an" + " unpaired surrogate.";

    private final KinesisBinding binding = new KinesisBinding(
            new KinesisEngine(
                    Clock.systemUTC(),
                    new KinesisConfig(Duration.ZERO, KinesisConfig.DEFAULT.shardsPerAccount(), false),
                    new MemoryStorageEngine().streams()),
            "us-east-1");
    private final JsonCodec json = new JsonCodec(Protocol.AWS_JSON_1_1);
    private final RequestContext context = new RequestContext(
            new Caller("000000000000", "test", "us-east-1"), "req", "http://localhost", Protocol.AWS_JSON_1_1, "/");

    private Operation operation(String name) {
        return Objects.requireNonNull(binding.model().operation(name), name);
    }

    private ObjectNode input(String operation, String body) {
        return json.decode(body.getBytes(StandardCharsets.UTF_8), binding.model(), operation(operation));
    }

    private JsonNode invoke(String operation, String body) {
        return binding.invoke(operation(operation), input(operation, body), context);
    }

    private String refusal(String operation, String body) {
        AwsException e = catchThrowableOfType(AwsException.class, () -> invoke(operation, body));
        assertThat(e).as(body).isNotNull();
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        assertThat(e.code().httpStatus()).isEqualTo(400);
        return Objects.requireNonNull(e.getMessage());
    }

    @Test
    void stringWithAnUnpairedSurrogateIsRefusedWhereverItIs() {
        invoke("CreateStream", "{\"StreamName\":\"orders\",\"ShardCount\":1}");
        assertThat(refusal("PutRecord", "{\"StreamName\":\"orders\",\"Data\":\"AA==\",\"PartitionKey\":\"k\\ud800\"}"))
                .isEqualTo(UNPAIRED);
        assertThat(refusal(
                        "StartStreamEncryption",
                        "{\"StreamName\":\"orders\",\"EncryptionType\":\"KMS\",\"KeyId\":\"\\udc00\"}"))
                .isEqualTo(UNPAIRED);
        assertThat(
                        refusal(
                                "PutResourcePolicy",
                                "{\"ResourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/orders\",\"Policy\":\"{\\ud800}\"}"))
                .isEqualTo(UNPAIRED);
        assertThat(refusal("AddTagsToStream", "{\"StreamName\":\"orders\",\"Tags\":{\"\\ud800\":\"v\"}}"))
                .isEqualTo(UNPAIRED);
        assertThat(refusal("RemoveTagsFromStream", "{\"StreamName\":\"orders\",\"TagKeys\":[\"a\",\"\\udbff\"]}"))
                .isEqualTo(UNPAIRED);
        assertThat(invoke("ListTagsForStream", "{\"StreamName\":\"orders\"}").get("Tags"))
                .as("nothing was stored")
                .isEmpty();
    }

    @Test
    void subscribeToShardRefusesItToo() {
        Operation subscribe = operation("SubscribeToShard");
        ObjectNode input = json.decode(
                "{\"ConsumerARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/c:1\\ud800\"}"
                        .getBytes(StandardCharsets.UTF_8),
                binding.model(),
                subscribe);
        AwsException e =
                catchThrowableOfType(AwsException.class, () -> binding.openEventStream(subscribe, input, context));
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        assertThat(e.getMessage()).isEqualTo(UNPAIRED);
    }

    @Test
    void surrogatePairsAreLettersLikeAnyOtherAndGoBackToACborClient() throws Exception {
        invoke("CreateStream", "{\"StreamName\":\"orders\",\"ShardCount\":1}");
        invoke("AddTagsToStream", "{\"StreamName\":\"orders\",\"Tags\":{\"\\ud801\\udc00\":\"\\ud835\\udc9c\"}}");
        Operation list = operation("ListTagsForStream");
        JsonNode tags = binding.invoke(list, input("ListTagsForStream", "{\"StreamName\":\"orders\"}"), context);
        byte[] cbor = new CborCodec().encode(tags, binding.model(), list).body();
        JsonNode tag = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper()
                .readTree(cbor)
                .get("Tags")
                .get(0);
        assertThat(tag.get("Key").asText()).isEqualTo("\uD801\uDC00");
        assertThat(tag.get("Value").asText()).isEqualTo("\uD835\uDC9C");
    }
}
