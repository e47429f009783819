package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/** Writes a shape of a model as one line of text, so that two models of a service can be compared as strings. */
final class ModelViews {

    /** What a view shows besides shapes and member names. */
    enum View {
        /** What the JSON protocols see: member names, types, and which lists and maps are flattened. */
        JSON,
        /** What the Query protocol sees: the names it reads and writes, types and flattening. */
        QUERY
    }

    private static final int MAX_DEPTH = 12;

    private ModelViews() {}

    /** Describes an operation's input or output; no shape and Smithy's {@code Unit} both read as {@code {}}. */
    static String describe(ServiceModel model, @Nullable String shapeId, View view) {
        if (shapeId == null || shapeId.equals("smithy.api#Unit")) {
            return "{}";
        }
        StringBuilder out = new StringBuilder();
        write(out, model, model.shape(shapeId), view, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, ServiceModel model, Shape shape, View view, int depth) {
        if (depth > MAX_DEPTH) {
            out.append("...");
            return;
        }
        switch (shape.type()) {
            case STRUCTURE -> {
                out.append('{');
                String separator = "";
                for (Member member : shape.members().values()) {
                    out.append(separator);
                    member(out, model, member, view, depth);
                    separator = ", ";
                }
                out.append('}');
            }
            case LIST -> {
                out.append("list<");
                member(out, model, java.util.Objects.requireNonNull(shape.member()), view, depth);
                out.append('>');
            }
            case MAP -> {
                out.append("map<");
                member(out, model, java.util.Objects.requireNonNull(shape.key()), view, depth);
                out.append(" -> ");
                member(out, model, java.util.Objects.requireNonNull(shape.value()), view, depth);
                out.append('>');
            }
            // The SDK marshals enums as strings, so a model's enums read as strings in every view.
            case ENUM -> out.append(ShapeType.STRING);
            default -> out.append(shape.type());
        }
    }

    private static void member(StringBuilder out, ServiceModel model, Member member, View view, int depth) {
        out.append(view == View.QUERY ? member.queryName() : member.name());
        if (member.flattened()) {
            out.append("(flattened)");
        }
        out.append(": ");
        write(out, model, model.shape(member.target()), view, depth + 1);
    }
}
