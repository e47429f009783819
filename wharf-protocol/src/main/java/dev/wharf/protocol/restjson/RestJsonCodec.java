package dev.wharf.protocol.restjson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsErrorCode;
import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.json.JsonCodec;
import dev.wharf.protocol.json.JsonInputDecoder;
import dev.wharf.protocol.model.HttpTrait;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.protocol.model.TimestampFormat;
import dev.wharf.protocol.rest.HttpBindings;
import dev.wharf.protocol.rest.RestMatch;
import dev.wharf.protocol.rest.ScalarText;
import dev.wharf.protocol.rest.UriTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The REST-JSON protocol (Smithy's {@code restJson1}, botocore's {@code rest-json}), generic and driven by the model's
 * HTTP bindings: an operation is found by its method and URI template; its input is read from the labels, query
 * parameters, headers and a JSON body whose members go by their JSON names; its result is written with the status of
 * its binding, header members as headers and the rest as a JSON body; an error is a JSON body with its {@code message}
 * and the error's own members, its code in {@code x-amzn-ErrorType}.
 *
 * <p>Documents name members as the model does, as the other codecs hand them over: timestamps are epoch seconds and
 * blobs binary. Thread-safe: the routes are compiled on first use.
 */
public final class RestJsonCodec {

    /** The content type of JSON bodies and errors. */
    public static final String CONTENT_TYPE = "application/json";
    /** The header that names an error's code, which the SDKs read first. */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Shape EMPTY = new Shape("smithy.api#Unit", ShapeType.STRUCTURE, Map.of(), null, null, null);

    private final ServiceModel model;
    private final HttpBindings bindings;
    private final JsonInputDecoder decoder;
    private final Function<String, AwsException> malformed;
    private volatile @Nullable List<UriTemplate> routes;

    /**
     * @param invalidValue the service's error for a label, query or header value that is not its member's type
     * @param malformed the service's error for a body that is not JSON, or whose value is not its member's type, with
     *     the JSON codec's description of the fault
     */
    public RestJsonCodec(
            ServiceModel model, ScalarText.Refusal invalidValue, Function<String, AwsException> malformed) {
        this.model = model;
        this.bindings = new HttpBindings(model, invalidValue);
        this.decoder = new JsonInputDecoder(model, true);
        this.malformed = malformed;
    }

    private List<UriTemplate> routes() {
        List<UriTemplate> compiled = routes;
        if (compiled == null) {
            List<UriTemplate> all = new ArrayList<>();
            for (Operation operation : model.operations().values()) {
                HttpTrait http = operation.http();
                if (http != null) {
                    String input = operation.input();
                    all.add(UriTemplate.of(operation, http, input == null ? EMPTY : model.shape(input), "", Set.of()));
                }
            }
            compiled = List.copyOf(all);
            routes = compiled;
        }
        return compiled;
    }

    /**
     * The operation a request calls: the most specific route whose method and URI template it matches.
     *
     * @param rawPath the path as sent, percent-encoded
     * @param rawQuery the query as sent, without its {@code ?}; null or empty for none
     * @param headers the request's headers by lower-case name
     */
    public @Nullable RestMatch match(
            String method, String rawPath, @Nullable String rawQuery, Map<String, List<String>> headers) {
        Map<String, List<String>> query = UriTemplate.parseQuery(rawQuery);
        UriTemplate best = null;
        Map<String, String> bestLabels = Map.of();
        for (UriTemplate route : routes()) {
            if (best != null && route.specificity() <= best.specificity()) {
                continue;
            }
            Map<String, String> labels = route.match(method, rawPath, query, headers);
            if (labels != null) {
                best = route;
                bestLabels = labels;
            }
        }
        return best == null ? null : new RestMatch(best.operation(), bestLabels);
    }

    /** Whether a request's method and path are one of the model's routes, whatever its query and headers. */
    public boolean routes(String method, String rawPath) {
        return match(method, rawPath, null, Map.of()) != null;
    }

    /**
     * Decodes a matched request into its input document, named as the model names members.
     *
     * @throws AwsException the service's errors for a bound value or a body that is not its type
     */
    public ObjectNode decode(
            RestMatch match, @Nullable String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String inputId = match.operation().input();
        ObjectNode out = NODES.objectNode();
        if (inputId == null) {
            return out;
        }
        Shape input = model.shape(inputId);
        boolean bodyMembers = bindings.read(input, match, UriTemplate.parseQuery(rawQuery), headers, out);
        if (!bodyMembers || body.length == 0) {
            return out;
        }
        HttpTrait http = match.operation().http();
        String payloadName = http == null ? null : http.payloadMember();
        try {
            ObjectNode parsed = JsonCodec.parse(body);
            if (payloadName != null) {
                Member payload = HttpBindings.required(input.members().get(payloadName), input);
                out.set(payload.name(), decoder.structure(parsed, model.shape(payload.target())));
            } else {
                decoder.structure(parsed, input).properties().forEach(f -> out.set(f.getKey(), f.getValue()));
            }
        } catch (AwsException e) {
            if (e.code() == CommonError.SERIALIZATION) {
                throw malformed.apply(e.getMessage() == null ? "" : e.getMessage());
            }
            throw e;
        }
        return out;
    }

    /**
     * Encodes a result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}: with the binding's status
     * (or a status-code member's), header members as headers, and the body members as JSON under their JSON names;
     * an output without body members is {@code {}}, as AWS answers it, and a 204 has no body.
     */
    public WireResponse encode(Operation operation, JsonNode result) {
        HttpTrait http = operation.http();
        int status = http == null ? 200 : http.responseCode();
        Map<String, String> headers = new LinkedHashMap<>();
        String outputId = operation.output();
        if (outputId == null) {
            return new WireResponse(status, CONTENT_TYPE, headers, new byte[0]);
        }
        Shape output = model.shape(outputId);
        ObjectNode body = NODES.objectNode();
        for (Member member : output.members().values()) {
            JsonNode value = result.get(member.name());
            boolean present = value != null && !value.isNull();
            switch (member.location()) {
                case HEADER -> {
                    if (present && member.locationName() != null) {
                        headers.put(member.locationName(), bindings.headerText(value, member));
                    }
                }
                case PREFIX_HEADERS -> {
                    if (present && member.locationName() != null) {
                        value.properties()
                                .forEach(e -> headers.put(
                                        member.locationName() + e.getKey(),
                                        e.getValue().asText()));
                    }
                }
                case STATUS_CODE -> status = present && value.canConvertToInt() ? value.intValue() : status;
                case PAYLOAD -> {
                    if (present) {
                        body.set(JsonInputDecoder.jsonName(member), wire(value, member));
                    }
                }
                case PATH, GREEDY_PATH, QUERY -> {}
            }
        }
        if (status == 204) {
            return new WireResponse(status, CONTENT_TYPE, headers, new byte[0]);
        }
        return new WireResponse(status, CONTENT_TYPE, headers, write(body));
    }

    /** A value as the wire carries it: members under their JSON names, timestamps in their member's format. */
    private JsonNode wire(JsonNode value, Member member) {
        Shape shape = model.shape(member.target());
        return switch (shape.type()) {
            case STRUCTURE -> {
                ObjectNode out = NODES.objectNode();
                for (Member field : shape.members().values()) {
                    JsonNode fieldValue = value.get(field.name());
                    if (fieldValue != null && !fieldValue.isNull()) {
                        out.set(JsonInputDecoder.jsonName(field), wire(fieldValue, field));
                    }
                }
                yield out;
            }
            case LIST -> {
                Member item = HttpBindings.required(shape.member(), shape);
                ArrayNode out = NODES.arrayNode(value.size());
                value.forEach(element -> out.add(wire(element, item)));
                yield out;
            }
            case MAP -> {
                Member entry = HttpBindings.required(shape.value(), shape);
                ObjectNode out = NODES.objectNode();
                value.properties().forEach(e -> out.set(e.getKey(), wire(e.getValue(), entry)));
                yield out;
            }
            case TIMESTAMP -> {
                TimestampFormat format = member.timestampFormat();
                yield format == null || format == TimestampFormat.EPOCH_SECONDS
                        ? value
                        : NODES.textNode(ScalarText.format(value, ShapeType.TIMESTAMP, format));
            }
            default -> value;
        };
    }

    /**
     * Encodes an error: its status, its code in {@code x-amzn-ErrorType}, and a body of its {@code message} followed
     * by {@code members}, the error shape's own members under their JSON names (such as Amazon MQ's {@code
     * errorAttribute}).
     */
    public static WireResponse encodeError(AwsErrorCode code, String message, @Nullable ObjectNode members) {
        ObjectNode body = NODES.objectNode();
        if (members != null) {
            body.setAll(members);
        }
        body.put("message", message);
        Map<String, String> headers = Map.of(ERROR_TYPE_HEADER, code.shapeName());
        return new WireResponse(code.httpStatus(), CONTENT_TYPE, headers, write(body));
    }

    private static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
