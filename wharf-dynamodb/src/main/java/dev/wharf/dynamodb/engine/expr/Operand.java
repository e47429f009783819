package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Type;
import dev.wharf.dynamodb.engine.value.Value;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * What an expression compares or assigns: a document path, a {@code :value}, or a function of other operands
 * ({@code size} in conditions; {@code if_not_exists}, {@code list_append}, {@code +} and {@code -} in SET).
 */
sealed interface Operand extends Node {

    /**
     * The type the operand has whatever the item, as DynamoDB checks types before it reads the item; null when only
     * the item tells (a path).
     */
    @Nullable
    Type knownType();

    /** A document path. */
    record Path(DocumentPath path) implements Operand {
        @Override
        public @Nullable Type knownType() {
            return null;
        }
    }

    /** A {@code :value}; its value is null only while its placeholder is undefined, which the parser then reports. */
    record Literal(@Nullable Value value, String placeholder) implements Operand {
        @Override
        public @Nullable Type knownType() {
            return value == null ? null : value.type();
        }

        Value get() {
            if (value == null) {
                throw new IllegalStateException("an undefined placeholder was evaluated: " + placeholder);
            }
            return value;
        }
    }

    /** {@code size(operand)}. */
    record Size(Operand of) implements Operand {
        @Override
        public Type knownType() {
            return Type.N;
        }
    }

    /** {@code if_not_exists(path, operand)}. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        @Override
        public @Nullable Type knownType() {
            return fallback.knownType();
        }
    }

    /** {@code list_append(list, list)}. */
    record ListAppend(Operand first, Operand second) implements Operand {
        @Override
        public Type knownType() {
            return Type.L;
        }
    }

    /** {@code operand + operand} or {@code operand - operand}. */
    record Arithmetic(boolean plus, Operand left, Operand right) implements Operand {
        @Override
        public Type knownType() {
            return Type.N;
        }
    }

    /**
     * The operand's value in a condition over the item, or null when there is none: a missing path, or the size of
     * a value that has none (a number, a boolean, a null). Only condition operands reach here.
     */
    static @Nullable Value evaluate(Operand operand, Item item) {
        return switch (operand) {
            case Path path -> path.path().get(item);
            case Literal literal -> literal.get();
            case Size size -> {
                Value of = evaluate(size.of(), item);
                yield of == null ? null : size(of);
            }
            case IfNotExists ignored -> throw new IllegalStateException("if_not_exists outside SET");
            case ListAppend ignored -> throw new IllegalStateException("list_append outside SET");
            case Arithmetic ignored -> throw new IllegalStateException("arithmetic outside SET");
        };
    }

    /**
     * DynamoDB's {@code size}: a string's length, a binary's bytes, a set's, list's or map's elements; none for a
     * number, boolean or null. A string's length counts UTF-16 code units, as Java (DynamoDB's language) counts them.
     */
    static Value.@Nullable N size(Value value) {
        int size =
                switch (value) {
                    case Value.S s -> s.value().length();
                    case Value.B b -> b.value().length();
                    case Value.SS ss -> ss.values().size();
                    case Value.NS ns -> ns.values().size();
                    case Value.BS bs -> bs.values().size();
                    case Value.L l -> l.values().size();
                    case Value.M m -> m.values().size();
                    case Value.N ignored -> -1;
                    case Value.Bool ignored -> -1;
                    case Value.Null ignored -> -1;
                };
        return size < 0 ? null : new Value.N(BigDecimal.valueOf(size));
    }
}
