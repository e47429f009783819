package dev.wharf.bench.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The hostile values the generators draw from: invalid UTF-8, numbers no parser should trust, text that breaks XML
 * or logs, and strings sized at and around AWS's limits. None contains a Java class name or the word "Exception",
 * so that any such text in a response came from the server.
 */
final class Hostile {

    /** Starts each line that a request tries to forge in the server's log; the log check looks for it. */
    static final String FORGED_LOG_MARKER = "FUZZ-FORGED-LOG-LINE";

    /** The bytes a hostile value is spliced in at, once the JSON around it is written. */
    static final String PLACEHOLDER = "@@FUZZ@@";

    /** Sequences that are not UTF-8: bad continuations, overlongs, surrogates, beyond U+10FFFF, truncations. */
    static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xC3, 0x28),
            bytes(0xA0, 0xA1),
            bytes(0xE2, 0x28, 0xA1),
            bytes(0xE2, 0x82),
            bytes(0xF0, 0x28, 0x8C, 0xBC),
            bytes(0xF0, 0x90, 0x28, 0xBC),
            bytes(0xF8, 0xA1, 0xA1, 0xA1, 0xA1),
            bytes(0xFC, 0xA1, 0xA1, 0xA1, 0xA1, 0xA1),
            bytes(0xC0, 0xAF),
            bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xF0, 0x80, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF),
            bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xFE),
            bytes(0xFF),
            bytes(0xFF, 0xFE),
            bytes(0x80),
            bytes(0xBF));

    /** Number tokens that overflow, underflow or have more digits than any member can hold. */
    static final List<String> HUGE_NUMBERS = List.of(
            "9".repeat(500),
            "-" + "9".repeat(500),
            "1e400",
            "-1e400",
            "1e-400",
            "1E+2147483648",
            "1e2147483647",
            "1" + "0".repeat(309),
            "0." + "0".repeat(400) + "1",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "2147483648",
            "-2147483649",
            "4294967296",
            "1.7976931348623157E309",
            "123456789012345678901234567890.5");

    /** Tokens that JSON does not allow, though lenient parsers take some. */
    static final List<String> NONSTANDARD_TOKENS = List.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "007",
            "+1",
            "0x10",
            ".5",
            "5.",
            "1_000",
            "1e",
            "-",
            "--1",
            "'single'",
            "undefined",
            "TRUE",
            "nul",
            "tru",
            "\"unterminated",
            "[1,]",
            "{\"a\":1,}",
            "{,}",
            "[,1]",
            "/* comment */ 1",
            "// comment\n1",
            "#1",
            "1 2",
            "\"a\" \"b\"");

    /** Escapes in JSON strings that are invalid, or valid syntax for invalid Unicode. */
    static final List<String> BAD_ESCAPES = List.of(
            "\\ud800",
            "\\udc00",
            "\\ud800\\u0041",
            "\\udbff\\udfff\\udbff",
            "\\u0000",
            "\\uZZZZ",
            "\\u12",
            "\\x41",
            "\\U0001F600",
            "\\",
            "\\a",
            "\\'",
            "\\uFFFE",
            "\\uFEFF");

    /** Text that must come back escaped in XML, JSON and logs, or be refused. */
    static final List<String> HOSTILE_TEXT = List.of(
            "\n" + FORGED_LOG_MARKER + " level=ERROR user=admin msg=forged",
            "\r\n" + FORGED_LOG_MARKER + " 12:00:00.000 ERROR forged",
            "]]><injected/><![CDATA[",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            "&amp;&lt;&#0;&#x1;&#xFFFE;&unknown;",
            "\u0000\u0001\u0002\u0008\u000B\u000C\u000E\u001F\u007F",
            "\uFFFE\uFFFF",
            "\uD83D\uDE00\u200B\u202E\u2028\u2029",
            "%s%s%s%n%x",
            "${jndi:ldap://127.0.0.1:1/x}",
            "{{7*7}}",
            "' OR '1'='1",
            "../../../../etc/passwd",
            "\\\"quoted\\\"",
            "\"},\"__type\":\"forged\",\"x\":{\"",
            "</Message><Code>Forged</Code><Message>",
            "é".repeat(40),
            "\u0085next line\u00A0");

    /** Integers that are not integers, as text. */
    static final List<String> NOT_INTEGERS = List.of(
            "abc",
            "",
            " ",
            "1.5",
            "1.0",
            "-1",
            "+1",
            " 1",
            "1 ",
            "0x1F",
            "1e3",
            "1e400",
            "\uFF11",
            "\u0661",
            "true",
            "null",
            "NaN",
            "9".repeat(500),
            "2147483648",
            "-2147483649");

    private Hostile() {}

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * A string at or around one of AWS's size limits, of one-, two-, three- or four-byte characters, so that a limit
     * counted in chars instead of bytes shows. Large sizes are rare, so the run stays bounded in bytes sent.
     */
    static String sizedString(SplittableRandom random) {
        int roll = random.nextInt(1000);
        int[] small = {80, 81, 128, 129, 256, 257, 1024, 1025};
        int[] large = {262_144, 262_145, 1_048_576, 1_048_577};
        int length;
        if (roll < 880) {
            length = small[random.nextInt(small.length)];
        } else if (roll < 995) {
            length = large[random.nextInt(large.length)];
        } else {
            length = 8 * 1024 * 1024 + 1;
        }
        String[] units = {"a", "é", "€", "\uD83D\uDE00"};
        String unit = length > 1_048_577 ? "a" : units[random.nextInt(units.length)];
        // A four-byte character is two Java chars; the length counts characters as a client would.
        return unit.repeat(length);
    }

    /** Splices {@code raw} in place of the first {@link #PLACEHOLDER} (with its quotes when {@code quoted}). */
    static byte[] splice(byte[] document, byte[] raw, boolean quoted) {
        byte[] mark = (quoted ? "\"" + PLACEHOLDER + "\"" : PLACEHOLDER).getBytes(UTF_8);
        int at = indexOf(document, mark);
        if (at < 0) {
            throw new IllegalStateException("no placeholder in " + new String(document, ISO_8859_1));
        }
        byte[] out = new byte[document.length - mark.length + raw.length];
        System.arraycopy(document, 0, out, 0, at);
        System.arraycopy(raw, 0, out, at, raw.length);
        System.arraycopy(document, at + mark.length, out, at + raw.length, document.length - at - mark.length);
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Nested arrays or objects {@code depth} levels deep around a 1. */
    static String nested(int depth, boolean objects) {
        StringBuilder out = new StringBuilder(depth * 6 + 1);
        for (int i = 0; i < depth; i++) {
            out.append(objects ? "{\"a\":" : "[");
        }
        out.append('1');
        for (int i = 0; i < depth; i++) {
            out.append(objects ? '}' : ']');
        }
        return out.toString();
    }
}
