package dev.wharf.sns.engine.message;

import org.jspecify.annotations.Nullable;

/**
 * The values of a topic's {@code SignatureVersion} attribute and the signature algorithm each one names: 1 signs with
 * SHA1withRSA (the default of every topic), 2 with SHA256withRSA.
 */
public enum SignatureVersion {
    V1("1", "SHA1withRSA"),
    V2("2", "SHA256withRSA");

    private final String value;
    private final String algorithm;

    SignatureVersion(String value, String algorithm) {
        this.value = value;
        this.algorithm = algorithm;
    }

    /** The attribute's value, as the documents carry it: {@code "1"} or {@code "2"}. */
    public String value() {
        return value;
    }

    /** The JCA name of the signature algorithm. */
    String algorithm() {
        return algorithm;
    }

    /** The version that an attribute value names, or null when it names none. */
    public static @Nullable SignatureVersion fromValue(String value) {
        for (SignatureVersion version : values()) {
            if (version.value.equals(value)) {
                return version;
            }
        }
        return null;
    }
}
