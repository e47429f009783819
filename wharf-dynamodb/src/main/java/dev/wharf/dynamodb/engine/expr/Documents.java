package dev.wharf.dynamodb.engine.expr;

import dev.wharf.common.AwsException;
import dev.wharf.dynamodb.api.DynamoDbError;
import dev.wharf.dynamodb.engine.value.Item;
import dev.wharf.dynamodb.engine.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Changes a value deep inside an item, copying what lies on the way, as an update's actions need. */
final class Documents {

    private Documents() {}

    /**
     * The item with the value at the path replaced by {@code change} of the value there (null when there is none); a
     * null result removes it. Throws DynamoDB's ValidationException when the path's parent does not exist or is not
     * a map (for a name) or list (for an index). An index past a list's end appends to it.
     */
    static Item change(Item item, DocumentPath path, UnaryOperator<@Nullable Value> change) {
        String attribute = path.attribute();
        if (path.isTopLevel()) {
            Value changed = change.apply(item.get(attribute));
            return changed == null ? item.without(attribute) : item.with(attribute, changed);
        }
        Value root = item.get(attribute);
        if (root == null) {
            throw invalidPath();
        }
        Value changed = changeIn(root, path.elements(), 1, change);
        return item.with(attribute, changed);
    }

    private static Value changeIn(
            Value container, List<DocumentPath.Element> path, int step, UnaryOperator<@Nullable Value> change) {
        boolean last = step == path.size() - 1;
        DocumentPath.Element element = path.get(step);
        if (element instanceof DocumentPath.Element.Name name && container instanceof Value.M map) {
            LinkedHashMap<String, Value> values = new LinkedHashMap<>(map.values());
            Value child = values.get(name.name());
            Value changed;
            if (last) {
                changed = change.apply(child);
            } else if (child == null) {
                throw invalidPath();
            } else {
                changed = changeIn(child, path, step + 1, change);
            }
            if (changed == null) {
                values.remove(name.name());
            } else {
                values.put(name.name(), changed);
            }
            return new Value.M(values);
        }
        if (element instanceof DocumentPath.Element.Index index && container instanceof Value.L list) {
            List<Value> values = new ArrayList<>(list.values());
            int at = index.index();
            boolean present = at < values.size();
            Value changed;
            if (last) {
                changed = change.apply(present ? values.get(at) : null);
            } else if (!present) {
                throw invalidPath();
            } else {
                changed = changeIn(values.get(at), path, step + 1, change);
            }
            if (changed == null) {
                if (present) {
                    values.remove(at);
                }
            } else if (present) {
                values.set(at, changed);
            } else {
                values.add(changed);
            }
            return new Value.L(values);
        }
        throw invalidPath();
    }

    static AwsException invalidPath() {
        return DynamoDbError.Validation.with(
                "The document path provided in the update expression is invalid for update");
    }
}
