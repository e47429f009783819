package dev.wharf.firehose.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.wharf.firehose.api.Deserializer;
import dev.wharf.firehose.api.HiveJsonSerDe;
import dev.wharf.firehose.api.OpenXJsonSerDe;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record's JSON into rows of a table, as the deserializer of a format conversion does: the OpenX JSON SerDe
 * (case-insensitive keys by default, dots in keys optionally read as underscores, columns mapped to other keys) or the
 * Apache Hive JSON SerDe (case-insensitive keys, the timestamp formats it is given). A record may hold several JSON
 * objects one after another ({@code {"a":1}{"a":2}}), each a row; keys that name no column are ignored, columns that
 * no key names are null.
 *
 * <p>A row is an {@code Object[]} of its columns' values: {@code Boolean}; {@code Integer} for tinyint, smallint and
 * int; {@code Long}; {@code Float}; {@code Double}; {@code BigDecimal} at the column's scale; {@code String}; {@code
 * byte[]} (binary, from base64); {@code Integer} days since 1970-01-01 for a date; {@code Instant}; {@code List} for an
 * array; {@code Map} for a map; {@code Object[]} for a struct; or null. Thread-safe.
 */
final class JsonRows {

    /** A record that does not parse, or whose values do not fit the table's columns. */
    static final class RowException extends Exception {
        private static final long serialVersionUID = 1L;

        RowException(String message) {
            super(message, null, false, false);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Epoch numbers from this magnitude on are read as milliseconds (10^11 seconds is the year 5138). */
    private static final double MILLIS_FROM = 1e11;
    /** {@code yyyy-[M]M-[d]d HH:mm:ss[.S…]}, as {@code java.sql.Timestamp.valueOf} and the OpenX SerDe read it. */
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-M-d H:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter DAY =
            new DateTimeFormatterBuilder().appendPattern("uuuu-M-d").toFormatter(Locale.ROOT);

    private final HiveType table;
    private final boolean openX;
    private final boolean caseInsensitive;
    private final boolean dotsToUnderscores;
    /** OpenX's ColumnToJsonKeyMappings turned around: the JSON key that names each mapped column. */
    private final Map<String, String> columnOfKey;
    /** The Hive SerDe's timestamp formats; {@code null} entries stand for {@code millis}. */
    private final List<@Nullable DateTimeFormatter> timestampFormats;

    /**
     * @throws IllegalArgumentException when a Hive timestamp format is not a valid pattern
     */
    JsonRows(HiveType table, Deserializer deserializer) {
        this.table = table;
        OpenXJsonSerDe openXSerDe = deserializer.openXJsonSerDe();
        this.openX = openXSerDe != null;
        this.caseInsensitive = openXSerDe == null || !Boolean.FALSE.equals(openXSerDe.caseInsensitive());
        this.dotsToUnderscores =
                openXSerDe != null && Boolean.TRUE.equals(openXSerDe.convertDotsInJsonKeysToUnderscores());
        Map<String, String> mapped = new HashMap<>();
        if (openXSerDe != null && openXSerDe.columnToJsonKeyMappings() != null) {
            openXSerDe
                    .columnToJsonKeyMappings()
                    .forEach((column, key) -> mapped.put(
                            caseInsensitive ? key.toLowerCase(Locale.ROOT) : key, column.toLowerCase(Locale.ROOT)));
        }
        this.columnOfKey = Map.copyOf(mapped);
        List<@Nullable DateTimeFormatter> formats = new ArrayList<>();
        HiveJsonSerDe hive = deserializer.hiveJsonSerDe();
        if (hive != null && hive.timestampFormats() != null) {
            for (String pattern : hive.timestampFormats()) {
                formats.add(pattern.equals("millis") ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            }
        }
        this.timestampFormats = formats;
    }

    /** The rows of one record's data, in order. */
    List<Object[]> rows(byte[] data, int offset, int length) throws RowException {
        List<Object[]> rows = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(data, offset, length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    throw new RowException("The record's JSON must be objects, one after another, not "
                            + (token == JsonToken.START_ARRAY ? "an array" : "a " + token.asString() + " value")
                            + ".");
                }
                JsonNode object = JSON.readTree(parser);
                rows.add((Object[]) value(object, table, "the record"));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new RowException("The record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RowException("The record could not be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new RowException("The record holds no JSON object.");
        }
        return rows;
    }

    private @Nullable Object value(JsonNode node, HiveType type, String where) throws RowException {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> bool(node, where);
            case TINYINT -> (int) integral(node, type, where, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SMALLINT -> (int) integral(node, type, where, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) integral(node, type, where, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> integral(node, type, where, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> (float) floating(node, type, where);
            case DOUBLE -> floating(node, type, where);
            case DECIMAL -> decimal(node, type, where);
            case STRING -> text(node);
            case VARCHAR -> {
                String text = text(node);
                yield text.length() > type.precision() ? text.substring(0, type.precision()) : text;
            }
            case CHAR -> {
                String text = text(node);
                yield text.length() > type.precision()
                        ? text.substring(0, type.precision())
                        : text + " ".repeat(type.precision() - text.length());
            }
            case BINARY -> binary(node, where);
            case DATE -> date(node, where);
            case TIMESTAMP -> timestamp(node, where);
            case ARRAY -> {
                if (!node.isArray()) {
                    throw mismatch(node, type, where);
                }
                List<@Nullable Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(node.get(i), type.children().get(0), where + "[" + i + "]"));
                }
                yield list;
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw mismatch(node, type, where);
                }
                Map<Object, @Nullable Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Object key = value(
                            JSON.getNodeFactory().textNode(entry.getKey()),
                            type.children().get(0),
                            where + " key " + entry.getKey());
                    map.put(
                            java.util.Objects.requireNonNull(key),
                            value(entry.getValue(), type.children().get(1), where + "." + entry.getKey()));
                }
                yield map;
            }
            case STRUCT -> {
                if (!node.isObject()) {
                    throw mismatch(node, type, where);
                }
                yield struct(node, type, where);
            }
        };
    }

    private @Nullable Object[] struct(JsonNode node, HiveType type, String where) throws RowException {
        @Nullable Object[] row = new Object[type.names().size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int column = column(type, entry.getKey());
            if (column >= 0) {
                String name = type.names().get(column);
                row[column] = value(
                        entry.getValue(),
                        type.children().get(column),
                        where.equals("the record") ? "column '" + name + "'" : where + "." + name);
            }
        }
        return row;
    }

    /** The column that a JSON key names, or -1. */
    private int column(HiveType type, String key) {
        String name = caseInsensitive ? key.toLowerCase(Locale.ROOT) : key;
        String mapped = columnOfKey.get(name);
        if (mapped != null) {
            name = mapped;
        } else if (dotsToUnderscores) {
            name = name.replace('.', '_');
        }
        return type.names().indexOf(name);
    }

    private static boolean bool(JsonNode node, String where) throws RowException {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()
                && (node.textValue().equalsIgnoreCase("true")
                        || node.textValue().equalsIgnoreCase("false"))) {
            return node.textValue().equalsIgnoreCase("true");
        }
        throw mismatch(node, HiveType.parse("boolean"), where);
    }

    private static long integral(JsonNode node, HiveType type, String where, long min, long max) throws RowException {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isTextual()) {
            try {
                value = new BigInteger(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw mismatch(node, type, where);
            }
        } else {
            throw mismatch(node, type, where);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new RowException("The value " + value + " of " + where + " is out of the range of " + type + ".");
        }
        return value.longValue();
    }

    private static double floating(JsonNode node, HiveType type, String where) throws RowException {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw mismatch(node, type, where);
            }
        }
        throw mismatch(node, type, where);
    }

    private static BigDecimal decimal(JsonNode node, HiveType type, String where) throws RowException {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw mismatch(node, type, where);
            }
        } else {
            throw mismatch(node, type, where);
        }
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new RowException("The value " + value + " of " + where + " has more digits than " + type + ".");
        }
        return scaled;
    }

    private static String text(JsonNode node) {
        // Numbers and booleans as written, objects and arrays as their JSON, as the SerDes give them to a string.
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static byte[] binary(JsonNode node, String where) throws RowException {
        if (node.isTextual()) {
            try {
                return Base64.getDecoder().decode(node.textValue());
            } catch (IllegalArgumentException e) {
                throw new RowException("The value of " + where + " is not base64, as a binary column needs.");
            }
        }
        throw mismatch(node, HiveType.parse("binary"), where);
    }

    private static int date(JsonNode node, String where) throws RowException {
        if (node.isTextual()) {
            try {
                return (int) LocalDate.from(DAY.parse(node.textValue().strip())).toEpochDay();
            } catch (DateTimeParseException e) {
                // Not a date: the mismatch below.
            }
        }
        throw mismatch(node, HiveType.parse("date"), where);
    }

    private Instant timestamp(JsonNode node, String where) throws RowException {
        Instant read = openX ? openXTimestamp(node) : hiveTimestamp(node);
        if (read == null) {
            throw mismatch(node, HiveType.parse("timestamp"), where);
        }
        return read;
    }

    /** The OpenX SerDe's timestamps: ISO-8601 with Z or an offset, {@code yyyy-M-d H:mm:ss[.S]}, epoch numbers. */
    private static @Nullable Instant openXTimestamp(JsonNode node) {
        if (node.isNumber()) {
            return epoch(node.decimalValue());
        }
        if (!node.isTextual()) {
            return null;
        }
        String text = node.textValue().strip();
        try {
            return epoch(new BigDecimal(text));
        } catch (NumberFormatException e) {
            // Not a number: a date and time.
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // Not ISO-8601 with a zone.
        }
        return spaced(text);
    }

    /** The Hive SerDe's timestamps: its formats in order ({@code millis} for epoch millis), then Timestamp's. */
    private @Nullable Instant hiveTimestamp(JsonNode node) {
        String text = node.isTextual() ? node.textValue().strip() : node.isNumber() ? node.asText() : null;
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter format : timestampFormats) {
            if (format == null) {
                try {
                    return Instant.ofEpochMilli(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            try {
                TemporalAccessor parsed = format.parse(text);
                return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? OffsetDateTime.from(parsed).toInstant()
                        : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
            } catch (java.time.DateTimeException e) {
                // The next format.
            }
        }
        return spaced(text);
    }

    private static @Nullable Instant spaced(String text) {
        try {
            return LocalDateTime.from(SPACED.parse(text)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Instant epoch(BigDecimal value) {
        try {
            if (value.abs().doubleValue() >= MILLIS_FROM) {
                return Instant.ofEpochMilli(value.setScale(0, RoundingMode.DOWN).longValueExact());
            }
            BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
            int nanos = value.subtract(seconds).movePointRight(9).intValue();
            return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static RowException mismatch(JsonNode node, HiveType type, String where) {
        String shown = node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
        if (shown.length() > 64) {
            shown = shown.substring(0, 61) + "...";
        }
        String kind = node.getNodeType() == JsonNodeType.OBJECT
                ? "an object"
                : node.getNodeType() == JsonNodeType.ARRAY ? "an array" : shown;
        return new RowException("The value " + kind + " of " + where + " does not fit its type " + type + ".");
    }
}
