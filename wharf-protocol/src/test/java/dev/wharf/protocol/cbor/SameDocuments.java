package dev.wharf.protocol.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;

/**
 * Compares documents as a binding reads them: numbers by value (the JSON codec keeps a number as the client wrote it,
 * {@code 1.796E9}, and a binding reads it with {@code decimalValue()}), NaN equal to NaN, and a binary blob equal to
 * its base64 text, as the expected documents spell blobs.
 */
public final class SameDocuments {

    private SameDocuments() {}

    /** Asserts that two documents hold the same members and values, compared as above. */
    public static void assertSame(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals(SameDocuments::compareNodes, expected))
                .as("%s equals %s", actual, expected)
                .isTrue();
    }

    private static int compareNodes(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            boolean finite = Double.isFinite(a.doubleValue()) && Double.isFinite(b.doubleValue());
            return finite
                    ? a.decimalValue().compareTo(b.decimalValue())
                    : Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (a.isBinary() != b.isBinary() && (a.isBinary() || a.isTextual()) && (b.isBinary() || b.isTextual())) {
            return base64(a).equals(base64(b)) ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    }

    private static String base64(JsonNode node) {
        try {
            return node.isBinary() ? Base64.getEncoder().encodeToString(node.binaryValue()) : node.asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
