package dev.wharf.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A service's official model, read from its Smithy JSON AST: the shapes, names and traits that drive the codecs.
 *
 * <p>Immutable and thread-safe once loaded. Only the traits that a codec needs are kept.
 */
public final class ServiceModel {

    private static final String PRELUDE = "smithy.api#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serviceId;
    private final String namespace;
    private final String signingName;
    private final boolean queryCompatible;
    private final Map<String, Shape> shapes;
    private final Map<String, Operation> operations;

    private ServiceModel(
            String serviceId,
            String signingName,
            boolean queryCompatible,
            Map<String, Shape> shapes,
            Map<String, Operation> operations) {
        this.serviceId = serviceId;
        this.namespace = serviceId.substring(0, serviceId.indexOf('#'));
        this.signingName = signingName;
        this.queryCompatible = queryCompatible;
        this.shapes = Collections.unmodifiableMap(shapes);
        this.operations = Collections.unmodifiableMap(operations);
    }

    /**
     * Loads a model from a class-path resource, such as {@code META-INF/smithy/2012-11-05/sqs-2012-11-05.json}.
     *
     * @throws IllegalStateException when the resource is missing or holds no service
     */
    public static ServiceModel load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("service model not on the class path: " + resource);
            }
            return parse(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    static ServiceModel parse(JsonNode root) {
        JsonNode shapeNodes = root.path("shapes");
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Operation> operations = new LinkedHashMap<>();
        String serviceId = null;
        String signingName = "";
        boolean queryCompatible = false;
        for (Map.Entry<String, JsonNode> entry : shapeNodes.properties()) {
            String id = entry.getKey();
            JsonNode node = entry.getValue();
            String type = node.path("type").asText();
            switch (type) {
                case "service" -> {
                    serviceId = id;
                    signingName = node.path("traits")
                            .path("aws.auth#sigv4")
                            .path("name")
                            .asText();
                    queryCompatible = node.path("traits").has("aws.protocols#awsQueryCompatible");
                }
                case "operation" -> {
                    String name = id.substring(id.indexOf('#') + 1);
                    operations.put(name, new Operation(name, target(node.path("input")), target(node.path("output"))));
                }
                default -> shapes.put(id, shape(id, type, node));
            }
        }
        if (serviceId == null) {
            throw new IllegalStateException("the model holds no service shape");
        }
        return new ServiceModel(serviceId, signingName, queryCompatible, shapes, operations);
    }

    private static @Nullable String target(JsonNode reference) {
        return reference.isMissingNode() ? null : reference.path("target").asText();
    }

    private static Shape shape(String id, String type, JsonNode node) {
        Map<String, Member> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.path("members").properties()) {
            members.put(member.getKey(), member(member.getKey(), member.getValue()));
        }
        return new Shape(
                id,
                ShapeType.of(type),
                Collections.unmodifiableMap(members),
                optionalMember("member", node.path("member")),
                optionalMember("key", node.path("key")),
                optionalMember("value", node.path("value")));
    }

    private static @Nullable Member optionalMember(String name, JsonNode node) {
        return node.isMissingNode() ? null : member(name, node);
    }

    private static Member member(String name, JsonNode node) {
        JsonNode traits = node.path("traits");
        JsonNode xmlName = traits.path(PRELUDE + "xmlName");
        return new Member(
                name,
                node.path("target").asText(),
                xmlName.isTextual() ? xmlName.asText() : null,
                traits.has(PRELUDE + "xmlFlattened"),
                traits.has(PRELUDE + "required"));
    }

    /** The service shape's id, such as {@code com.amazonaws.sqs#AmazonSQS}. */
    public String serviceId() {
        return serviceId;
    }

    /** The namespace that qualifies error types, such as {@code com.amazonaws.sqs}. */
    public String namespace() {
        return namespace;
    }

    /** The SigV4 signing name, such as {@code sqs}. */
    public String signingName() {
        return signingName;
    }

    /** Whether JSON errors carry the Query protocol's code in {@code x-amzn-query-error}. */
    public boolean queryCompatible() {
        return queryCompatible;
    }

    public @Nullable Operation operation(String name) {
        return operations.get(name);
    }

    public Map<String, Operation> operations() {
        return operations;
    }

    /**
     * Returns a shape by id; prelude shapes such as {@code smithy.api#String} resolve to their scalar type.
     *
     * @throws IllegalArgumentException when the model has no such shape
     */
    public Shape shape(String id) {
        Shape shape = shapes.get(id);
        if (shape != null) {
            return shape;
        }
        if (id.startsWith(PRELUDE)) {
            String type = id.substring(PRELUDE.length()).toLowerCase(java.util.Locale.ROOT);
            return new Shape(
                    id, ShapeType.of(type.equals("primitiveboolean") ? "boolean" : type), Map.of(), null, null, null);
        }
        throw new IllegalArgumentException("no shape " + id + " in " + serviceId);
    }
}
