package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Judges one answer against the rules every answer keeps: no 5xx but documented 503s, the error shape of the
 * request's protocol (AWS JSON {@code __type} and message; Query {@code ErrorResponse} with Code, Message and
 * RequestId; the transport's short plain text for 413, 414, 431 and the like), a well-formed body on success, an
 * {@code x-amzn-RequestId}, and nothing of the server's insides.
 *
 * <p>Thread-safe.
 */
final class ResponseCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLInputFactory XML = xmlFactory();

    /** Statuses the transport may answer in short plain text, before any protocol is known. */
    private static final Set<Integer> PLAIN_TEXT_STATUSES = Set.of(408, 411, 413, 414, 417, 431, 501, 503, 505);

    private static final int PLAIN_TEXT_MAX = 512;

    /**
     * What of a server's insides must never reach a client: exception names, stack frames, Java packages. Literal
     * needles, not one regular expression, so that a large body costs a few fast scans.
     */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "Caused by:",
            "\tat ",
            "at dev.wharf",
            "dev.wharf.",
            "java.lang.",
            "java.util.",
            "java.io.",
            "java.nio.",
            "java.net.",
            "javax.xml.",
            "com.fasterxml.",
            "io.netty.",
            "jdk.internal.",
            "sun.nio.",
            ".java:",
            "StackOverflowError",
            "OutOfMemoryError");

    /** Bounds the leak scan: a trace sits in an error body, near its start. */
    private static final int LEAK_SCAN_MAX = 256 * 1024;

    private static final Pattern QUERY_ERROR_HEADER = Pattern.compile("[A-Za-z0-9.]+;(Sender|Receiver)");

    private ResponseCheck() {}

    /** Whether a 503 is one of the documented answers: too many connections, or shutting down. */
    static boolean documented503(ResponseReader.RawResponse response) {
        String body = new String(response.body(), ISO_8859_1);
        return response.status() == 503
                && (body.contains("Too many open connections") || body.contains("ServiceUnavailable"));
    }

    static List<Violation.Finding> check(
            ResponseReader.RawResponse response, FuzzCase.Shape shape, String operation, boolean head) {
        List<Violation.Finding> findings = new ArrayList<>(1);
        String requestId = response.header("x-amzn-RequestId");
        if (requestId == null || requestId.isBlank()) {
            findings.add(new Violation.Finding(Violation.MISSING_REQUEST_ID, "status " + response.status()));
        }
        int status = response.status();
        if (status >= 500) {
            if (status != 503) {
                findings.add(new Violation.Finding(Violation.SERVER_ERROR, status + " " + code(response)));
            } else if (!documented503(response)) {
                findings.add(new Violation.Finding(Violation.UNDOCUMENTED_503, code(response)));
            }
        }
        if (head) {
            return findings;
        }
        String fault = status >= 300 ? errorShape(response, shape) : successShape(response, shape, operation);
        if (fault != null) {
            findings.add(new Violation.Finding(status >= 300 ? Violation.ERROR_SHAPE : Violation.SUCCESS_SHAPE, fault));
        }
        if (status >= 300 && shape != FuzzCase.Shape.JSON && requestId != null) {
            String bodyId = xmlRequestId(response.body());
            if (bodyId != null && !bodyId.equals(requestId)) {
                findings.add(new Violation.Finding(Violation.REQUEST_ID_MISMATCH, bodyId + " != " + requestId));
            }
        }
        String text = withoutCodes(
                new String(response.body(), 0, Math.min(response.body().length, LEAK_SCAN_MAX), ISO_8859_1));
        for (String needle : LEAKS) {
            int at = text.indexOf(needle);
            if (at >= 0) {
                int from = Math.max(0, at - 40);
                findings.add(new Violation.Finding(
                        Violation.LEAKED_INTERNALS,
                        needle + ": " + Printable.text(text.substring(from, Math.min(text.length(), at + 100)), 200)));
                break;
            }
        }
        return findings;
    }

    /**
     * AWS's own texts that name Java classes: the JSON services' SerializationException messages, which Wharf repeats
     * as AWS sends them ("class java.lang.String can not be converted to an Integer").
     */
    private static final List<String> AWS_TEXTS = List.of(
            "class java.lang.String can not be converted to",
            "class java.lang.Boolean can not be converted to",
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to");

    /**
     * The body without its error code ({@code __type} value, Query {@code Code}): AWS's codes end in Exception; and
     * without AWS's own texts that name Java classes.
     */
    private static String withoutCodes(String text) {
        String out = cut(text, "\"__type\":\"", "\"");
        out = cut(out, "<Code>", "</Code>");
        for (String awsText : AWS_TEXTS) {
            out = out.replace(awsText, "");
        }
        return out;
    }

    private static String cut(String text, String open, String close) {
        int start = text.indexOf(open);
        if (start < 0) {
            return text;
        }
        int end = text.indexOf(close, start + open.length());
        return end < 0 ? text : text.substring(0, start) + text.substring(end + close.length());
    }

    /** The error code an answer carries, for grouping: {@code __type}, Query Code, or the plain text. */
    static String code(ResponseReader.RawResponse response) {
        String body = new String(response.body(), ISO_8859_1);
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.path("__type").isTextual()) {
                return node.path("__type").asText();
            }
        } catch (IOException e) {
            // Not JSON: try XML, then the text itself.
        }
        int code = body.indexOf("<Code>");
        int end = body.indexOf("</Code>");
        if (code >= 0 && end > code) {
            return body.substring(code + 6, end);
        }
        return Printable.text(body.strip(), 60);
    }

    private static @Nullable String errorShape(ResponseReader.RawResponse response, FuzzCase.Shape shape) {
        String type = contentType(response);
        if (PLAIN_TEXT_STATUSES.contains(response.status()) && type.startsWith("text/plain")) {
            return plainText(response.body());
        }
        return switch (shape) {
            case JSON ->
                type.startsWith("application/x-amz-json-1.")
                        ? jsonError(response)
                        : "a JSON request answered with " + describe(type);
            case QUERY ->
                type.startsWith("text/xml")
                        ? xmlError(response.body())
                        : "a Query request answered with " + describe(type);
            case ANY ->
                type.startsWith("application/x-amz-json-1.") || type.startsWith("application/json")
                        ? jsonError(response)
                        : type.startsWith("text/xml")
                                ? xmlError(response.body())
                                : "an error answered with " + describe(type);
        };
    }

    private static String describe(String type) {
        return type.isEmpty() ? "no Content-Type" : Printable.text(type, 80);
    }

    private static @Nullable String plainText(byte[] body) {
        if (body.length == 0 || body.length > PLAIN_TEXT_MAX) {
            return "plain-text error of " + body.length + " bytes";
        }
        for (byte b : body) {
            if ((b < 0x20 && b != '\n') || b >= 0x7F) {
                return "plain-text error with byte " + (b & 0xFF);
            }
        }
        return null;
    }

    private static @Nullable String jsonError(ResponseReader.RawResponse response) {
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException e) {
            return "JSON error body does not parse";
        }
        if (node == null || !node.isObject()) {
            return "JSON error body is not an object";
        }
        if (!node.path("__type").isTextual() || node.path("__type").asText().isEmpty()) {
            return "JSON error without __type";
        }
        if (!node.path("message").isTextual() && !node.path("Message").isTextual()) {
            return "JSON error without a message";
        }
        String queryError = response.header("x-amzn-query-error");
        if (queryError != null && !QUERY_ERROR_HEADER.matcher(queryError).matches()) {
            return "bad x-amzn-query-error " + Printable.text(queryError, 80);
        }
        return null;
    }

    /** What an XML body holds that the checks need; absent parts are null. */
    private record XmlFacts(
            String root,
            @Nullable String code,
            boolean message,
            @Nullable String requestId) {}

    private static XmlFacts xml(byte[] body) throws XMLStreamException {
        XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
        String root = "";
        String code = null;
        boolean message = false;
        String requestId = null;
        List<String> path = new ArrayList<>();
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (path.isEmpty()) {
                        root = name;
                    }
                    path.add(name);
                    String parent = path.size() >= 2 ? path.get(path.size() - 2) : "";
                    if (name.equals("Code") && parent.equals("Error")) {
                        code = reader.getElementText();
                        path.remove(path.size() - 1);
                    } else if (name.equals("Message") && parent.equals("Error")) {
                        reader.getElementText();
                        message = true;
                        path.remove(path.size() - 1);
                    } else if (name.equals("RequestId")) {
                        requestId = reader.getElementText();
                        path.remove(path.size() - 1);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                }
            }
        } finally {
            reader.close();
        }
        return new XmlFacts(root, code, message, requestId);
    }

    private static @Nullable String xmlError(byte[] body) {
        XmlFacts facts;
        try {
            facts = xml(body);
        } catch (XMLStreamException | RuntimeException e) {
            return "XML error body is not well-formed";
        }
        if (!facts.root().equals("ErrorResponse")) {
            return "XML error root is <" + Printable.text(facts.root(), 60) + ">";
        }
        if (facts.code() == null || facts.code().isBlank()) {
            return "ErrorResponse without Error/Code";
        }
        if (!facts.message()) {
            return "ErrorResponse without Error/Message";
        }
        if (facts.requestId() == null || facts.requestId().isBlank()) {
            return "ErrorResponse without RequestId";
        }
        return null;
    }

    private static @Nullable String xmlRequestId(byte[] body) {
        try {
            return xml(body).requestId();
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String successShape(
            ResponseReader.RawResponse response, FuzzCase.Shape shape, String operation) {
        String type = contentType(response);
        boolean json = type.contains("json");
        if (shape == FuzzCase.Shape.JSON || (shape == FuzzCase.Shape.ANY && json)) {
            if (response.body().length == 0) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(response.body());
                return node != null && node.isObject() ? null : "JSON success body is not an object";
            } catch (IOException e) {
                return "JSON success body does not parse";
            }
        }
        if (shape == FuzzCase.Shape.QUERY || type.startsWith("text/xml")) {
            XmlFacts facts;
            try {
                facts = xml(response.body());
            } catch (XMLStreamException | RuntimeException e) {
                return "XML success body is not well-formed";
            }
            if (shape == FuzzCase.Shape.QUERY
                    && !operation.equals("-")
                    && !facts.root().equals(operation + "Response")) {
                return "XML success root is <" + Printable.text(facts.root(), 60) + ">";
            }
            return facts.requestId() == null ? "XML success body without RequestId" : null;
        }
        return null;
    }

    private static String contentType(ResponseReader.RawResponse response) {
        String type = response.header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // An answer is data: no DTD, no entity from outside, whatever a hostile echo put in it.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
