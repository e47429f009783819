package dev.wharf.dynamodb.engine.expr;

import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A parsed ProjectionExpression (or legacy AttributesToGet): the document paths of an item that a read returns.
 * Immutable and thread-safe.
 *
 * <p>A nested path returns its value inside the maps and lists that lead to it, holding only what was asked for; of a
 * list, the asked elements that exist come back in index order, closed up.
 */
public final class Projection {

    private static final List<Problem> ORDER =
            List.of(Problem.RESERVED_WORD, Problem.UNDEFINED_NAME, Problem.PATH_OVERLAP, Problem.PATH_CONFLICT);

    private final List<DocumentPath> paths;
    private final Selection root = new Selection();

    private Projection(List<DocumentPath> paths) {
        this.paths = List.copyOf(paths);
        for (DocumentPath path : this.paths) {
            Selection selection = root;
            for (DocumentPath.Element element : path.elements()) {
                selection = selection.child(element);
            }
            selection.whole = true;
        }
    }

    /** The projection of these paths, which must neither overlap nor conflict. */
    static Projection of(List<DocumentPath> paths) {
        return new Projection(paths);
    }

    /** Parses a ProjectionExpression; throws DynamoDB's ValidationException for one that DynamoDB refuses. */
    public static Projection parse(ExpressionContext context, String expression) {
        TokenStream in = new TokenStream("ProjectionExpression", expression, context, List.of());
        List<DocumentPath> paths = new ArrayList<>();
        do {
            DocumentPath path = in.path();
            in.checkClashes(paths, path);
            paths.add(path);
        } while (in.accept(Token.Kind.COMMA));
        in.expectEnd();
        in.throwProblems(ORDER);
        return new Projection(paths);
    }

    /** The paths, in the order written. */
    public List<DocumentPath> paths() {
        return paths;
    }

    /** The top-level attributes the projection reads, in order. */
    public SequencedSet<String> attributes() {
        SequencedSet<String> attributes = new java.util.LinkedHashSet<>();
        for (DocumentPath path : paths) {
            attributes.add(path.attribute());
        }
        return attributes;
    }

    /** The part of the item that the projection asks for. */
    public Item project(Item item) {
        LinkedHashMap<String, Value> attributes = new LinkedHashMap<>();
        for (Map.Entry<DocumentPath.Element, Selection> entry : root.names.entrySet()) {
            String name = ((DocumentPath.Element.Name) entry.getKey()).name();
            Value value = item.get(name);
            Value selected = value == null ? null : entry.getValue().select(value);
            if (selected != null) {
                attributes.put(name, selected);
            }
        }
        return Item.of(attributes);
    }

    /** The tree of the paths: at each step, the map keys and list indexes asked for, or the whole value. */
    private static final class Selection {
        private final Map<DocumentPath.Element, Selection> names = new LinkedHashMap<>();
        private final TreeMap<Integer, Selection> indexes = new TreeMap<>();
        private boolean whole;

        Selection child(DocumentPath.Element element) {
            if (element instanceof DocumentPath.Element.Index index) {
                return indexes.computeIfAbsent(index.index(), ignored -> new Selection());
            }
            return names.computeIfAbsent(element, ignored -> new Selection());
        }

        @Nullable
        Value select(Value value) {
            if (whole) {
                return value;
            }
            if (value instanceof Value.M map && !names.isEmpty()) {
                LinkedHashMap<String, Value> selected = new LinkedHashMap<>();
                for (Map.Entry<DocumentPath.Element, Selection> entry : names.entrySet()) {
                    String name = ((DocumentPath.Element.Name) entry.getKey()).name();
                    Value child = map.values().get(name);
                    Value part = child == null ? null : entry.getValue().select(child);
                    if (part != null) {
                        selected.put(name, part);
                    }
                }
                return selected.isEmpty() ? null : new Value.M(selected);
            }
            if (value instanceof Value.L list && !indexes.isEmpty()) {
                List<Value> selected = new ArrayList<>();
                for (Map.Entry<Integer, Selection> entry : indexes.entrySet()) {
                    if (entry.getKey() < list.values().size()) {
                        Value part = entry.getValue().select(list.values().get(entry.getKey()));
                        if (part != null) {
                            selected.add(part);
                        }
                    }
                }
                return selected.isEmpty() ? null : new Value.L(selected);
            }
            return null;
        }
    }
}
