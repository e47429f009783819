package dev.wharf.protocol.model;

import java.util.Locale;

/** The Smithy shape types that codecs distinguish. */
public enum ShapeType {
    STRUCTURE,
    LIST,
    MAP,
    STRING,
    ENUM,
    INTEGER,
    LONG,
    BOOLEAN,
    BLOB,
    TIMESTAMP,
    DOUBLE,
    OTHER;

    static ShapeType of(String smithyType) {
        return switch (smithyType) {
            case "structure", "union" -> STRUCTURE;
            case "list", "set" -> LIST;
            case "map" -> MAP;
            case "string" -> STRING;
            case "enum" -> ENUM;
            case "integer", "short", "byte", "intEnum" -> INTEGER;
            case "long", "bigInteger" -> LONG;
            case "boolean" -> BOOLEAN;
            case "blob" -> BLOB;
            case "timestamp" -> TIMESTAMP;
            case "double", "float", "bigDecimal" -> DOUBLE;
            default -> OTHER;
        };
    }

    boolean isScalar() {
        return this != STRUCTURE && this != LIST && this != MAP;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
