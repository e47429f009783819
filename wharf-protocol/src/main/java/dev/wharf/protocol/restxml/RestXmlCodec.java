package dev.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.wharf.common.AwsException;
import dev.wharf.common.LogText;
import dev.wharf.protocol.StreamingBlob;
import dev.wharf.protocol.StreamingBody;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.model.HttpLocation;
import dev.wharf.protocol.model.HttpTrait;
import dev.wharf.protocol.model.Member;
import dev.wharf.protocol.model.Operation;
import dev.wharf.protocol.model.ServiceModel;
import dev.wharf.protocol.model.Shape;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.protocol.rest.HttpBindings;
import dev.wharf.protocol.rest.RestMatch;
import dev.wharf.protocol.rest.UriTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Matches REST-XML requests to their operations, decodes them into model-shaped documents and encodes results and
 * errors as REST-XML responses, all by the model's HTTP bindings ({@link HttpTrait}, {@link HttpLocation}), so that no
 * operation is routed or serialized by hand.
 *
 * <p>A document names members as the model does. A streaming blob member (S3's object bodies) holds a {@link
 * StreamingBlob} as a POJO node, in a request as in a result; a timestamp is epoch seconds, as the other codecs hand it
 * over. Thread-safe: the routes are compiled on first use, from a model that may be read lazily.
 */
public final class RestXmlCodec {

    /**
     * A result member that sets the response's status, for operations whose model binds none (S3's 204 for
     * DeleteObject, 206 for a ranged GetObject). It is no member of the model, so a binding sets it after shaping the
     * result with {@link dev.wharf.protocol.model.ModelDocuments}, which would drop it.
     */
    public static final String STATUS_MEMBER = "__status";
    /** The content type of XML bodies, of errors, and of bodies-less responses. */
    public static final String XML_CONTENT_TYPE = "application/xml";

    private static final String STREAM_CONTENT_TYPE = "application/octet-stream";
    private static final String TEXT_CONTENT_TYPE = "text/plain";
    /** The chunk that a streaming body is copied in: large enough for few writes, small enough to bound the heap. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // The JDK's own StAX, never one that a jar on the class path registers (Hadoop's client registers Woodstox).
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();
    /** The input of an operation that takes none: it binds nothing. */
    private static final Shape EMPTY = new Shape("smithy.api#Unit", ShapeType.STRUCTURE, Map.of(), null, null, null);

    private final ServiceModel model;
    private final RestXmlConfig config;
    private final XmlBodyReader reader;
    private final XmlBodyWriter writer;
    private final HttpBindings bindings;
    /** The routes of every operation with an HTTP trait, compiled on first use; published once. */
    private volatile @Nullable List<UriTemplate> routes;

    public RestXmlCodec(ServiceModel model, RestXmlConfig config) {
        this.model = model;
        this.config = config;
        this.reader = new XmlBodyReader(model, config.maxXmlBytes());
        this.writer = new XmlBodyWriter(model);
        this.bindings = new HttpBindings(model, RestXmlCodec::invalidArgument);
    }

    /** A codec with no selecting headers, the default root elements and the default bound on XML bodies. */
    public RestXmlCodec(ServiceModel model, String xmlNamespace, String uriPrefix) {
        this(model, new RestXmlConfig(xmlNamespace, uriPrefix));
    }

    private List<UriTemplate> routes() {
        List<UriTemplate> compiled = routes;
        if (compiled == null) {
            List<UriTemplate> all = new ArrayList<>();
            for (Operation operation : model.operations().values()) {
                HttpTrait http = operation.http();
                String input = operation.input();
                if (http != null) {
                    Shape shape = input == null ? EMPTY : model.shape(input);
                    all.add(UriTemplate.of(operation, http, shape, config.uriPrefix(), config.selectingHeaders()));
                }
            }
            compiled = List.copyOf(all);
            routes = compiled;
        }
        return compiled;
    }

    /**
     * Finds the operation that a request calls: the most specific of those whose method, path template, literal query
     * keys, required query parameters and selecting headers it matches.
     *
     * @param rawPath the path as sent, percent-encoded
     * @param rawQuery the query string as sent, percent-encoded, without its {@code ?}; null or empty for none
     * @param headers the request's headers by lower-case name
     * @return the match, or null when no operation matches
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

    /**
     * Decodes a matched request into its input document: labels, headers, prefix headers, query parameters and the
     * body. A streaming payload becomes a {@link StreamingBlob} of {@code body}, which the caller then owns; any other
     * body is read here, and {@code body} is left open.
     *
     * @param contentLength the body's length, or -1 when it is not known
     * @throws AwsException {@code InvalidArgument} for a header or query value that is not its member's type, {@code
     *     MalformedXML} or {@code MaxMessageLengthExceeded} for a body that cannot be read
     */
    public ObjectNode decode(
            RestMatch match,
            @Nullable String rawQuery,
            Map<String, List<String>> headers,
            InputStream body,
            long contentLength) {
        String inputId = match.operation().input();
        ObjectNode out = NODES.objectNode();
        if (inputId == null) {
            return out;
        }
        Shape input = model.shape(inputId);
        Map<String, List<String>> query = UriTemplate.parseQuery(rawQuery);
        Member payload = null;
        boolean bodyMembers = false;
        for (Member member : input.members().values()) {
            JsonNode value = bindings.value(member, match, query, headers);
            if (value != null) {
                out.set(member.name(), value);
            } else if (member.location() == HttpLocation.PAYLOAD) {
                payload = member.payload() ? member : payload;
                bodyMembers |= !member.payload();
            }
        }
        if (payload != null) {
            JsonNode value = payloadValue(payload, body, contentLength);
            if (value != null) {
                out.set(payload.name(), value);
            }
        } else if (bodyMembers) {
            JsonNode document = reader.read(body, contentLength, input);
            if (document != null) {
                document.properties().forEach(field -> out.set(field.getKey(), field.getValue()));
            }
        }
        return out;
    }

    private @Nullable JsonNode payloadValue(Member payload, InputStream body, long contentLength) {
        if (payload.streaming()) {
            return NODES.pojoNode(new StreamingBlob(body, contentLength));
        }
        Shape shape = model.shape(payload.target());
        if (shape.type() == ShapeType.BLOB || shape.type() == ShapeType.STRING) {
            // Smithy's REST protocols carry a blob or string payload as the raw body, not as XML.
            byte[] bytes = XmlBodyReader.readBounded(body, contentLength, config.maxXmlBytes());
            if (bytes.length == 0) {
                return null;
            }
            return shape.type() == ShapeType.BLOB
                    ? NODES.binaryNode(bytes)
                    : NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
        }
        return reader.read(body, contentLength, shape);
    }

    /** S3's words for a value that is not its type, such as {@code Provided max-keys not an integer or ...}. */
    private static AwsException invalidArgument(String name, String text, String expected) {
        return new AwsException(
                RestXmlError.INVALID_ARGUMENT,
                "Provided " + name + " not " + expected,
                new RestXmlError.Argument(name, LogText.bounded(text, 256)));
    }

    /**
     * Encodes an operation's result, already shaped by {@link dev.wharf.protocol.model.ModelDocuments}: header and
     * prefix-header members as headers, a status member (or {@link #STATUS_MEMBER}) as the status, a streaming payload
     * as a streamed body with its {@code Content-Length}, and a structure payload or the body members as XML.
     */
    public WireResponse encode(Operation operation, JsonNode result) {
        int status =
                result.path(STATUS_MEMBER).isInt() ? result.get(STATUS_MEMBER).intValue() : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        String output = operation.output();
        if (output == null) {
            return new WireResponse(status, XML_CONTENT_TYPE, headers, new byte[0]);
        }
        Shape shape = model.shape(output);
        String contentType = null;
        Member payload = null;
        boolean bodyMembers = false;
        for (Member member : shape.members().values()) {
            JsonNode value = result.get(member.name());
            boolean present = value != null && !value.isNull();
            switch (member.location()) {
                case HEADER -> {
                    String name = member.locationName();
                    if (present && name != null) {
                        String text = bindings.headerText(value, member);
                        if (name.equalsIgnoreCase("Content-Type")) {
                            contentType = text;
                        } else {
                            headers.put(name, text);
                        }
                    }
                }
                case PREFIX_HEADERS -> {
                    if (present && member.locationName() != null) {
                        String prefix = member.locationName();
                        value.properties()
                                .forEach(e -> headers.put(
                                        prefix + e.getKey(), e.getValue().asText()));
                    }
                }
                case STATUS_CODE -> status = present && value.canConvertToInt() ? value.intValue() : status;
                case PAYLOAD -> {
                    payload = member.payload() ? member : payload;
                    bodyMembers |= !member.payload();
                }
                case PATH, GREEDY_PATH, QUERY -> {}
            }
        }
        if (payload != null) {
            return encodePayload(operation, status, contentType, headers, payload, result.get(payload.name()));
        }
        if (!bodyMembers) {
            return new WireResponse(status, contentType == null ? XML_CONTENT_TYPE : contentType, headers, new byte[0]);
        }
        String root = config.rootElements().getOrDefault(operation.name(), operation.name() + "Result");
        byte[] xml = writer.write(root, result, shape, config.xmlNamespace());
        return new WireResponse(status, XML_CONTENT_TYPE, headers, xml);
    }

    private WireResponse encodePayload(
            Operation operation,
            int status,
            @Nullable String contentType,
            Map<String, String> headers,
            Member payload,
            @Nullable JsonNode value) {
        if (payload.streaming()) {
            if (value instanceof POJONode pojo && pojo.getPojo() instanceof StreamingBlob blob) {
                if (blob.length() >= 0 && headers.keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
                    headers.put("Content-Length", Long.toString(blob.length()));
                }
                String type = contentType == null ? STREAM_CONTENT_TYPE : contentType;
                return WireResponse.streaming(status, type, headers, copying(blob));
            }
            return new WireResponse(
                    status, contentType == null ? STREAM_CONTENT_TYPE : contentType, headers, new byte[0]);
        }
        if (value == null || value.isNull()) {
            return new WireResponse(status, contentType == null ? XML_CONTENT_TYPE : contentType, headers, new byte[0]);
        }
        Shape shape = model.shape(payload.target());
        String root = config.rootElements().get(operation.name());
        boolean raw = shape.type() == ShapeType.BLOB || shape.type() == ShapeType.STRING;
        if (raw && root == null) {
            // Smithy's REST protocols send a blob or string payload as the body itself (S3's GetBucketPolicy).
            String type = contentType != null
                    ? contentType
                    : shape.type() == ShapeType.BLOB ? STREAM_CONTENT_TYPE : TEXT_CONTENT_TYPE;
            return new WireResponse(status, type, headers, binary(value));
        }
        // A scalar payload with a configured root element is that element's text (S3's GetBucketLocation).
        byte[] xml = writer.write(root == null ? payload.queryName() : root, value, shape, config.xmlNamespace());
        return new WireResponse(status, XML_CONTENT_TYPE, headers, xml);
    }

    private static byte[] binary(JsonNode value) {
        try {
            return value.isBinary() ? value.binaryValue() : value.asText().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A body that copies a blob's stream in chunks and closes it; it fails, so that the transport cuts the response,
     * when the stream ends before the length that the headers promised.
     */
    private static StreamingBody copying(StreamingBlob blob) {
        return sink -> {
            long written = 0;
            try (InputStream in = blob.stream()) {
                byte[] buffer = new byte[CHUNK_BYTES];
                while (true) {
                    int n = in.readNBytes(buffer, 0, buffer.length);
                    if (n <= 0) {
                        break;
                    }
                    written += n;
                    if (!sink.write(Arrays.copyOf(buffer, n))) {
                        return;
                    }
                }
            }
            if (blob.length() >= 0 && written != blob.length()) {
                throw new IOException("the body ended after " + written + " of " + blob.length() + " bytes");
            }
        };
    }

    /** Encodes an AWS error of the codec or of a service as S3 does: see {@link #encodeError(String, int, String, String, String, Map, boolean)}. */
    public static WireResponse encodeError(AwsException error, String requestId, String hostId, boolean head) {
        Map<String, String> extra = error.detail() instanceof RestXmlError.Argument argument
                ? Map.of("ArgumentName", argument.name(), "ArgumentValue", argument.value())
                : Map.of();
        return encodeError(
                error.code().queryCode(),
                error.code().httpStatus(),
                error.getMessage() == null ? "" : error.getMessage(),
                requestId,
                hostId,
                new java.util.TreeMap<>(extra),
                head);
    }

    /**
     * Encodes an error as S3's {@code <Error>} document: its code, message, the extra elements in their order (such as
     * {@code BucketName}, {@code Key} or {@code Resource}), the request id and host id; with the request id and host
     * id also in {@code x-amz-request-id} and {@code x-amz-id-2}. The answer to a HEAD request has no body.
     */
    public static WireResponse encodeError(
            String code,
            int status,
            String message,
            String requestId,
            String hostId,
            Map<String, String> extraElements,
            boolean head) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", hostId);
        if (head) {
            return new WireResponse(status, XML_CONTENT_TYPE, headers, new byte[0]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Error");
            XmlBodyWriter.writeText(xml, "Code", code);
            XmlBodyWriter.writeText(xml, "Message", message);
            for (Map.Entry<String, String> extra : extraElements.entrySet()) {
                XmlBodyWriter.writeText(xml, extra.getKey(), extra.getValue());
            }
            XmlBodyWriter.writeText(xml, "RequestId", requestId);
            XmlBodyWriter.writeText(xml, "HostId", hostId);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return new WireResponse(status, XML_CONTENT_TYPE, headers, bytes.toByteArray());
    }
}
