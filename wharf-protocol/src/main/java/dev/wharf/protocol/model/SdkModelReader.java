package dev.wharf.protocol.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/**
 * Builds a {@link ServiceModel} from an AWS SDK for Java v2 service client's model classes, for the services whose
 * Smithy model is not published as a jar.
 *
 * <p>An operation is a method of the client interface that takes one {@code SdkRequest} and returns an {@code
 * SdkResponse}; its name is the method's name capitalized ({@code assumeRoleWithSAML} is {@code AssumeRoleWithSAML},
 * which the request class {@code AssumeRoleWithSamlRequest} no longer spells). Shapes come from each class's {@link
 * SdkField}s, read through its static {@code builder()}:
 *
 * <ul>
 *   <li>a member's name is the field's member name, as the JSON protocols write it; its location name, when it
 *       differs, is its Query/XML name ({@link Member#xmlName()}), or, for classes generated for a JSON protocol
 *       ({@link Service#withJsonLocationNames()}), its JSON name;
 *   <li>the marshalling type gives the shape type; a structure is named after its model class, a list or map after
 *       the member that holds it ({@code Owner$Member}), a scalar after its Smithy prelude shape;
 *   <li>{@link ListTrait} gives a list's member, its location name and whether it is flattened; {@link MapTrait} a
 *       map's key and value names, its value and whether it is flattened;
 *   <li>{@link RequiredTrait} marks a member required where the SDK records it.
 * </ul>
 *
 * <p>What the classes do not record comes from the caller ({@link Service}): the service shape's id, the signing name
 * and whether JSON errors carry the Query code. The classes record neither enum values, nor constraints, nor errors;
 * and an SDK generated for a JSON protocol keeps no Query names (its location names are the member names).
 *
 * <p>Members bound to HTTP headers, paths or query strings are rejected, unless the service asks for its HTTP bindings
 * ({@link Service#withHttpBindings()}), as a REST protocol needs them. Then each member keeps its {@link
 * HttpLocation}, its location name and its traits ({@code PayloadTrait}, {@code XmlAttributeTrait}, {@code
 * TimestampFormatTrait}); each operation gets its {@link HttpTrait} from the static {@code SDK_OPERATION_BINDING} of
 * its request's marshaller ({@code <service>.transform.<Request>Marshaller}); and the client's methods that take a
 * {@code RequestBody} or a {@code ResponseTransformer} are operations too, whose streaming blob the SDK keeps out of its
 * model classes: it becomes a payload member named {@value #STREAMING_MEMBER}, as Smithy's models name it.
 *
 * <p>Reading runs each model class's static initializer; the result is immutable and thread-safe.
 */
public final class SdkModelReader {

    private static final String PRELUDE = "smithy.api#";
    private static final String LIST_MEMBER = "member";
    private static final String MAP_KEY = "key";
    private static final String MAP_VALUE = "value";
    /** The name of the streaming blob member that the SDK's model classes leave out (S3's object bodies). */
    public static final String STREAMING_MEMBER = "Body";

    /**
     * What a service's SDK classes do not say about it.
     *
     * @param serviceId the service shape's id in AWS's Smithy model, such as {@code
     *     com.amazonaws.sts#AWSSecurityTokenServiceV20110615}; its namespace qualifies the shapes read
     * @param signingName the SigV4 signing name, such as {@code sts}
     * @param queryCompatible whether the service's JSON errors carry the Query code ({@code awsQueryCompatible})
     * @param jsonLocationNames whether the classes were generated for a JSON protocol, whose wire names are the
     *     location names: the SDK renames a member that Java cannot spell as the model does (DynamoDB's {@code
     *     AttributeValue.NULL} is {@code NUL}) and keeps the wire name as its location name
     */
    public record Service(
            String serviceId,
            String signingName,
            boolean queryCompatible,
            Set<String> operationsWithoutOutput,
            List<EventOperation> eventOperations,
            boolean jsonLocationNames,
            boolean httpBindings) {

        public Service {
            if (serviceId.indexOf('#') <= 0) {
                throw new IllegalArgumentException("not an absolute shape id: " + serviceId);
            }
            operationsWithoutOutput = Set.copyOf(operationsWithoutOutput);
            eventOperations = List.copyOf(eventOperations);
        }

        /** A service read without its HTTP bindings, as the RPC protocols need none. */
        public Service(
                String serviceId,
                String signingName,
                boolean queryCompatible,
                Set<String> operationsWithoutOutput,
                List<EventOperation> eventOperations,
                boolean jsonLocationNames) {
            this(
                    serviceId,
                    signingName,
                    queryCompatible,
                    operationsWithoutOutput,
                    eventOperations,
                    jsonLocationNames,
                    false);
        }

        public Service(
                String serviceId, String signingName, boolean queryCompatible, Set<String> operationsWithoutOutput) {
            this(serviceId, signingName, queryCompatible, operationsWithoutOutput, List.of(), false);
        }

        /**
         * The same service with an operation whose output is an event stream, which the SDK's sync client does not
         * declare (its async client takes a response handler instead of returning a response).
         */
        public Service withEventOperation(EventOperation operation) {
            List<EventOperation> more = new java.util.ArrayList<>(eventOperations);
            more.add(operation);
            return new Service(
                    serviceId,
                    signingName,
                    queryCompatible,
                    operationsWithoutOutput,
                    more,
                    jsonLocationNames,
                    httpBindings);
        }

        /**
         * The same service, whose classes were generated for a JSON protocol: each member is named by its location
         * name, which is what the wire carries, and has no Query name.
         */
        public Service withJsonLocationNames() {
            return new Service(
                    serviceId,
                    signingName,
                    queryCompatible,
                    operationsWithoutOutput,
                    eventOperations,
                    true,
                    httpBindings);
        }

        /**
         * The same service, read with its HTTP bindings for a REST protocol: members keep their HTTP locations, and
         * operations their HTTP trait and streaming blobs.
         */
        public Service withHttpBindings() {
            return new Service(
                    serviceId,
                    signingName,
                    queryCompatible,
                    operationsWithoutOutput,
                    eventOperations,
                    jsonLocationNames,
                    true);
        }

        /** A service whose every operation has an output shape. */
        public Service(String serviceId, String signingName, boolean queryCompatible) {
            this(serviceId, signingName, queryCompatible, Set.of());
        }

        /**
         * The same service, where the named operations have no output: the SDK generates an empty response class for
         * them as for an output without members, but the Query protocol answers the one without a result element and
         * the other with an empty one, which clients such as boto3 look for.
         */
        public Service withoutOutput(Set<String> operations) {
            return new Service(
                    serviceId,
                    signingName,
                    queryCompatible,
                    operations,
                    eventOperations,
                    jsonLocationNames,
                    httpBindings);
        }

        String namespace() {
            return serviceId.substring(0, serviceId.indexOf('#'));
        }
    }

    /**
     * An operation that answers an event stream, as the SDK's model classes give it.
     *
     * @param name the operation's name, such as {@code SubscribeToShard}
     * @param request the request class, such as {@code SubscribeToShardRequest}
     * @param response the response class, the shape of the {@code initial-response} event
     * @param events the class of each event type by the type's name, such as {@code SubscribeToShardEvent}
     */
    public record EventOperation(String name, Class<?> request, Class<?> response, Map<String, Class<?>> events) {
        public EventOperation {
            events = Map.copyOf(events);
        }
    }

    private final Service service;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Set<String> reading = new HashSet<>();

    private SdkModelReader(Service service) {
        this.service = service;
    }

    /** One operation method of a client: its request and response classes, and which of them streams a blob. */
    private record Signature(Class<?> request, Class<?> response, boolean streamingInput, boolean streamingOutput) {}

    /**
     * Reads every operation that the client interface declares, such as {@code StsClient.class}.
     *
     * @throws IllegalArgumentException when a model class cannot be read or binds a member outside the payload
     */
    public static ServiceModel read(Service service, Class<?> client) {
        return new SdkModelReader(service).readOperations(operationMethods(client, service.httpBindings()));
    }

    /**
     * A model of every operation of the client interface, read on its first use (see {@link ServiceModel#lazy}):
     * reading loads the SDK's model classes, which costs hundreds of milliseconds and a few megabytes.
     */
    public static ServiceModel lazy(Service service, Class<?> client) {
        return ServiceModel.lazy(
                service.serviceId(), service.signingName(), service.queryCompatible(), () -> read(service, client));
    }

    /**
     * Reads the named operations of the client interface only, such as {@code GetCallerIdentity}.
     *
     * @throws IllegalArgumentException when the client has no such operation, or as {@link #read(Service, Class)}
     */
    public static ServiceModel read(Service service, Class<?> client, Collection<String> operations) {
        Map<String, Signature> all = operationMethods(client, service.httpBindings());
        Map<String, Signature> named = new TreeMap<>();
        for (String name : operations) {
            Signature method = all.get(name);
            if (method == null) {
                throw new IllegalArgumentException(client.getName() + " has no operation " + name);
            }
            named.put(name, method);
        }
        return new SdkModelReader(service).readOperations(named);
    }

    /**
     * The client's operation methods by operation name, in name order; with {@code streaming}, also those that take a
     * {@code RequestBody} or a {@code ResponseTransformer} beside their request.
     */
    private static Map<String, Signature> operationMethods(Class<?> client, boolean streaming) {
        Map<String, Signature> methods = new TreeMap<>();
        Method[] candidates = client.getMethods();
        Arrays.sort(candidates, Comparator.comparing(Method::getName));
        for (Method method : candidates) {
            Signature signature = signature(method, streaming);
            if (signature == null) {
                continue;
            }
            String name = method.getName().substring(0, 1).toUpperCase(Locale.ROOT)
                    + method.getName().substring(1);
            Signature previous = methods.get(name);
            if (previous != null && !previous.request().equals(signature.request())) {
                throw new IllegalArgumentException(client.getName() + " declares operation " + name + " twice");
            }
            if (previous == null || signature.streamingInput() || signature.streamingOutput()) {
                methods.put(name, signature);
            }
        }
        return methods;
    }

    private static @Nullable Signature signature(Method method, boolean streaming) {
        Class<?>[] parameters = method.getParameterTypes();
        if (Modifier.isStatic(method.getModifiers())
                || parameters.length == 0
                || !SdkRequest.class.isAssignableFrom(parameters[0])) {
            return null;
        }
        if (parameters.length == 1 && SdkResponse.class.isAssignableFrom(method.getReturnType())) {
            return new Signature(parameters[0], method.getReturnType(), false, false);
        }
        if (!streaming || parameters.length != 2) {
            return null;
        }
        if (parameters[1].equals(RequestBody.class) && SdkResponse.class.isAssignableFrom(method.getReturnType())) {
            return new Signature(parameters[0], method.getReturnType(), true, false);
        }
        if (parameters[1].equals(ResponseTransformer.class)
                && method.getGenericParameterTypes()[1] instanceof ParameterizedType transformer
                && transformer.getActualTypeArguments()[0] instanceof Class<?> response) {
            return new Signature(parameters[0], response, false, true);
        }
        return null;
    }

    private ServiceModel readOperations(Map<String, Signature> methods) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (Map.Entry<String, Signature> entry : methods.entrySet()) {
            Signature method = entry.getValue();
            String input = structure(method.request().getSimpleName(), builderOf(method.request()));
            String output = service.operationsWithoutOutput().contains(entry.getKey())
                    ? null
                    : structure(method.response().getSimpleName(), builderOf(method.response()));
            if (!service.httpBindings()) {
                operations.put(entry.getKey(), new Operation(entry.getKey(), input, output));
                continue;
            }
            if (method.streamingInput()) {
                addStreamingMember(input);
            }
            if (method.streamingOutput() && output != null) {
                addStreamingMember(output);
            }
            HttpTrait http = httpTrait(method.request(), payloadMember(input));
            operations.put(
                    entry.getKey(),
                    new Operation(
                            entry.getKey(),
                            input,
                            output,
                            Map.of(),
                            http,
                            method.streamingInput(),
                            method.streamingOutput()));
        }
        for (EventOperation streaming : service.eventOperations()) {
            Map<String, String> events = new LinkedHashMap<>();
            streaming
                    .events()
                    .forEach((type, event) -> events.put(type, structure(event.getSimpleName(), builderOf(event))));
            operations.put(
                    streaming.name(),
                    new Operation(
                            streaming.name(),
                            structure(streaming.request().getSimpleName(), builderOf(streaming.request())),
                            structure(streaming.response().getSimpleName(), builderOf(streaming.response())),
                            events));
        }
        return ServiceModel.of(
                service.serviceId(), service.signingName(), service.queryCompatible(), shapes, operations);
    }

    /** Adds the streaming blob that the SDK keeps out of a structure's class as that structure's payload member. */
    private void addStreamingMember(String structureId) {
        Shape shape = Objects.requireNonNull(shapes.get(structureId), structureId);
        if (shape.members().containsKey(STREAMING_MEMBER)) {
            return;
        }
        Map<String, Member> members = new LinkedHashMap<>(shape.members());
        members.put(
                STREAMING_MEMBER,
                new Member(
                        STREAMING_MEMBER,
                        scalar("Blob", ShapeType.BLOB),
                        null,
                        false,
                        false,
                        HttpLocation.PAYLOAD,
                        null,
                        null,
                        true,
                        true,
                        false));
        shapes.put(
                structureId,
                new Shape(structureId, ShapeType.STRUCTURE, Collections.unmodifiableMap(members), null, null, null));
    }

    private @Nullable String payloadMember(String structureId) {
        for (Member member : Objects.requireNonNull(shapes.get(structureId), structureId)
                .members()
                .values()) {
            if (member.payload()) {
                return member.name();
            }
        }
        return null;
    }

    /**
     * The HTTP trait that the request's marshaller keeps in its static {@code SDK_OPERATION_BINDING}, read by
     * reflection: the SDK publishes it nowhere else, and its {@code OperationInfo} type is not this module's dependency.
     */
    private static HttpTrait httpTrait(Class<?> request, @Nullable String payloadMember) {
        String packageName = request.getPackageName();
        String marshaller = packageName.substring(0, packageName.lastIndexOf('.') + 1) + "transform."
                + request.getSimpleName() + "Marshaller";
        try {
            Class<?> type = Class.forName(marshaller, true, request.getClassLoader());
            java.lang.reflect.Field field = type.getDeclaredField("SDK_OPERATION_BINDING");
            field.setAccessible(true);
            Object info = Objects.requireNonNull(field.get(null), marshaller);
            String method =
                    String.valueOf(info.getClass().getMethod("httpMethod").invoke(info));
            Object uri = info.getClass().getMethod("requestUri").invoke(info);
            return new HttpTrait(method, uri == null ? "" : uri.toString(), payloadMember);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the HTTP binding of " + request.getName(), e);
        }
    }

    /** The builder that a model class's static {@code builder()} returns; it lists the same fields as the class. */
    private static SdkPojo builderOf(Class<?> modelClass) {
        try {
            Object builder = modelClass.getMethod("builder").invoke(null);
            if (builder instanceof SdkPojo pojo) {
                return pojo;
            }
            throw new IllegalArgumentException(modelClass.getName() + ".builder() is not an SdkPojo");
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read the SDK model class " + modelClass.getName(), e);
        }
    }

    /** Adds the structure of a model class, once, and returns its id. */
    private String structure(String name, SdkPojo pojo) {
        String id = service.namespace() + "#" + name;
        if (shapes.containsKey(id) || !reading.add(id)) {
            return id; // read already, or being read further up a recursive structure
        }
        Map<String, Member> members = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            Member member = member(id, field);
            members.put(member.name(), member);
        }
        shapes.put(id, new Shape(id, ShapeType.STRUCTURE, Collections.unmodifiableMap(members), null, null, null));
        reading.remove(id);
        return id;
    }

    private Member member(String ownerId, SdkField<?> field) {
        if (field.location() != MarshallLocation.PAYLOAD && !service.httpBindings()) {
            throw new IllegalArgumentException(ownerId + "." + field.memberName() + " is bound to the HTTP "
                    + field.location() + "; the model has no HTTP bindings yet");
        }
        String location = field.locationName();
        boolean jsonName = service.jsonLocationNames() && location != null;
        String name = jsonName ? location : field.memberName();
        ListTrait list = field.getTrait(ListTrait.class);
        MapTrait map = field.getTrait(MapTrait.class);
        boolean flattened = (list != null && list.isFlattened()) || (map != null && map.isFlattened());
        HttpLocation where = httpLocation(field);
        boolean inBody = where == HttpLocation.PAYLOAD;
        return new Member(
                name,
                target(ownerId + "$" + name, field),
                jsonName || !inBody ? null : renamed(location, name),
                flattened,
                field.containsTrait(RequiredTrait.class),
                where,
                inBody ? null : location,
                timestampFormat(field.getTrait(TimestampFormatTrait.class)),
                field.containsTrait(PayloadTrait.class),
                false,
                field.containsTrait(XmlAttributeTrait.class));
    }

    /** A header bound map is the headers under its prefix, as S3's {@code x-amz-meta-} Metadata. */
    private static HttpLocation httpLocation(SdkField<?> field) {
        return switch (field.location()) {
            case PAYLOAD -> HttpLocation.PAYLOAD;
            case HEADER ->
                field.marshallingType().getKnownType() == MarshallingKnownType.MAP
                        ? HttpLocation.PREFIX_HEADERS
                        : HttpLocation.HEADER;
            case PATH -> HttpLocation.PATH;
            case GREEDY_PATH -> HttpLocation.GREEDY_PATH;
            case QUERY_PARAM -> HttpLocation.QUERY;
            case STATUS_CODE -> HttpLocation.STATUS_CODE;
        };
    }

    private static @Nullable TimestampFormat timestampFormat(@Nullable TimestampFormatTrait trait) {
        if (trait == null) {
            return null;
        }
        return switch (trait.format()) {
            case ISO_8601 -> TimestampFormat.DATE_TIME;
            case RFC_822 -> TimestampFormat.HTTP_DATE;
            case UNIX_TIMESTAMP, UNIX_TIMESTAMP_MILLIS -> TimestampFormat.EPOCH_SECONDS;
        };
    }

    /** The location name when it differs from the default name, else null: the Query codec then uses the default. */
    private static @Nullable String renamed(@Nullable String locationName, String defaultName) {
        return locationName == null || locationName.equals(defaultName) ? null : locationName;
    }

    /** The id of the shape a field holds; {@code scope} names a list or map shape after the member holding it. */
    private String target(String scope, SdkField<?> field) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> scalar("String", ShapeType.STRING);
            case INTEGER -> scalar("Integer", ShapeType.INTEGER);
            case SHORT -> scalar("Short", ShapeType.INTEGER);
            case BYTE -> scalar("Byte", ShapeType.INTEGER);
            case LONG -> scalar("Long", ShapeType.LONG);
            case FLOAT -> scalar("Float", ShapeType.DOUBLE);
            case DOUBLE -> scalar("Double", ShapeType.DOUBLE);
            case BIG_DECIMAL -> scalar("BigDecimal", ShapeType.DOUBLE);
            case BOOLEAN -> scalar("Boolean", ShapeType.BOOLEAN);
            case INSTANT -> scalar("Timestamp", ShapeType.TIMESTAMP);
            case SDK_BYTES -> scalar("Blob", ShapeType.BLOB);
            case DOCUMENT -> scalar("Document", ShapeType.OTHER);
            case NULL -> scalar("Unit", ShapeType.OTHER);
            case SDK_POJO -> pojoStructure(field);
            case LIST -> list(scope, required(field.getTrait(ListTrait.class), scope));
            case MAP -> map(scope, required(field.getTrait(MapTrait.class), scope));
        };
    }

    private String pojoStructure(SdkField<?> field) {
        SdkPojo builder = field.constructor().get();
        Class<?> modelClass = builder.getClass().getDeclaringClass();
        String name = modelClass != null
                ? modelClass.getSimpleName()
                : builder.getClass().getSimpleName();
        return structure(name, builder);
    }

    private String scalar(String name, ShapeType type) {
        String id = PRELUDE + name;
        shapes.computeIfAbsent(id, key -> new Shape(key, type, Map.of(), null, null, null));
        return id;
    }

    private String list(String id, ListTrait trait) {
        SdkField<?> item = trait.memberFieldInfo();
        String itemName = trait.memberLocationName() != null ? trait.memberLocationName() : item.locationName();
        Member member = new Member(
                LIST_MEMBER, target(id + "$" + LIST_MEMBER, item), renamed(itemName, LIST_MEMBER), false, false);
        shapes.put(id, new Shape(id, ShapeType.LIST, Map.of(), member, null, null));
        return id;
    }

    private String map(String id, MapTrait trait) {
        Member key = new Member(
                MAP_KEY, scalar("String", ShapeType.STRING), renamed(trait.keyLocationName(), MAP_KEY), false, false);
        Member value = new Member(
                MAP_VALUE,
                target(id + "$" + MAP_VALUE, trait.valueFieldInfo()),
                renamed(trait.valueLocationName(), MAP_VALUE),
                false,
                false);
        shapes.put(id, new Shape(id, ShapeType.MAP, Map.of(), null, key, value));
        return id;
    }

    private static <T> T required(@Nullable T trait, String scope) {
        return Objects.requireNonNull(trait, () -> scope + " has no collection trait in its SDK metadata");
    }
}
