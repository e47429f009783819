package dev.wharf.sns.engine.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated filter policy as its JSON nests it, before its {@code $or}s are expanded into branches; it answers the
 * questions of AWS's constraints (how many keys, whether nested, how many combinations) without expanding anything.
 */
final class PolicyTree {

    private PolicyTree() {}

    /** A JSON object of the policy: its properties, nested objects and {@code $or}s, each name once. */
    record Group(List<Member> members) {}

    /** One member of a {@link Group}. */
    sealed interface Member {}

    /** A property whose value is an array of conditions. */
    record Leaf(String name, List<Condition> conditions) implements Member {}

    /** A property whose value is a nested object, which only the MessageBody scope allows. */
    record Nested(String name, Group group) implements Member {}

    /** An {@code $or}: at least two objects, of which the message must match one. */
    record AnyOf(List<Group> alternatives) implements Member {}

    /** Whether any property's value is an object, inside {@code $or}s too. */
    static boolean nested(Group group) {
        for (Member member : group.members()) {
            boolean nested =
                    switch (member) {
                        case Leaf leaf -> false;
                        case Nested inner -> true;
                        case AnyOf anyOf -> anyOf.alternatives().stream().anyMatch(PolicyTree::nested);
                    };
            if (nested) {
                return true;
            }
        }
        return false;
    }

    /**
     * AWS's total combination of values, computed arithmetically and saturated just past the limit, so that no policy
     * costs more than its size to measure.
     *
     * <p>AWS multiplies the number of values of every property, each times the nesting depth of its key (the developer
     * guide's example: four values three levels deep and three values two levels deep give 3 × 4 × 2 × 3 = 72). The
     * alternatives of an {@code $or} add up, at the depth of the object that holds the {@code $or}; AWS's own test of
     * {@code {"source": [4 values], "$or": [{"metricName": [6]}, {"metricType": [4], "$or": [{"metricId": [4]},
     * {"spaceId": [4]}]}]}} counts 4 × 6 + 4 × 4 × 4 + 4 × 4 × 4 = 152.
     */
    static long combinations(Group group) {
        return combinations(group, 1);
    }

    private static long combinations(Group group, int depth) {
        long product = 1;
        for (Member member : group.members()) {
            long factor =
                    switch (member) {
                        case Leaf leaf -> (long) depth * leaf.conditions().size();
                        case Nested nested -> combinations(nested.group(), depth + 1);
                        case AnyOf anyOf -> {
                            long sum = 0;
                            for (Group alternative : anyOf.alternatives()) {
                                sum = saturate(sum + combinations(alternative, depth));
                            }
                            yield sum;
                        }
                    };
            product = saturate(product * saturate(factor));
        }
        return product;
    }

    /** Both operands are at most just past the limit, so neither sums nor products of them overflow. */
    private static long saturate(long value) {
        return Math.min(value, FilterPolicyLimits.COMBINATIONS_MAX + 1);
    }

    /**
     * Expands the {@code $or}s as AWS's matcher does: each alternative copies the branches so far. Call it only on a
     * policy within the combination limit, which bounds the branches: each adds at least one combination.
     */
    static List<Branch> branches(Group group) {
        List<Map<String, List<Condition>>> partial = new ArrayList<>();
        partial.add(new LinkedHashMap<>());
        partial = expand(group, "", partial);
        List<Branch> branches = new ArrayList<>(partial.size());
        for (Map<String, List<Condition>> rules : partial) {
            if (rules.size() > FilterPolicyLimits.BRANCH_KEYS_MAX) {
                throw InvalidFilterPolicy.tooComplex();
            }
            List<Branch.Rule> list = new ArrayList<>(rules.size());
            rules.forEach((path, conditions) -> list.add(rule(path, conditions)));
            branches.add(new Branch(List.copyOf(list)));
        }
        return List.copyOf(branches);
    }

    private static List<Map<String, List<Condition>>> expand(
            Group group, String prefix, List<Map<String, List<Condition>>> partial) {
        List<Map<String, List<Condition>>> current = partial;
        for (Member member : group.members()) {
            switch (member) {
                case Leaf leaf -> current.forEach(rules -> rules.put(path(prefix, leaf.name()), leaf.conditions()));
                case Nested nested -> current = expand(nested.group(), path(prefix, nested.name()), current);
                case AnyOf anyOf -> {
                    List<Map<String, List<Condition>>> next = new ArrayList<>();
                    for (Group alternative : anyOf.alternatives()) {
                        List<Map<String, List<Condition>>> copies = new ArrayList<>(current.size());
                        current.forEach(rules -> copies.add(new LinkedHashMap<>(rules)));
                        next.addAll(expand(alternative, prefix, copies));
                    }
                    current = next;
                }
            }
        }
        return current;
    }

    private static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static Branch.Rule rule(String path, List<Condition> conditions) {
        boolean absence = false;
        List<Condition> values = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            if (condition instanceof Condition.Exists(boolean present) && !present) {
                absence = true;
            } else {
                values.add(condition);
            }
        }
        return new Branch.Rule(path, List.copyOf(values), absence);
    }
}
