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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A service's official model, read from its Smithy JSON AST or its SDK v2 model classes: the shapes, names and traits
 * that drive the codecs.
 *
 * <p>Immutable and thread-safe once loaded. Only the traits that a codec needs are kept. A {@link #lazy} model knows
 * its service at once and reads its shapes and operations on first use.
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
    /** Reads the shapes and operations of a lazy model; null for a model read at once. */
    private final @Nullable Supplier<ServiceModel> loader;
    /** The lazy model's contents once read; guarded by this for writing. */
    private volatile @Nullable ServiceModel loaded;

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
        this.loader = null;
    }

    private ServiceModel(String serviceId, String signingName, boolean queryCompatible, Supplier<ServiceModel> loader) {
        this.serviceId = serviceId;
        this.namespace = serviceId.substring(0, serviceId.indexOf('#'));
        this.signingName = signingName;
        this.queryCompatible = queryCompatible;
        this.shapes = Map.of();
        this.operations = Map.of();
        this.loader = loader;
    }

    /**
     * A model whose service is known now and whose shapes and operations are read on first use, by one thread, for
     * services whose model is costly to read and may never be called (such as one read by {@link SdkModelReader}).
     *
     * <p>A read that fails throws from the call that needed it and is tried again by the next one.
     *
     * @param loader reads the whole model; it must name the same service and signing name
     */
    public static ServiceModel lazy(
            String serviceId, String signingName, boolean queryCompatible, Supplier<ServiceModel> loader) {
        return new ServiceModel(serviceId, signingName, queryCompatible, loader);
    }

    /** This model's contents: itself, or for a lazy model the model its loader reads, once. */
    private ServiceModel contents() {
        Supplier<ServiceModel> read = loader;
        if (read == null) {
            return this;
        }
        ServiceModel model = loaded;
        if (model == null) {
            synchronized (this) {
                model = loaded;
                if (model == null) {
                    model = read.get();
                    if (!model.serviceId.equals(serviceId) || !model.signingName.equals(signingName)) {
                        throw new IllegalStateException("the model read for " + serviceId + " (" + signingName
                                + ") is of " + model.serviceId + " (" + model.signingName + ")");
                    }
                    loaded = model;
                }
            }
        }
        return model;
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

    /** A model that another reader of this package built, such as {@link SdkModelReader}; the maps are kept as given. */
    static ServiceModel of(
            String serviceId,
            String signingName,
            boolean queryCompatible,
            Map<String, Shape> shapes,
            Map<String, Operation> operations) {
        return new ServiceModel(serviceId, signingName, queryCompatible, shapes, operations);
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

    /** The shape an operation's input or output names; Smithy's {@code Unit} means it has none. */
    private static @Nullable String target(JsonNode reference) {
        if (reference.isMissingNode()) {
            return null;
        }
        String target = reference.path("target").asText();
        return target.equals("smithy.api#Unit") ? null : target;
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
        return contents().operations.get(name);
    }

    public Map<String, Operation> operations() {
        return contents().operations;
    }

    /**
     * Returns a shape by id; prelude shapes such as {@code smithy.api#String} resolve to their scalar type.
     *
     * @throws IllegalArgumentException when the model has no such shape
     */
    public Shape shape(String id) {
        Shape shape = contents().shapes.get(id);
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
