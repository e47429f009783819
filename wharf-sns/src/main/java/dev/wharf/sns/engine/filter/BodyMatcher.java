package dev.wharf.sns.engine.filter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a MessageBody policy against a parsed body. A branch matches when each of its properties has a matching value,
 * or, for a property that allows absence, has no value; and the values it uses must come from the same element of every
 * array of objects that holds more than one of them, as AWS's matcher requires ("array consistency"). So for a body
 * {@code {"r": [{"a": 1, "b": 2}, {"a": 3}]}} the branch {@code {"r": {"a": [3], "b": [2]}}} does not match, and the
 * branch {@code {"r": {"a": [3], "b": [{"exists": false}]}}} does, since element 1 has no {@code b}.
 *
 * <p>It decides this bottom-up in one pass over the body, keeping for each subtree the useful ways to choose values in
 * it: which properties they match, and which properties that allow absence still have a value consistent with them.
 * Dominated choices are dropped, so the work stays linear in the body for all but bodies built to defeat it; those are
 * cut off after {@link FilterPolicyLimits#BODY_MATCH_STEPS_MAX} steps and do not match.
 */
final class BodyMatcher {

    private final Map<String, Integer> index = new HashMap<>();
    private final List<Branch.Rule> rules;
    private final long absenceMask;
    private final long allMask;
    private long steps = FilterPolicyLimits.BODY_MATCH_STEPS_MAX;

    private BodyMatcher(Branch branch) {
        rules = branch.rules();
        long absence = 0;
        for (int i = 0; i < rules.size(); i++) {
            index.put(rules.get(i).path(), i);
            absence |= rules.get(i).absenceMatches() ? 1L << i : 0;
        }
        absenceMask = absence;
        allMask = rules.size() == Long.SIZE ? -1L : (1L << rules.size()) - 1;
    }

    static boolean matches(List<Branch> branches, MessageBody.ObjectNode body) {
        for (Branch branch : branches) {
            if (new BodyMatcher(branch).matches(body)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(MessageBody.ObjectNode body) {
        Choices choices;
        try {
            choices = choices(body);
        } catch (OverBudget e) {
            return false;
        }
        if (satisfied(0, choices.present)) {
            return true;
        }
        for (int i = 0; i < choices.size; i++) {
            if (satisfied(choices.matched[i], choices.present(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean satisfied(long matched, long present) {
        return (matched | (absenceMask & ~present)) == allMask;
    }

    private Choices choices(MessageBody.Node node) {
        return switch (node) {
            case MessageBody.Value value -> leaf(value);
            case MessageBody.ObjectNode object -> {
                Choices all = new Choices();
                for (MessageBody.Node member : object.members()) {
                    all = together(all, choices(member));
                }
                yield all;
            }
            case MessageBody.ArrayNode array -> {
                Choices all = new Choices();
                for (MessageBody.Value scalar : array.scalars()) {
                    all = together(all, leaf(scalar));
                }
                Choices oneElement = new Choices();
                for (MessageBody.Node container : array.containers()) {
                    oneElement.alternatively(choices(container), this);
                }
                yield together(all, oneElement);
            }
        };
    }

    private Choices leaf(MessageBody.Value leaf) {
        Choices choices = new Choices();
        Integer at = index.get(leaf.path());
        if (at == null) {
            return choices;
        }
        long bit = 1L << at;
        Branch.Rule rule = rules.get(at);
        boolean isNull = leaf.value() == FieldValue.Literal.NULL;
        choices.present = rule.absenceMatches() && !isNull ? bit : 0;
        for (Condition condition : rule.conditions()) {
            if (condition.test(leaf.value())) {
                choices.add(bit, choices.present, this);
                break;
            }
        }
        return choices;
    }

    /** The choices of two subtrees that share no array: any choice of one goes with any choice of the other. */
    private Choices together(Choices a, Choices b) {
        Choices both = new Choices();
        both.present = a.present | b.present;
        for (int i = -1; i < a.size; i++) {
            long matchedA = i < 0 ? 0 : a.matched[i];
            long presentA = i < 0 ? a.present : a.present(i);
            for (int j = -1; j < b.size; j++) {
                if (i >= 0 || j >= 0) {
                    long matchedB = j < 0 ? 0 : b.matched[j];
                    long presentB = j < 0 ? b.present : b.present(j);
                    both.add(matchedA | matchedB, presentA | presentB, this);
                }
            }
        }
        return both;
    }

    private void step() {
        if (--steps < 0) {
            throw new OverBudget();
        }
    }

    /**
     * The ways to choose values in a subtree that match at least one property, without the dominated ones, and what is
     * present when nothing in it is chosen.
     */
    private static final class Choices {
        /** The properties that each choice matches. */
        long[] matched = new long[2];

        /** For each choice, the properties that allow absence and have a value consistent with it. */
        long[] presentWith = new long[2];

        int size;

        /** The properties that allow absence and have a value in the subtree, when nothing in it is chosen. */
        long present;

        long present(int i) {
            return presentWith[i];
        }

        /** Adds the choices of one element of an array: values of two elements never go together. */
        void alternatively(Choices element, BodyMatcher matcher) {
            present |= element.present;
            for (int i = 0; i < element.size; i++) {
                add(element.matched[i], element.presentWith[i], matcher);
            }
        }

        void add(long newMatched, long newPresent, BodyMatcher matcher) {
            matcher.step();
            int kept = 0;
            for (int i = 0; i < size; i++) {
                matcher.step();
                boolean covers = (matched[i] & newMatched) == newMatched && (presentWith[i] & ~newPresent) == 0;
                if (covers) {
                    return;
                }
                boolean covered = (newMatched & matched[i]) == matched[i] && (newPresent & ~presentWith[i]) == 0;
                if (!covered) {
                    matched[kept] = matched[i];
                    presentWith[kept] = presentWith[i];
                    kept++;
                }
            }
            if (kept == matched.length) {
                matched = Arrays.copyOf(matched, kept * 2);
                presentWith = Arrays.copyOf(presentWith, kept * 2);
            }
            matched[kept] = newMatched;
            presentWith[kept] = newPresent;
            size = kept + 1;
        }
    }

    /** Thrown when matching a body takes more steps than Wharf allows. */
    private static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget() {
            super(null, null, false, false);
        }
    }
}
