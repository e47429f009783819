package dev.wharf.cloudwatch.engine.math;

import java.util.ArrayList;
import java.util.List;

/** Evaluates a parsed expression's tree against the scope of one evaluation, node by node, depth first. */
final class Evaluator {

    private final EvaluationScope scope;

    Evaluator(EvaluationScope scope) {
        this.scope = scope;
    }

    MathValue evaluate(Node node) {
        return switch (node) {
            case Node.Constant constant -> new MathValue.Scalar(constant.value());
            case Node.Reference reference -> reference(reference.id());
            case Node.Negate negate -> Arithmetic.map(evaluate(negate.operand()), v -> -v, scope);
            case Node.Not not -> Arithmetic.map(evaluate(not.operand()), v -> Operator.truth(v == 0), scope);
            case Node.Binary binary ->
                Arithmetic.binary(binary.operator(), evaluate(binary.left()), evaluate(binary.right()), scope);
            case Node.Array array -> SeriesArrays.literal(all(array.elements()));
            case Node.Call call -> call(call.function(), call.arguments());
            case Node.Text text -> throw new IllegalStateException("a string outside METRICS: " + text);
            case Node.Keyword keyword -> throw new IllegalStateException("a keyword out of place: " + keyword);
        };
    }

    private MathValue reference(String id) {
        MathValue value = scope.context().value(id);
        if (value == null) {
            throw new MathException("Unknown Id: " + id);
        }
        return value;
    }

    private List<MathValue> all(List<Node> nodes) {
        List<MathValue> values = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            values.add(evaluate(node));
        }
        return values;
    }

    private MathValue call(Function function, List<Node> arguments) {
        return switch (function) {
            case ABS -> Arithmetic.map(first(arguments), Math::abs, scope);
            case CEIL -> Arithmetic.map(first(arguments), Math::ceil, scope);
            case FLOOR -> Arithmetic.map(first(arguments), Math::floor, scope);
            case LOG -> Arithmetic.map(first(arguments), Math::log, scope);
            case LOG10 -> Arithmetic.map(first(arguments), Math::log10, scope);
            case AVG, MAX, MIN, SUM, STDDEV, DATAPOINT_COUNT -> Reductions.reduce(function, first(arguments), scope);
            case DIFF, DIFF_TIME, RATE, RUNNING_SUM -> Transforms.apply(function, first(arguments), scope);
            case MINUTE, HOUR, DAY, DATE, MONTH, YEAR, EPOCH -> Calendar.of(function, first(arguments), scope);
            case TIME_SERIES -> Calendar.constant(Values.scalar(first(arguments), function, 1), scope);
            case FILL -> Fill.fill(first(arguments), filler(arguments.get(1)), scope);
            case IF ->
                Conditional.of(
                        first(arguments),
                        evaluate(arguments.get(1)),
                        arguments.size() > 2 ? evaluate(arguments.get(2)) : null,
                        scope);
            case METRICS ->
                SeriesArrays.metrics(
                        arguments.isEmpty() ? null : ((Node.Text) arguments.get(0)).value(), scope.context());
            case METRIC_COUNT ->
                new MathValue.Scalar(Values.array(first(arguments), function, 1).size());
            case FIRST, LAST ->
                SeriesArrays.firstOrLast(Values.array(first(arguments), function, 1), function == Function.FIRST);
            case REMOVE_EMPTY -> SeriesArrays.removeEmpty(Values.array(first(arguments), function, 1));
            case SLICE -> slice(arguments);
            case SORT -> sort(arguments);
            case PERIOD -> period(((Node.Reference) arguments.get(0)).id());
        };
    }

    private MathValue first(List<Node> arguments) {
        return evaluate(arguments.get(0));
    }

    private Fill.Filler filler(Node argument) {
        if (argument instanceof Node.Keyword keyword) {
            return keyword.word().equals("REPEAT") ? new Fill.Filler.Repeat() : new Fill.Filler.Linear();
        }
        return switch (evaluate(argument)) {
            case MathValue.Scalar scalar -> new Fill.Filler.Constant(scalar.value());
            case MathValue.Series series -> new Fill.Filler.FromSeries(series.series());
            case MathValue.SeriesArray array ->
                throw Values.wrongType(Function.FILL, 2, "a scalar, a time series, REPEAT or LINEAR", array);
        };
    }

    private MathValue slice(List<Node> arguments) {
        List<TimeSeries> array = Values.array(first(arguments), Function.SLICE, 1);
        int start = Values.count(evaluate(arguments.get(1)), Function.SLICE, 2, 0);
        int end = arguments.size() > 2
                ? Values.count(evaluate(arguments.get(2)), Function.SLICE, 3, 0)
                : Integer.MAX_VALUE;
        return SeriesArrays.slice(array, start, end);
    }

    private MathValue sort(List<Node> arguments) {
        List<TimeSeries> array = Values.array(first(arguments), Function.SORT, 1);
        Statistic statistic = Statistic.valueOf(((Node.Keyword) arguments.get(1)).word());
        boolean descending = ((Node.Keyword) arguments.get(2)).word().equals("DESC");
        int limit = arguments.size() > 3
                ? Values.count(evaluate(arguments.get(3)), Function.SORT, 4, 1)
                : Integer.MAX_VALUE;
        return SeriesArrays.sort(array, statistic, descending, limit);
    }

    /** PERIOD: the period of a metric, which the guide says must be a MetricStat query and not an expression. */
    private MathValue period(String id) {
        reference(id);
        for (MathContext.Named named : scope.context().metrics()) {
            if (named.id().equals(id)) {
                return new MathValue.Scalar(scope.context().periodSeconds());
            }
        }
        throw new MathException("PERIOD's argument must be the Id of a metric, not of an expression: " + id);
    }
}
