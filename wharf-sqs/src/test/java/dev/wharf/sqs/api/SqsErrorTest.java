package dev.wharf.sqs.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SqsErrorTest {

    private static final Set<String> NOT_IN_MODEL = Set.of(
            "InvalidParameterValueException", "MissingRequiredParameterException", "InvalidParameterCombination");

    @Test
    void modelDeclaredErrorsMatchTheModelsQueryCodesAndStatuses() throws Exception {
        JsonNode shapes;
        try (InputStream in = SqsErrorTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/smithy/2012-11-05/sqs-2012-11-05.json")) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
        Map<String, JsonNode> modelErrors = new TreeMap<>();
        shapes.properties().forEach(shape -> {
            JsonNode traits = shape.getValue().get("traits");
            if (traits != null && traits.has("smithy.api#error")) {
                modelErrors.put(shape.getKey().substring(shape.getKey().indexOf('#') + 1), traits);
            }
        });
        int checked = 0;
        for (SqsError error : SqsError.values()) {
            if (NOT_IN_MODEL.contains(error.name())) {
                continue;
            }
            assertThat(modelErrors).as("model error shapes").containsKey(error.shapeName());
            JsonNode traits = java.util.Objects.requireNonNull(modelErrors.get(error.shapeName()));
            JsonNode query = traits.get("aws.protocols#awsQueryError");
            String code = query == null ? error.shapeName() : query.get("code").asText();
            int status = traits.has("smithy.api#httpError")
                    ? traits.get("smithy.api#httpError").asInt()
                    : 400;
            assertThat(error.queryCode()).as("query code of %s", error).isEqualTo(code);
            assertThat(error.httpStatus()).as("HTTP status of %s", error).isEqualTo(status);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }
}
