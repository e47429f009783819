package dev.wharf.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a service model from botocore's JSON form ({@code service-2.json}), for services whose SDK v2 jar Wharf
 * cannot use, such as Amazon MQ.
 *
 * <p>Generic: nothing here knows a service. Shapes are qualified by the namespace {@code com.amazonaws.<signingName>}
 * and the service id is that namespace with the model's {@code serviceId}. A member's {@code location} ({@code uri},
 * {@code querystring}, {@code header}, {@code headers}, {@code statusCode}) becomes its {@link HttpLocation}, a
 * {@code uri} label written {@code {Name+}} in the operation's URI a greedy path. A body member's {@code locationName}
 * is its JSON name on the wire (REST-JSON's {@code jsonName}) and is kept as the member's location name.
 */
public final class BotocoreModelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BotocoreModelReader() {}

    /**
     * Reads a model from a class-path resource, such as {@code restjson/mq-2017-11-27.json}.
     *
     * @throws IllegalStateException when the resource is missing
     */
    public static ServiceModel load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("service model not on the class path: " + resource);
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    /** Builds the model of a parsed botocore {@code service-2.json}. */
    public static ServiceModel read(JsonNode root) {
        JsonNode metadata = root.path("metadata");
        String signingName = metadata.path("signingName")
                .asText(metadata.path("endpointPrefix").asText());
        if (signingName.isEmpty()) {
            throw new IllegalStateException("the model names no signing name or endpoint prefix");
        }
        String namespace = "com.amazonaws." + signingName;
        String serviceId = namespace + "#" + metadata.path("serviceId").asText(signingName);
        Set<String> greedyLabels = new HashSet<>();
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("operations").properties()) {
            JsonNode node = entry.getValue();
            JsonNode http = node.path("http");
            String uri = http.path("requestUri").asText("/");
            collectGreedy(uri, greedyLabels);
            String input = ref(namespace, node.path("input"));
            String output = ref(namespace, node.path("output"));
            String payload = input == null
                    ? null
                    : text(
                            root.path("shapes")
                                    .path(node.path("input").path("shape").asText()),
                            "payload");
            HttpTrait trait = http.isMissingNode()
                    ? null
                    : new HttpTrait(
                            http.path("method").asText("POST"),
                            uri,
                            payload,
                            http.path("responseCode").asInt(200));
            operations.put(entry.getKey(), new Operation(entry.getKey(), input, output, Map.of(), trait, false, false));
        }
        Map<String, Shape> shapes = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("shapes").properties()) {
            String id = namespace + "#" + entry.getKey();
            shapes.put(id, shape(namespace, id, entry.getValue(), greedyLabels, root.path("shapes")));
        }
        return ServiceModel.of(serviceId, signingName, false, shapes, operations);
    }

    private static void collectGreedy(String uri, Set<String> out) {
        int at = uri.indexOf("+}");
        while (at > 0) {
            int open = uri.lastIndexOf('{', at);
            if (open >= 0) {
                out.add(uri.substring(open + 1, at));
            }
            at = uri.indexOf("+}", at + 2);
        }
    }

    private static @Nullable String ref(String namespace, JsonNode reference) {
        return reference.isMissingNode()
                ? null
                : namespace + "#" + reference.path("shape").asText();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Shape shape(String namespace, String id, JsonNode node, Set<String> greedyLabels, JsonNode shapes) {
        String type = node.path("type").asText();
        boolean isEnum = type.equals("string") && node.has("enum");
        Set<String> required = new HashSet<>();
        node.path("required").forEach(name -> required.add(name.asText()));
        String payload = text(node, "payload");
        Map<String, Member> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.path("members").properties()) {
            String name = member.getKey();
            members.put(
                    name,
                    member(
                            namespace,
                            name,
                            member.getValue(),
                            required.contains(name),
                            name.equals(payload),
                            greedyLabels,
                            shapes));
        }
        return new Shape(
                id,
                isEnum ? ShapeType.ENUM : ShapeType.of(type),
                Collections.unmodifiableMap(members),
                optional(namespace, "member", node.path("member"), shapes),
                optional(namespace, "key", node.path("key"), shapes),
                optional(namespace, "value", node.path("value"), shapes));
    }

    private static @Nullable Member optional(String namespace, String name, JsonNode node, JsonNode shapes) {
        return node.isMissingNode() ? null : member(namespace, name, node, false, false, Set.of(), shapes);
    }

    private static Member member(
            String namespace,
            String name,
            JsonNode node,
            boolean required,
            boolean payload,
            Set<String> greedy,
            JsonNode shapes) {
        String locationName = text(node, "locationName");
        HttpLocation location =
                switch (node.path("location").asText()) {
                    case "uri" ->
                        locationName != null && greedy.contains(locationName)
                                ? HttpLocation.GREEDY_PATH
                                : HttpLocation.PATH;
                    case "querystring" -> HttpLocation.QUERY;
                    case "header" -> HttpLocation.HEADER;
                    case "headers" -> HttpLocation.PREFIX_HEADERS;
                    case "statusCode" -> HttpLocation.STATUS_CODE;
                    default -> HttpLocation.PAYLOAD;
                };
        return new Member(
                name,
                namespace + "#" + node.path("shape").asText(),
                null,
                node.path("flattened").asBoolean(false),
                required,
                location,
                locationName,
                // botocore puts a timestamp's format on the member or on its target shape.
                timestampFormat(
                        text(node, "timestampFormat") != null
                                ? text(node, "timestampFormat")
                                : text(shapes.path(node.path("shape").asText()), "timestampFormat")),
                payload,
                node.path("streaming").asBoolean(false),
                false);
    }

    private static @Nullable TimestampFormat timestampFormat(@Nullable String format) {
        if (format == null) {
            return null;
        }
        return switch (format) {
            case "iso8601" -> TimestampFormat.DATE_TIME;
            case "rfc822" -> TimestampFormat.HTTP_DATE;
            case "unixTimestamp" -> TimestampFormat.EPOCH_SECONDS;
            default -> null;
        };
    }
}
