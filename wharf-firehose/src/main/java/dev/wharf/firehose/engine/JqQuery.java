package dev.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.firehose.api.FirehoseError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.jspecify.annotations.Nullable;

/**
 * A MetadataExtractionQuery, compiled as JQ 1.6 with jackson-jq: applied to a record's data parsed as JSON, it must
 * yield one object whose members are the partitionKeyFromQuery keys. This class is the only one that names jackson-jq,
 * so that the library loads on the first stream that uses a query, never at server start. Thread-safe.
 */
final class JqQuery {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int OUTPUTS_MAX = 16;

    /** The built-in functions of JQ 1.6, loaded once, on first use. */
    private static final class Root {
        static final Scope SCOPE = load();

        private static Scope load() {
            Scope scope = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
            return scope;
        }
    }

    private final JsonQuery query;

    private JqQuery(JsonQuery query) {
        this.query = query;
    }

    /**
     * Compiles a query.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} when it does not parse as JQ 1.6
     */
    static JqQuery compile(String expression) {
        try {
            return new JqQuery(JsonQuery.compile(expression, Versions.JQ_1_6));
        } catch (JsonQueryException | RuntimeException e) {
            throw FirehoseError.InvalidArgument.with(
                    "MetadataExtractionQuery is not a valid JQ 1.6 expression: " + e.getMessage());
        }
    }

    /** Checks that a query compiles, as CreateDeliveryStream does. */
    static void check(String expression) {
        compile(expression);
    }

    /**
     * The partition keys that the query yields for one record.
     *
     * @return the keys and their values as text, or null with {@code why} filled when the data is not JSON, the query
     *     fails, or it does not yield one object of scalar values
     */
    @Nullable
    Map<String, String> keys(byte[] data, StringBuilder why) {
        JsonNode input;
        try {
            input = JSON.readTree(data);
        } catch (IOException e) {
            why.append("Non JSON record provided");
            return null;
        }
        if (input == null || input.isMissingNode()) {
            why.append("Non JSON record provided");
            return null;
        }
        List<JsonNode> outputs = new ArrayList<>();
        try {
            Scope scope = Scope.newChildScope(Root.SCOPE);
            query.apply(scope, input, output -> {
                if (outputs.size() < OUTPUTS_MAX) {
                    outputs.add(output);
                }
            });
        } catch (JsonQueryException | RuntimeException e) {
            why.append("The query failed on the record: ").append(e.getMessage());
            return null;
        }
        if (outputs.size() != 1 || !outputs.get(0).isObject()) {
            why.append("The query must yield one JSON object of partition keys");
            return null;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = outputs.get(0).fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode value = member.getValue();
            if (value.isNull() || value.isContainerNode()) {
                why.append("The partition key ").append(member.getKey()).append(" has no scalar value");
                return null;
            }
            keys.put(member.getKey(), value.asText());
        }
        return keys;
    }
}
