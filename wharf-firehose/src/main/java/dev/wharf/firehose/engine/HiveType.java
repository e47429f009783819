package dev.wharf.firehose.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column type as Glue and Hive write it ({@code int}, {@code decimal(10,2)}, {@code array<string>}, {@code
 * map<string,bigint>}, {@code struct<id:int,name:string>}), parsed, for the table that a format conversion names.
 * A table is a {@code struct<…>}: its fields are the table's columns, in order. Public, with its accessors, only so
 * that the Parquet and ORC writers, which {@link FormatLibraries} loads apart, can read it.
 *
 * @param kind the type's kind
 * @param names a struct's field names, lower-cased as Hive holds column names; empty for other kinds
 * @param children a struct's field types, an array's element type, a map's key and value types
 * @param precision a decimal's precision, a varchar's or char's length; 0 for other kinds
 * @param scale a decimal's scale
 */
public record HiveType(Kind kind, List<String> names, List<HiveType> children, int precision, int scale) {

    /** The kinds of Glue/Hive column types. */
    public enum Kind {
        BOOLEAN,
        TINYINT,
        SMALLINT,
        INT,
        BIGINT,
        FLOAT,
        DOUBLE,
        DECIMAL,
        STRING,
        VARCHAR,
        CHAR,
        BINARY,
        DATE,
        TIMESTAMP,
        ARRAY,
        MAP,
        STRUCT
    }

    /** Hive's largest decimal precision. */
    static final int MAX_PRECISION = 38;

    public HiveType {
        names = List.copyOf(names);
        children = List.copyOf(children);
    }

    /**
     * Parses a type string.
     *
     * @throws IllegalArgumentException saying where the string is not a type
     */
    static HiveType parse(String text) {
        Parser parser = new Parser(text);
        HiveType type = parser.type();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return type;
    }

    /** Parses a table's type, which must be a struct with at least one column. */
    static HiveType parseTable(String text) {
        HiveType type = parse(text);
        if (type.kind != Kind.STRUCT || type.names.isEmpty()) {
            throw new IllegalArgumentException(
                    "a table's columns are a struct<name:type,...> with at least one column, not " + text);
        }
        return type;
    }

    /** The type as Hive writes it, with field names as held. */
    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case VARCHAR, CHAR -> kind.name().toLowerCase(Locale.ROOT) + "(" + precision + ")";
            case ARRAY -> "array<" + children.get(0) + ">";
            case MAP -> "map<" + children.get(0) + "," + children.get(1) + ">";
            case STRUCT -> {
                StringBuilder out = new StringBuilder("struct<");
                for (int i = 0; i < names.size(); i++) {
                    out.append(i == 0 ? "" : ",")
                            .append(names.get(i))
                            .append(':')
                            .append(children.get(i));
                }
                yield out.append('>').toString();
            }
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    private static HiveType simple(Kind kind) {
        return new HiveType(kind, List.of(), List.of(), 0, 0);
    }

    /** A recursive-descent parser over one type string. */
    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        HiveType type() {
            skipSpaces();
            String word = word().toLowerCase(Locale.ROOT);
            return switch (word) {
                case "boolean" -> simple(Kind.BOOLEAN);
                case "tinyint" -> simple(Kind.TINYINT);
                case "smallint" -> simple(Kind.SMALLINT);
                case "int", "integer" -> simple(Kind.INT);
                case "bigint" -> simple(Kind.BIGINT);
                case "float" -> simple(Kind.FLOAT);
                case "double" -> simple(Kind.DOUBLE);
                case "string" -> simple(Kind.STRING);
                case "binary" -> simple(Kind.BINARY);
                case "date" -> simple(Kind.DATE);
                case "timestamp" -> simple(Kind.TIMESTAMP);
                case "decimal" -> decimal();
                case "varchar", "char" -> length(word.equals("char") ? Kind.CHAR : Kind.VARCHAR);
                case "array" -> {
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    yield new HiveType(Kind.ARRAY, List.of(), List.of(element), 0, 0);
                }
                case "map" -> {
                    expect('<');
                    HiveType key = type();
                    if (key.kind == Kind.ARRAY || key.kind == Kind.MAP || key.kind == Kind.STRUCT) {
                        throw error("a map's key must be a primitive type, not " + key);
                    }
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    yield new HiveType(Kind.MAP, List.of(), List.of(key, value), 0, 0);
                }
                case "struct" -> struct();
                case "" -> throw error("a type is expected");
                default -> throw error("unknown type '" + word + "'");
            };
        }

        private HiveType decimal() {
            skipSpaces();
            if (!peek('(')) {
                return new HiveType(Kind.DECIMAL, List.of(), List.of(), 10, 0);
            }
            expect('(');
            int precision = number();
            int scale = 0;
            if (peek(',')) {
                expect(',');
                scale = number();
            }
            expect(')');
            if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
                throw error(
                        "decimal(" + precision + "," + scale + ") needs 1 <= precision <= 38 and scale <= precision");
            }
            return new HiveType(Kind.DECIMAL, List.of(), List.of(), precision, scale);
        }

        private HiveType length(Kind kind) {
            expect('(');
            int length = number();
            expect(')');
            if (length < 1 || length > (kind == Kind.CHAR ? 255 : 65535)) {
                throw error(kind.name().toLowerCase(Locale.ROOT) + "(" + length + ") is out of range");
            }
            return new HiveType(kind, List.of(), List.of(), length, 0);
        }

        private HiveType struct() {
            expect('<');
            List<String> names = new ArrayList<>();
            List<HiveType> types = new ArrayList<>();
            skipSpaces();
            while (!peek('>')) {
                if (!names.isEmpty()) {
                    expect(',');
                }
                skipSpaces();
                String name = fieldName().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    throw error("a field name is expected");
                }
                if (names.contains(name)) {
                    throw error("the field '" + name + "' is named twice");
                }
                expect(':');
                names.add(name);
                types.add(type());
                skipSpaces();
            }
            expect('>');
            return new HiveType(Kind.STRUCT, names, types, 0, 0);
        }

        private String fieldName() {
            if (peek('`')) {
                int end = text.indexOf('`', position + 1);
                if (end < 0) {
                    throw error("an unterminated `");
                }
                String name = text.substring(position + 1, end);
                position = end + 1;
                return name;
            }
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            return text.substring(start, position);
        }

        private String word() {
            int start = position;
            while (position < text.length() && Character.isLetter(text.charAt(position))) {
                position++;
            }
            return text.substring(start, position);
        }

        private int number() {
            skipSpaces();
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position || position - start > 6) {
                throw error("a number is expected");
            }
            return Integer.parseInt(text.substring(start, position));
        }

        private boolean peek(char wanted) {
            skipSpaces();
            return position < text.length() && text.charAt(position) == wanted;
        }

        private void expect(char wanted) {
            if (!peek(wanted)) {
                throw error("'" + wanted + "' is expected");
            }
            position++;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("the column type " + text + " is not a Glue/Hive type at character "
                    + (position + 1) + ": " + problem);
        }
    }
}
