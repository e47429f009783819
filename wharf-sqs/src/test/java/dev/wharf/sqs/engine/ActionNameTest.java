package dev.wharf.sqs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ActionNameTest {

    @Test
    void everyOperationOfTheModelIsAnActionNameOrTheBatchVersionOfOne() throws Exception {
        JsonNode shapes;
        try (InputStream in = ActionNameTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/smithy/2012-11-05/sqs-2012-11-05.json")) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
        Set<String> operations = new TreeSet<>();
        shapes.properties().forEach(shape -> {
            if (shape.getValue().path("type").asText().equals("operation")) {
                operations.add(shape.getKey().substring(shape.getKey().indexOf('#') + 1));
            }
        });
        Set<String> actions = Arrays.stream(ActionName.values())
                .filter(action -> action != ActionName.All)
                .map(ActionName::wireName)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> batches = new TreeSet<>(operations);
        batches.removeAll(actions);

        assertThat(operations).containsAll(actions);
        assertThat(batches)
                .containsExactly("ChangeMessageVisibilityBatch", "DeleteMessageBatch", "SendMessageBatch")
                .allSatisfy(batch -> assertThat(ActionName.find(batch.replace("Batch", "")))
                        .isNotNull()
                        .satisfies(single -> assertThat(single.grantable()).isTrue()));
        assertThat(ActionName.find("*")).isEqualTo(ActionName.All);
    }
}
