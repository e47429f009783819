package dev.wharf.cloudwatch.engine.math;

/**
 * An expression that AWS refuses, at parse or at evaluation, with the reason as its message; the caller answers it as
 * a {@code ValidationError} for the query that holds the expression.
 */
public final class MathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MathException(String message) {
        super(message, null, false, false);
    }
}
