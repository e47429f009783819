package dev.wharf.sqs.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqsErrorTest {

    private static final Set<String> NOT_IN_MODEL = Set.of(
            "InvalidParameterValueException", "MissingRequiredParameterException", "InvalidParameterCombination");

    /** The traits of every error shape of the model, by shape name. */
    private static final Map<String, JsonNode> MODEL_ERRORS = new TreeMap<>();

    @BeforeAll
    static void readTheModel() throws Exception {
        JsonNode shapes;
        try (InputStream in = SqsErrorTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/smithy/2012-11-05/sqs-2012-11-05.json")) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
        shapes.properties().forEach(shape -> {
            JsonNode traits = shape.getValue().get("traits");
            if (traits != null && traits.has("smithy.api#error")) {
                MODEL_ERRORS.put(shape.getKey().substring(shape.getKey().indexOf('#') + 1), traits);
            }
        });
    }

    @Test
    void everyErrorOfTheModelIsInTheCatalogue() {
        Set<String> catalogue =
                Arrays.stream(SqsError.values()).map(SqsError::shapeName).collect(Collectors.toSet());

        assertThat(MODEL_ERRORS.keySet()).hasSizeGreaterThan(25).allSatisfy(name -> assertThat(catalogue)
                .contains(name));
        assertThat(NOT_IN_MODEL).allSatisfy(name -> assertThat(MODEL_ERRORS).doesNotContainKey(name));
    }

    @Test
    void modelDeclaredErrorsMatchTheModelsQueryCodesStatusesAndFaults() {
        for (SqsError error : SqsError.values()) {
            if (NOT_IN_MODEL.contains(error.name())) {
                continue;
            }
            JsonNode traits = Objects.requireNonNull(MODEL_ERRORS.get(error.shapeName()), error.shapeName());
            JsonNode query = traits.get("aws.protocols#awsQueryError");
            String code = query == null ? error.shapeName() : query.get("code").asText();
            int queryStatus =
                    query == null ? 400 : query.get("httpResponseCode").asInt();
            int status = traits.has("smithy.api#httpError")
                    ? traits.get("smithy.api#httpError").asInt()
                    : 400;
            assertThat(error.queryCode()).as("query code of %s", error).isEqualTo(code);
            assertThat(error.httpStatus()).as("HTTP status of %s", error).isEqualTo(status);
            assertThat(error.httpStatus()).as("Query HTTP status of %s", error).isEqualTo(queryStatus);
            assertThat(error.senderFault())
                    .as("fault of %s", error)
                    .isEqualTo(traits.get("smithy.api#error").asText().equals("client"));
            assertThat(error.jsonType()).isEqualTo("com.amazonaws.sqs#" + error.shapeName());
        }
    }

    @Test
    void errorsMissingFromTheModelCarryTheCodesAwsSends() {
        assertThat(SqsError.InvalidParameterValueException.queryCode()).isEqualTo("InvalidParameterValue");
        assertThat(SqsError.MissingRequiredParameterException.queryCode()).isEqualTo("MissingParameter");
        assertThat(SqsError.InvalidParameterCombination.queryCode()).isEqualTo("InvalidParameterCombination");
        assertThat(Arrays.stream(SqsError.values()).filter(e -> NOT_IN_MODEL.contains(e.name())))
                .hasSize(NOT_IN_MODEL.size())
                .allSatisfy(e -> assertThat(e.httpStatus()).isEqualTo(400));
    }
}
