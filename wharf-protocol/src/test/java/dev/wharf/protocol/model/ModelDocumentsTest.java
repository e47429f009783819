package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Shaping result documents by the model: names as the model spells them, and what is dropped. */
class ModelDocumentsTest {

    private static final ServiceModel KINESIS = SdkModelReader.read(
            new SdkModelReader.Service("com.amazonaws.kinesis#Kinesis_20131202", "kinesis", false),
            KinesisClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTPUT =
            java.util.Objects.requireNonNull(java.util.Objects.requireNonNull(KINESIS.operation("DescribeStream"))
                    .output());

    private static ObjectNode document() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"streamDescription": {"streamName": "s", "shards": [], "keyId": null, "notAMember": 1,
                  "enhancedMonitoring": [{"shardLevelMetrics": []}]}}""");
    }

    @Test
    void namesAreTheModelsAndNullsAndStrangersGo() throws Exception {
        ObjectNode shaped = new ModelDocuments(KINESIS).shape(document(), OUTPUT);
        assertThat(shaped.toString())
                .isEqualTo("{\"StreamDescription\":{\"StreamName\":\"s\",\"EnhancedMonitoring\":[{}]}}");
    }

    @Test
    void emptyCollectionsStayWhenTheServiceAnswersThem() throws Exception {
        ObjectNode shaped = new ModelDocuments(KINESIS, true).shape(document(), OUTPUT);
        assertThat(shaped.toString())
                .isEqualTo("{\"StreamDescription\":{\"StreamName\":\"s\",\"Shards\":[],"
                        + "\"EnhancedMonitoring\":[{\"ShardLevelMetrics\":[]}]}}");
    }
}
