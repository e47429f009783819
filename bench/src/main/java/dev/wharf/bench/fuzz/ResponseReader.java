package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads HTTP/1.1 responses off a socket strictly, byte by byte of the framing: a status line, CRLF-ended header
 * lines, then exactly the body its framing announces. A server's framing fault (a bare LF, a body after a HEAD
 * answer, a length that lies) is an error here, not something to forgive, since a real client would then read the
 * next answer out of step. Every size is bounded.
 *
 * <p>Not thread-safe; one reader per connection.
 */
final class ResponseReader {

    static final int LINE_MAX = 8 * 1024;
    static final int HEADERS_MAX = 200;
    static final int BODY_MAX = 32 * 1024 * 1024;
    /** Interim (1xx) answers skipped before a final one. */
    static final int INTERIM_MAX = 5;

    /** A final answer as it came off the wire; {@code interim} counts the 1xx answers before it. */
    record RawResponse(int status, List<WireRequest.Header> headers, byte[] body, int interim) {

        @Nullable
        String header(String name) {
            for (WireRequest.Header header : headers) {
                if (header.name().equalsIgnoreCase(name)) {
                    return header.value();
                }
            }
            return null;
        }

        /** Whether the server said it closes the connection after this answer. */
        boolean closes() {
            String connection = header("Connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    /** The server closed the connection (or reset it) before sending a byte of an answer. */
    static final class Closed extends IOException {
        private static final long serialVersionUID = 1L;

        Closed(String what) {
            super(what);
        }
    }

    /** What came back is not an HTTP/1.1 response. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String what) {
            super(what);
        }
    }

    private final InputStream in;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one final answer, skipping at most {@link #INTERIM_MAX} interim ones.
     *
     * @param head whether the request was a HEAD, whose answer has no body whatever its headers say
     * @throws Closed when the stream ends before the first byte
     * @throws Malformed when the bytes are not a response, or the stream ends inside one
     * @throws java.net.SocketTimeoutException when no byte comes in time
     */
    RawResponse read(boolean head) throws IOException {
        int interim = 0;
        while (true) {
            String statusLine = line(true);
            int status = status(statusLine);
            List<WireRequest.Header> headers = headers();
            if (status >= 100 && status < 200) {
                if (++interim > INTERIM_MAX) {
                    throw new Malformed("more than " + INTERIM_MAX + " interim answers");
                }
                continue;
            }
            RawResponse framing = new RawResponse(status, headers, new byte[0], interim);
            byte[] body = head || status == 204 || status == 304 ? new byte[0] : body(framing);
            return new RawResponse(status, headers, body, interim);
        }
    }

    private static int status(String line) throws Malformed {
        // HTTP-version SP 3DIGIT SP reason-phrase
        if (!(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 ")) || line.length() < 12) {
            throw new Malformed("not a status line: " + Printable.text(line, 200));
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9') || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new Malformed("bad status code: " + Printable.text(line, 200));
        }
        return Integer.parseInt(code);
    }

    private List<WireRequest.Header> headers() throws IOException {
        List<WireRequest.Header> headers = new ArrayList<>();
        while (true) {
            String line = line(false);
            if (line.isEmpty()) {
                return headers;
            }
            if (headers.size() >= HEADERS_MAX) {
                throw new Malformed("more than " + HEADERS_MAX + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
                throw new Malformed("bad header line: " + Printable.text(line, 200));
            }
            headers.add(new WireRequest.Header(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
    }

    private byte[] body(RawResponse framing) throws IOException {
        String transferEncoding = framing.header("Transfer-Encoding");
        List<String> lengths = new ArrayList<>();
        for (WireRequest.Header header : framing.headers()) {
            if (header.name().equalsIgnoreCase("Content-Length")) {
                lengths.add(header.value());
            }
        }
        if (transferEncoding != null) {
            if (!lengths.isEmpty()) {
                throw new Malformed("both Transfer-Encoding and Content-Length");
            }
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw new Malformed("unknown Transfer-Encoding " + Printable.text(transferEncoding, 100));
            }
            return chunked();
        }
        if (lengths.size() > 1) {
            throw new Malformed("several Content-Length headers: " + lengths);
        }
        if (lengths.isEmpty()) {
            // Allowed by HTTP/1.1 (the body runs to the end of the stream); Netty never does it, so it is bounded.
            return untilEnd();
        }
        long length;
        try {
            length = Long.parseLong(lengths.get(0));
        } catch (NumberFormatException e) {
            throw new Malformed("bad Content-Length " + Printable.text(lengths.get(0), 100));
        }
        if (length < 0 || length > BODY_MAX) {
            throw new Malformed("Content-Length out of bounds: " + length);
        }
        return exactly((int) length);
    }

    private byte[] exactly(int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new Malformed("stream ended " + (length - body.length) + " bytes into a " + length + "-byte body");
        }
        return body;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new Malformed("bad chunk size " + Printable.text(sizeLine, 100));
            }
            if (size < 0 || out.size() + (long) size > BODY_MAX) {
                throw new Malformed("chunked body out of bounds");
            }
            if (size == 0) {
                while (!line(false).isEmpty()) {
                    // Trailer fields are read and dropped.
                }
                return out.toByteArray();
            }
            out.writeBytes(exactly(size));
            if (!line(false).isEmpty()) {
                throw new Malformed("chunk not followed by CRLF");
            }
        }
    }

    private byte[] untilEnd() throws IOException {
        byte[] body = in.readNBytes(BODY_MAX + 1);
        if (body.length > BODY_MAX) {
            throw new Malformed("body with no length longer than " + BODY_MAX);
        }
        return body;
    }

    /** One CRLF-ended line without its CRLF; {@code first} distinguishes a clean end of stream. */
    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketException e) {
                if (first && line.isEmpty()) {
                    throw new Closed("reset before an answer: " + e.getMessage());
                }
                throw new Malformed("reset inside an answer: " + e.getMessage());
            }
            if (b < 0) {
                if (first && line.isEmpty()) {
                    throw new Closed("closed before an answer");
                }
                throw new Malformed("stream ended inside a line: " + Printable.text(line.toString(), 200));
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new Malformed("CR not followed by LF in " + Printable.text(line.toString(), 200));
                }
                return line.toString();
            }
            if (b == '\n') {
                throw new Malformed("bare LF after " + Printable.text(line.toString(), 200));
            }
            if (line.length() >= LINE_MAX) {
                throw new Malformed("line longer than " + LINE_MAX);
            }
            line.append((char) b);
        }
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }
}
