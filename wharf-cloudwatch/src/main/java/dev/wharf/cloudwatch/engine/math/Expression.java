package dev.wharf.cloudwatch.engine.math;

import java.util.Set;

/**
 * A parsed metric math expression, which {@link MetricMath#parse} makes: the Ids it references, and its evaluation.
 *
 * <p>Immutable and safe to share between threads; each {@link #evaluate} call has its own state.
 */
public final class Expression {

    private final String text;
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

    /**
     * Evaluates the expression against the request's other queries.
     *
     * @throws MathException for an evaluation error: an Id that the context lacks, an argument of the wrong type, a
     *     bound exceeded, or a result that is a scalar, as "the final result of any math expression must be a single
     *     time series or an array of time series"
     */
    public Evaluation evaluate(MathContext context) {
        EvaluationScope scope = new EvaluationScope(context);
        MathValue value = new Evaluator(scope).evaluate(root);
        if (value instanceof MathValue.Scalar) {
            throw new MathException(
                    "The result of an expression must be a time series or an array of time series, not a scalar");
        }
        return new Evaluation(value, scope.anyDropped());
    }

    @Override
    public String toString() {
        return text;
    }
}
