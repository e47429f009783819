package dev.wharf.sns.engine.filter;

/**
 * A filter policy that AWS refuses, with the part of AWS's message that follows {@code "Invalid parameter: "} and the
 * operation's own prefix, which {@link FilterPolicy#parse} adds.
 */
final class InvalidFilterPolicy extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private InvalidFilterPolicy(String detail) {
        super(detail, null, false, false);
    }

    /** A reason that AWS gives after {@code "FilterPolicy: "}. */
    static InvalidFilterPolicy of(String reason) {
        return new InvalidFilterPolicy("FilterPolicy: " + reason);
    }

    /** AWS's error for a nested policy in the MessageAttributes scope, which names no parameter. */
    static InvalidFilterPolicy nestedInAttributesScope() {
        return new InvalidFilterPolicy("Filter policy scope MessageAttributes does not support nested filter policy");
    }

    static InvalidFilterPolicy tooComplex() {
        return of("Filter policy is too complex");
    }

    /** The message without {@code "Invalid parameter: "}. */
    String detail() {
        return String.valueOf(getMessage());
    }
}
