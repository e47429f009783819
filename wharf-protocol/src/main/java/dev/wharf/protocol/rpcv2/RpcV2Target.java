package dev.wharf.protocol.rpcv2;

import org.jspecify.annotations.Nullable;

/**
 * The service and operation that a Smithy RPC v2 CBOR request names in its path, {@code
 * {prefix?}/service/{serviceName}/operation/{operationName}}.
 *
 * <p>A request is the protocol's when it has that path and the {@code smithy-protocol: rpc-v2-cbor} header, both; its
 * method and content type are checked later, so that a request recognised here is answered in the protocol's own shape
 * whatever else is wrong with it. This class loads no CBOR classes: the router asks it about every request.
 *
 * @param service the service shape's name, without its namespace: Smithy has servers route {@code
 *     com.example.TheService} as {@code TheService}
 * @param operation the operation's name, which may not carry a namespace
 */
public record RpcV2Target(String service, String operation) {

    /** The header that names the protocol, in the lower case in which the transport hands header names over. */
    public static final String PROTOCOL_HEADER = "smithy-protocol";

    /** The protocol header's value. */
    public static final String PROTOCOL = "rpc-v2-cbor";

    private static final String SERVICE_SEGMENT = "service";
    private static final String OPERATION_SEGMENT = "operation";

    /**
     * The target of a request, or null when the request is not Smithy RPC v2 CBOR.
     *
     * @param rawPath the request's path, without its query string, still percent-encoded (the names are identifiers,
     *     which have nothing to encode)
     * @param protocolHeader the value of the {@code smithy-protocol} header, or null without one
     */
    public static @Nullable RpcV2Target of(String rawPath, @Nullable String protocolHeader) {
        if (protocolHeader == null || !protocolHeader.strip().equals(PROTOCOL)) {
            return null;
        }
        // Only the last four segments route; a prefix before them (v1/service/...) does not.
        String[] segments = rawPath.split("/", -1);
        int n = segments.length;
        if (n < 5
                || !segments[n - 4].equals(SERVICE_SEGMENT)
                || !segments[n - 2].equals(OPERATION_SEGMENT)
                || !isIdentifier(segments[n - 1])) {
            return null;
        }
        String service = segments[n - 3];
        String name = service.substring(service.lastIndexOf('.') + 1);
        for (String part : service.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return null;
            }
        }
        return new RpcV2Target(name, segments[n - 1]);
    }

    /** Smithy's {@code Identifier}: a letter, or underscores and a letter or digit, then letters, digits, underscores. */
    static boolean isIdentifier(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '_') {
            i++;
        }
        if (i == text.length() || (i == 0 ? !isLetter(text.charAt(i)) : !isLetterOrDigit(text.charAt(i)))) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (!isLetterOrDigit(text.charAt(i)) && text.charAt(i) != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || (c >= '0' && c <= '9');
    }
}
