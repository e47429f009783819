package dev.wharf.dynamodb.engine.value;

import org.jspecify.annotations.Nullable;

/** DynamoDB's data types, by the descriptors that the wire and {@code attribute_type} use. */
public enum Type {
    S("STRING"),
    N("NUMBER"),
    B("BINARY"),
    BOOL("BOOLEAN"),
    NULL("NULL"),
    L("LIST"),
    M("MAP"),
    SS("STRING_SET"),
    NS("NUMBER_SET"),
    BS("BINARY_SET");

    private final String longName;

    Type(String longName) {
        this.longName = longName;
    }

    /**
     * The name that some of DynamoDB's messages use instead of the descriptor, for example "operand type: STRING" in
     * an update's ADD.
     */
    public String longName() {
        return longName;
    }

    /** True for S, N and B, the types a key attribute may have. */
    public boolean isScalarKeyType() {
        return this == S || this == N || this == B;
    }

    /** True for SS, NS and BS. */
    public boolean isSet() {
        return this == SS || this == NS || this == BS;
    }

    /** The type named by a descriptor exactly as DynamoDB spells it ("S", "NS", ...), or null for none. */
    public static @Nullable Type byDescriptor(String descriptor) {
        for (Type type : values()) {
            if (type.name().equals(descriptor)) {
                return type;
            }
        }
        return null;
    }
}
