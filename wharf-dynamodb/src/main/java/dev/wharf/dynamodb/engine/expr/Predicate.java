package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import dev.wharf.dynamodb.engine.value.Values;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A condition over an item, as DynamoDB evaluates it: an operand that the item lacks makes every comparison false
 * but {@code <>}, and values of different types are never equal nor ordered.
 */
sealed interface Predicate extends Node {

    boolean test(Item item);

    /** The comparators, by the text that writes them. */
    enum Comparator {
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String text;

        Comparator(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        /** The comparator that holds with the operands swapped: {@code a < b} is {@code b > a}. */
        Comparator swapped() {
            return switch (this) {
                case LESS -> GREATER;
                case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
                case GREATER -> LESS;
                case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
                default -> this;
            };
        }

        boolean holds(@Nullable Value left, @Nullable Value right) {
            if (this == NOT_EQUAL) {
                return left == null || right == null || !Values.equal(left, right);
            }
            if (left == null || right == null) {
                return false;
            }
            if (this == EQUAL) {
                return Values.equal(left, right);
            }
            if (!Values.comparable(left, right)) {
                return false;
            }
            int order = Values.compare(left, right);
            return switch (this) {
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                default -> order >= 0;
            };
        }
    }

    /** {@code left comparator right}. */
    record Comparison(Comparator comparator, Operand left, Operand right) implements Predicate {
        @Override
        public boolean test(Item item) {
            return comparator.holds(Operand.evaluate(left, item), Operand.evaluate(right, item));
        }
    }

    /** {@code operand BETWEEN low AND high}, both bounds included. */
    record Between(Operand operand, Operand low, Operand high) implements Predicate {
        @Override
        public boolean test(Item item) {
            Value value = Operand.evaluate(operand, item);
            Value lowValue = Operand.evaluate(low, item);
            Value highValue = Operand.evaluate(high, item);
            return value != null
                    && lowValue != null
                    && highValue != null
                    && Values.comparable(value, lowValue)
                    && Values.comparable(value, highValue)
                    && Values.compare(lowValue, value) <= 0
                    && Values.compare(value, highValue) <= 0;
        }
    }

    /** {@code operand IN (candidate, ...)}. */
    record In(Operand operand, List<Operand> candidates) implements Predicate {
        @Override
        public boolean test(Item item) {
            Value value = Operand.evaluate(operand, item);
            if (value == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                Value other = Operand.evaluate(candidate, item);
                if (other != null && Values.equal(value, other)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code left AND right}. */
    record And(Predicate left, Predicate right) implements Predicate {
        @Override
        public boolean test(Item item) {
            return left.test(item) && right.test(item);
        }
    }

    /** {@code left OR right}. */
    record Or(Predicate left, Predicate right) implements Predicate {
        @Override
        public boolean test(Item item) {
            return left.test(item) || right.test(item);
        }
    }

    /** {@code NOT operand}. */
    record Not(Predicate operand) implements Predicate {
        @Override
        public boolean test(Item item) {
            return !operand.test(item);
        }
    }

    /** {@code attribute_exists(path)}, or {@code attribute_not_exists(path)} when {@code exists} is false. */
    record Exists(DocumentPath path, boolean exists) implements Predicate {
        @Override
        public boolean test(Item item) {
            return (path.get(item) != null) == exists;
        }
    }

    /** {@code attribute_type(path, :type)}. */
    record AttributeType(Operand operand, Type type) implements Predicate {
        @Override
        public boolean test(Item item) {
            Value value = Operand.evaluate(operand, item);
            return value != null && value.type() == type;
        }
    }

    /** {@code begins_with(operand, prefix)}: a string's or a binary's prefix. */
    record BeginsWith(Operand operand, Operand prefix) implements Predicate {
        @Override
        public boolean test(Item item) {
            Value value = Operand.evaluate(operand, item);
            Value start = Operand.evaluate(prefix, item);
            if (value instanceof Value.S s && start instanceof Value.S p) {
                return s.value().startsWith(p.value());
            }
            return value instanceof Value.B b
                    && start instanceof Value.B p
                    && b.value().startsWith(p.value());
        }
    }

    /**
     * {@code contains(operand, element)}: a substring of a string, a subsequence of a binary, a member of a set of the
     * element's type, or an element of a list equal to it.
     */
    record Contains(Operand operand, Operand element) implements Predicate {
        @Override
        public boolean test(Item item) {
            Value value = Operand.evaluate(operand, item);
            Value part = Operand.evaluate(element, item);
            if (value == null || part == null) {
                return false;
            }
            return switch (value) {
                case Value.S s -> part instanceof Value.S p && s.value().contains(p.value());
                case Value.B b -> part instanceof Value.B p && b.value().contains(p.value());
                case Value.SS ss -> part instanceof Value.S p && ss.values().contains(p.value());
                case Value.NS ns -> part instanceof Value.N p && ns.values().contains(p.value());
                case Value.BS bs -> part instanceof Value.B p && bs.values().contains(p.value());
                case Value.L l -> l.values().contains(part);
                default -> false;
            };
        }
    }

    /** A predicate that always holds, for an empty legacy filter. */
    record True() implements Predicate {
        @Override
        public boolean test(Item item) {
            return true;
        }
    }
}
