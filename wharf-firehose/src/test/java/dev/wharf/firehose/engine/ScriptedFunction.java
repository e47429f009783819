package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A Lambda invoker whose function the test scripts: it answers each event with what the script makes of it. */
final class ScriptedFunction implements LambdaInvoker {

    static final String ARN = "arn:aws:lambda:us-east-1:111111111111:function:transform";
    static final URI URL = URI.create("http://localhost:9000/2015-03-31/functions/function/invocations");
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the function answers to one event; it may throw IOException's unchecked twin to be unreachable. */
    interface Script {
        Answer answer(JsonNode event) throws IOException;
    }

    final List<JsonNode> events = new ArrayList<>();
    final List<URI> urls = new ArrayList<>();
    Script script = ScriptedFunction::upperCase;

    FirehoseFunctions functions() {
        return new FirehoseFunctions(this, Map.of(ARN, URL));
    }

    @Override
    public synchronized Answer invoke(Invocation invocation) throws IOException {
        JsonNode event = JSON.readTree(invocation.payload());
        events.add(event);
        urls.add(invocation.uri());
        return script.answer(event);
    }

    @Override
    public void close() {}

    /** Answers every record Ok with its data upper-cased. */
    static Answer upperCase(JsonNode event) {
        return each(event, (record) -> ok(record, text(record).toUpperCase(java.util.Locale.ROOT)));
    }

    /** An answer built record by record. */
    static Answer each(JsonNode event, Function<JsonNode, ObjectNode> result) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode records = answer.putArray("records");
        for (JsonNode record : event.get("records")) {
            records.add(result.apply(record));
        }
        return json(answer);
    }

    static ObjectNode ok(JsonNode record, String data) {
        ObjectNode result = JSON.createObjectNode();
        result.put("recordId", record.get("recordId").asText());
        result.put("result", "Ok");
        result.put("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    static ObjectNode status(JsonNode record, String status) {
        ObjectNode result = JSON.createObjectNode();
        result.put("recordId", record.get("recordId").asText());
        result.put("result", status);
        return result;
    }

    static String text(JsonNode record) {
        return new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8);
    }

    static Answer json(JsonNode body) {
        try {
            return new Answer(200, false, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
