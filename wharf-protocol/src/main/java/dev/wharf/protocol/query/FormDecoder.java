package dev.wharf.protocol.query;

import dev.wharf.common.AwsException;
import dev.wharf.common.CommonError;
import dev.wharf.common.LogText;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the parameters of an AWS Query request: the URL's query string and an {@code x-www-form-urlencoded} body,
 * merged, with a body parameter replacing a query-string one of the same name.
 *
 * <p>Strict where a lenient decoder would guess: a malformed escape is {@code MalformedQueryString}, and a name or value
 * whose bytes are not UTF-8 is {@code InvalidQueryParameter}, never replaced by U+FFFD and stored. Thread-safe.
 */
public final class FormDecoder {

    /** Bounds how many parameters one request may carry. */
    public static final int MAX_PARAMETERS = 10_000;

    private FormDecoder() {}

    /**
     * Decodes a query string (as it stands in the request line) and a form body (empty when there is none).
     *
     * @throws AwsException {@code MalformedQueryString} for a malformed escape, {@code InvalidQueryParameter} for bytes
     *     that are not UTF-8 or more than {@link #MAX_PARAMETERS} parameters
     */
    public static Map<String, List<String>> decode(String rawQuery, byte[] formBody) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!rawQuery.isEmpty()) {
            decodeInto(bytesOf(rawQuery), params, false);
        }
        if (formBody.length > 0) {
            decodeInto(formBody, params, true);
        }
        return params;
    }

    /** The bytes of a request line's query: the transport reads the line as ISO-8859-1, so each char is one byte. */
    private static byte[] bytesOf(String rawQuery) {
        for (int i = 0; i < rawQuery.length(); i++) {
            if (rawQuery.charAt(i) > 0xFF) {
                return rawQuery.getBytes(StandardCharsets.UTF_8);
            }
        }
        return rawQuery.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void decodeInto(byte[] input, Map<String, List<String>> params, boolean replace) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        int count = 0;
        int start = 0;
        while (start <= input.length) {
            int end = indexOf(input, (byte) '&', start);
            if (end > start) {
                if (++count > MAX_PARAMETERS) {
                    throw CommonError.INVALID_QUERY_PARAMETER.with(
                            "The request has more than " + MAX_PARAMETERS + " parameters.");
                }
                int equals = indexOf(input, (byte) '=', start);
                int nameEnd = Math.min(equals, end);
                String name = component(input, start, nameEnd, null);
                String value = nameEnd < end ? component(input, nameEnd + 1, end, name) : "";
                if (!name.isEmpty()) {
                    decoded.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                }
            }
            start = end + 1;
        }
        decoded.forEach((name, values) -> {
            if (replace) {
                params.put(name, values);
            } else {
                params.computeIfAbsent(name, k -> new ArrayList<>(values.size()))
                        .addAll(values);
            }
        });
    }

    /** The index of {@code b} at or after {@code from}, or the input's length. */
    private static int indexOf(byte[] input, byte b, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == b) {
                return i;
            }
        }
        return input.length;
    }

    /** Decodes one name ({@code name} null) or one value of the parameter {@code name}. */
    private static String component(byte[] input, int from, int to, @Nullable String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = input[i];
            if (b == '%') {
                if (i + 2 >= to) {
                    throw CommonError.MALFORMED_QUERY_STRING.with("Incomplete trailing escape % sequence");
                }
                int high = Character.digit(input[i + 1] & 0x7F, 16);
                int low = Character.digit(input[i + 2] & 0x7F, 16);
                if (high < 0 || low < 0 || input[i + 1] < 0 || input[i + 2] < 0) {
                    String pattern = new String(input, i + 1, 2, StandardCharsets.ISO_8859_1);
                    throw CommonError.MALFORMED_QUERY_STRING.with(
                            "Illegal hex characters in escape % pattern: %" + LogText.bounded(pattern, 2));
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw name == null
                    ? CommonError.INVALID_QUERY_PARAMETER.with("A parameter name is not valid UTF-8.")
                    : CommonError.INVALID_QUERY_PARAMETER.with(
                            "The value of parameter " + LogText.of(name) + " is not valid UTF-8.");
        }
    }
}
