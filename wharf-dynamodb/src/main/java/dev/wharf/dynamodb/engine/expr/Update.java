package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.api.DynamoDbLimits;
import dev.wharf.dynamodb.engine.value.Bytes;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Numbers;
import dev.wharf.dynamodb.engine.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import org.jspecify.annotations.Nullable;

/**
 * A parsed UpdateExpression (or legacy AttributeUpdates): actions that make a new item from the old one. Immutable
 * and thread-safe.
 *
 * <p>As in DynamoDB, every operand is read from the item as it was before the update; SET and ADD and DELETE then
 * apply in the order written, and REMOVE last, list elements from the highest index down, so that each index names
 * an element of the list as it was.
 */
public final class Update {

    private final List<Action> actions;

    Update(List<Action> actions) {
        this.actions = List.copyOf(actions);
    }

    /** Parses an UpdateExpression; throws DynamoDB's ValidationException for one that DynamoDB refuses. */
    public static Update parse(ExpressionContext context, String expression) {
        TokenStream in = new TokenStream("UpdateExpression", expression, context, UpdateParser.KEYWORDS);
        return new Update(UpdateParser.parse(in));
    }

    /** The document paths the update changes, in the order written. */
    public List<DocumentPath> paths() {
        List<DocumentPath> paths = new ArrayList<>(actions.size());
        for (Action action : actions) {
            paths.add(action.path());
        }
        return paths;
    }

    /**
     * Throws DynamoDB's ValidationException when an action touches a key attribute, at its top or inside it: keys
     * are never updated.
     */
    public void checkKeys(Collection<String> keyAttributes) {
        for (Action action : actions) {
            if (keyAttributes.contains(action.path().attribute())) {
                throw DynamoDbError.Validation.with(
                        "One or more parameter values were invalid: Cannot update attribute "
                                + action.path().attribute() + ". This attribute is part of the key");
            }
        }
    }

    /**
     * The item after the update. {@code old} is the item as stored, or for an item that does not exist yet, an item
     * of its key attributes alone. Throws DynamoDB's ValidationException for an operand that the item lacks or of the
     * wrong type, a path into nothing, a number out of range, or a new item over 400 KB.
     */
    public Result apply(Item old) {
        List<@Nullable Value> values = new ArrayList<>(actions.size());
        for (Action action : actions) {
            values.add(action instanceof Action.Set set ? evaluate(set.value(), old) : null);
        }
        Item item = old;
        List<Action.Remove> removes = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            Value value = values.get(i);
            switch (action) {
                case Action.Set set -> item = Documents.change(item, set.path(), ignored -> value);
                case Action.Add add -> item = Documents.change(item, add.path(), current -> add(add, current));
                case Action.Delete delete ->
                    item = Documents.change(item, delete.path(), current -> delete(delete, current));
                case Action.Remove remove -> removes.add(remove);
            }
        }
        removes.sort(Comparator.comparing(Action.Remove::path, Update::laterFirst));
        for (Action.Remove remove : removes) {
            item = Documents.change(item, remove.path(), ignored -> null);
        }
        if (item.sizeBytes() > DynamoDbLimits.ITEM_SIZE_BYTES_MAX) {
            throw DynamoDbError.Validation.with("Item size to update has exceeded the maximum allowed size");
        }
        return new Result(old, item, paths());
    }

    /**
     * A total order of REMOVE paths in which, of two indexes into one list, the higher comes first: by the list's
     * path (or the path itself for a name), then by index, descending.
     */
    private static int laterFirst(DocumentPath a, DocumentPath b) {
        int byParent = removeGroup(a).compareTo(removeGroup(b));
        if (byParent != 0) {
            return byParent;
        }
        return Integer.compare(removeIndex(b), removeIndex(a));
    }

    private static String removeGroup(DocumentPath path) {
        return path.last() instanceof DocumentPath.Element.Index ? path.parent().toString() : path.toString();
    }

    private static int removeIndex(DocumentPath path) {
        return path.last() instanceof DocumentPath.Element.Index index ? index.index() : -1;
    }

    /** What an update made, and what it had to work on, for ReturnValues. */
    public record Result(Item old, Item item, List<DocumentPath> paths) {

        /** ReturnValues UPDATED_OLD: the updated paths as they were before the update. */
        public Item updatedOld() {
            return Projection.of(paths).project(old);
        }

        /** ReturnValues UPDATED_NEW: the updated paths as they are after it. */
        public Item updatedNew() {
            return Projection.of(paths).project(item);
        }
    }

    private static Value evaluate(Operand operand, Item old) {
        return switch (operand) {
            case Operand.Path path -> {
                Value value = path.path().get(old);
                if (value == null) {
                    throw DynamoDbError.Validation.with(
                            "The provided expression refers to an attribute that does not exist in the item");
                }
                yield value;
            }
            case Operand.Literal literal -> literal.get();
            case Operand.IfNotExists ifNotExists -> {
                Value value = ifNotExists.path().get(old);
                yield value != null ? value : evaluate(ifNotExists.fallback(), old);
            }
            case Operand.ListAppend append -> {
                Value first = evaluate(append.first(), old);
                Value second = evaluate(append.second(), old);
                if (!(first instanceof Value.L a) || !(second instanceof Value.L b)) {
                    throw incorrectType();
                }
                List<Value> joined = new ArrayList<>(a.values());
                joined.addAll(b.values());
                yield new Value.L(joined);
            }
            case Operand.Arithmetic arithmetic -> {
                Value left = evaluate(arithmetic.left(), old);
                Value right = evaluate(arithmetic.right(), old);
                if (!(left instanceof Value.N a) || !(right instanceof Value.N b)) {
                    throw incorrectType();
                }
                BigDecimal result =
                        arithmetic.plus() ? a.value().add(b.value()) : a.value().subtract(b.value());
                yield new Value.N(Numbers.checked(result));
            }
            case Operand.Size ignored -> throw new IllegalStateException("size in an update");
        };
    }

    private static Value add(Action.Add add, @Nullable Value current) {
        Value value = add.value();
        if (current == null) {
            return value;
        }
        return switch (value) {
            case Value.N n
            when current instanceof Value.N c ->
                new Value.N(Numbers.checked(c.value().add(n.value())));
            case Value.SS s when current instanceof Value.SS c -> new Value.SS(union(c.values(), s.values()));
            case Value.NS s when current instanceof Value.NS c -> new Value.NS(union(c.values(), s.values()));
            case Value.BS s when current instanceof Value.BS c -> new Value.BS(union(c.values(), s.values()));
            case Value.L l
            when add.legacy() && current instanceof Value.L c -> {
                List<Value> joined = new ArrayList<>(c.values());
                joined.addAll(l.values());
                yield new Value.L(joined);
            }
            default -> throw mismatch(add.legacy());
        };
    }

    private static @Nullable Value delete(Action.Delete delete, @Nullable Value current) {
        if (current == null) {
            return null;
        }
        Value value = delete.value();
        if (value instanceof Value.SS s && current instanceof Value.SS c) {
            SequencedSet<String> left = difference(c.values(), s.values());
            return left.isEmpty() ? null : new Value.SS(left);
        }
        if (value instanceof Value.NS s && current instanceof Value.NS c) {
            SequencedSet<BigDecimal> left = difference(c.values(), s.values());
            return left.isEmpty() ? null : new Value.NS(left);
        }
        if (value instanceof Value.BS s && current instanceof Value.BS c) {
            SequencedSet<Bytes> left = difference(c.values(), s.values());
            return left.isEmpty() ? null : new Value.BS(left);
        }
        throw mismatch(delete.legacy());
    }

    private static <T> SequencedSet<T> union(SequencedSet<T> current, SequencedSet<T> added) {
        SequencedSet<T> union = new LinkedHashSet<>(current);
        union.addAll(added);
        return union;
    }

    private static <T> SequencedSet<T> difference(SequencedSet<T> current, SequencedSet<T> removed) {
        SequencedSet<T> left = new LinkedHashSet<>(current);
        left.removeAll(removed);
        return left;
    }

    private static RuntimeException mismatch(boolean legacy) {
        return legacy ? DynamoDbError.Validation.with("Type mismatch for attribute to update") : incorrectType();
    }

    private static RuntimeException incorrectType() {
        return DynamoDbError.Validation.with("An operand in the update expression has an incorrect data type");
    }
}
