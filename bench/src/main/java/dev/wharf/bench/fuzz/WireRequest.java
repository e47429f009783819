package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 request as its bytes go on the wire. The head is held as ISO-8859-1 text, one char per byte, so that
 * any byte (raw UTF-8, invalid UTF-8, a NUL) can be placed in a method, a target or a header.
 *
 * @param method the method token, sent as it is
 * @param target the request target: path and query, already encoded
 * @param version the protocol version token, normally {@code HTTP/1.1}
 * @param headers the header lines in order; names and values sent as they are
 * @param body the body, sent after the head as it is
 */
record WireRequest(String method, String target, String version, List<Header> headers, byte[] body) {

    /** One header line; {@code name} and {@code value} hold one char per byte. */
    record Header(String name, String value) {}

    WireRequest {
        headers = List.copyOf(headers);
    }

    static WireRequest of(String method, String target, List<Header> headers, byte[] body) {
        return new WireRequest(method, target, "HTTP/1.1", headers, body);
    }

    /** The bytes of the head and body: request line, header lines, an empty line, then the body. */
    byte[] render() {
        return render("\r\n");
    }

    /** As {@link #render()}, with {@code lineEnd} ending every line of the head. */
    byte[] render(String lineEnd) {
        StringBuilder head = new StringBuilder(256 + headers.size() * 48);
        head.append(method).append(' ').append(target);
        if (!version.isEmpty()) {
            head.append(' ').append(version);
        }
        head.append(lineEnd);
        for (Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append(lineEnd);
        }
        head.append(lineEnd);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The first value of a header, by case-insensitive name, or null. */
    @Nullable
    String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    String path() {
        int question = target.indexOf('?');
        return question < 0 ? target : target.substring(0, question);
    }

    String rawQuery() {
        int question = target.indexOf('?');
        return question < 0 ? "" : target.substring(question + 1);
    }

    WireRequest withMethod(String newMethod) {
        return new WireRequest(newMethod, target, version, headers, body);
    }

    WireRequest withTarget(String newTarget) {
        return new WireRequest(method, newTarget, version, headers, body);
    }

    WireRequest withVersion(String newVersion) {
        return new WireRequest(method, target, newVersion, headers, body);
    }

    WireRequest withHeaders(List<Header> newHeaders) {
        return new WireRequest(method, target, version, newHeaders, body);
    }

    /** Replaces the body, and the Content-Length header when there is one. */
    WireRequest withBody(byte[] newBody) {
        List<Header> updated = new ArrayList<>(headers.size());
        for (Header header : headers) {
            updated.add(
                    header.name().equalsIgnoreCase("Content-Length")
                            ? new Header(header.name(), Integer.toString(newBody.length))
                            : header);
        }
        return new WireRequest(method, target, version, updated, newBody);
    }

    /** Replaces the body and leaves every header as it is, so that the framing headers may lie about it. */
    WireRequest withBodyBytes(byte[] newBody) {
        return new WireRequest(method, target, version, headers, newBody);
    }

    /** Sets a header: replaces the first of that name and drops the others, or appends it. */
    WireRequest with(String name, String value) {
        List<Header> updated = new ArrayList<>(headers.size() + 1);
        boolean set = false;
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                updated.add(header);
            } else if (!set) {
                updated.add(new Header(header.name(), value));
                set = true;
            }
        }
        if (!set) {
            updated.add(new Header(name, value));
        }
        return withHeaders(updated);
    }

    /** Appends a header line, even when one of that name exists. */
    WireRequest adding(String name, String value) {
        List<Header> updated = new ArrayList<>(headers);
        updated.add(new Header(name, value));
        return withHeaders(updated);
    }

    /** Drops every header of that name. */
    WireRequest without(String name) {
        List<Header> updated = new ArrayList<>(headers.size());
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                updated.add(header);
            }
        }
        return withHeaders(updated);
    }

    /** The text whose chars are the bytes of {@code text} in UTF-8: how a raw UTF-8 header value is held. */
    static String utf8Bytes(String text) {
        return new String(text.getBytes(UTF_8), ISO_8859_1);
    }

    /** The text whose chars are {@code bytes}: how raw bytes are held in a head. */
    static String bytes(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
