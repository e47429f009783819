package dev.wharf.cloudwatch.engine.math;

import java.util.Set;

/**
 * A parsed metric math expression, which {@link MetricMath#parse} makes, and the Ids it references.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Expression {

    private final String text;

    @SuppressWarnings("UnusedVariable") // Evaluated by the commit that follows.
    private final Node root;

    private final Set<String> references;

    Expression(String text, Node root, Set<String> references) {
        this.text = text;
        this.root = root;
        this.references = references;
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /**
     * The query Ids that the expression names, in order of first appearance, so that the caller can evaluate them
     * first and refuse unknown Ids and cycles. {@code METRICS()} names none: it reads only MetricStat queries.
     */
    public Set<String> references() {
        return references;
    }

    @Override
    public String toString() {
        return text;
    }
}
