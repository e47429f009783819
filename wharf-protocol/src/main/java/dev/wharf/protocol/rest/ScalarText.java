package dev.wharf.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.wharf.protocol.model.ShapeType;
import dev.wharf.protocol.model.TimestampFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the text of one scalar, as headers, query parameters and XML elements carry it.
 *
 * <p>A timestamp in a document is epoch seconds, a decimal with up to three places, as the other codecs hand one over;
 * a blob is binary. So bindings read REST-XML requests as they read JSON ones.
 */
public final class ScalarText {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** ISO 8601 to the millisecond, as S3 writes it in bodies: {@code 2026-12-02T13:00:00.000Z}. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** RFC 1123's IMF-fixdate, with a two-digit day, as HTTP dates are written. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** Why a text is not its member's type: makes the error in the words of where the text came from. */
    @FunctionalInterface
    public interface Refusal {
        RuntimeException refuse(String name, String text, String expected);
    }

    private ScalarText() {}

    /**
     * Types a text as its shape.
     *
     * @param format the timestamp format, already resolved to the location's default
     */
    public static JsonNode parse(String name, String text, ShapeType type, TimestampFormat format, Refusal refusal) {
        return switch (type) {
            case INTEGER -> {
                Long value = parseLong(text.strip());
                if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw refusal.refuse(name, text, "an integer or within integer range");
                }
                yield NODES.numberNode(value.intValue());
            }
            case LONG -> {
                Long value = parseLong(text.strip());
                if (value == null) {
                    throw refusal.refuse(name, text, "a long integer or within long range");
                }
                yield NODES.numberNode(value.longValue());
            }
            case BOOLEAN ->
                switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true" -> NODES.booleanNode(true);
                    case "false" -> NODES.booleanNode(false);
                    default -> throw refusal.refuse(name, text, "a boolean");
                };
            case DOUBLE -> {
                try {
                    yield NODES.numberNode(new BigDecimal(text.strip()));
                } catch (NumberFormatException e) {
                    throw refusal.refuse(name, text, "a number");
                }
            }
            case TIMESTAMP -> {
                Instant instant = parseInstant(text.strip(), format);
                if (instant == null) {
                    throw refusal.refuse(name, text, "a valid date");
                }
                yield NODES.numberNode(
                        BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros());
            }
            case BLOB -> {
                try {
                    yield NODES.binaryNode(Base64.getMimeDecoder().decode(text.strip()));
                } catch (IllegalArgumentException e) {
                    throw refusal.refuse(name, text, "base64");
                }
            }
            default -> NODES.textNode(text);
        };
    }

    /** Reads a timestamp in its format, or in either of the others, as servers are lenient in what they read. */
    private static @Nullable Instant parseInstant(String text, TimestampFormat format) {
        try {
            return switch (format) {
                case HTTP_DATE ->
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                case DATE_TIME ->
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
                case EPOCH_SECONDS -> {
                    BigDecimal seconds = new BigDecimal(text);
                    yield Instant.ofEpochMilli(seconds.movePointRight(3).longValueExact());
                }
            };
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Parses an optionally signed run of at most 19 ASCII digits, or returns null. */
    private static @Nullable Long parseLong(String text) {
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() == start || text.length() - start > 19) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Writes a document's scalar as text: a timestamp held as epoch seconds (or as ISO 8601 text) in its format, a blob
     * as base64, anything else as its text.
     */
    public static String format(JsonNode value, ShapeType type, TimestampFormat format) {
        if (type == ShapeType.TIMESTAMP) {
            Instant instant = instantOf(value);
            if (instant != null) {
                return switch (format) {
                    case DATE_TIME -> DATE_TIME.format(instant);
                    case HTTP_DATE -> HTTP_DATE.format(instant);
                    case EPOCH_SECONDS ->
                        BigDecimal.valueOf(instant.toEpochMilli(), 3)
                                .stripTrailingZeros()
                                .toPlainString();
                };
            }
        }
        if (value.isBinary()) {
            try {
                return Base64.getEncoder().encodeToString(value.binaryValue());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a blob holds no bytes", e);
            }
        }
        return value.asText();
    }

    private static @Nullable Instant instantOf(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
