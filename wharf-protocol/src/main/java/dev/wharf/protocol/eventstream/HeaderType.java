package dev.wharf.protocol.eventstream;

/** The wire indicators of the header value types, fixed by the format and not open to extension. */
enum HeaderType {
    TRUE(0),
    FALSE(1),
    BYTE(2),
    SHORT(3),
    INTEGER(4),
    LONG(5),
    BYTE_ARRAY(6),
    STRING(7),
    TIMESTAMP(8),
    UUID(9);

    private final byte id;

    HeaderType(int id) {
        this.id = (byte) id;
    }

    byte id() {
        return id;
    }
}
