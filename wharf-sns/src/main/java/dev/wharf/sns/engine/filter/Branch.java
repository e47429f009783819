package dev.wharf.sns.engine.filter;

import java.util.List;

/**
 * One alternative of a policy once its {@code $or}s are expanded: properties that must all match. A policy matches a
 * message when any of its branches does.
 */
record Branch(List<Rule> rules) {

    /**
     * One property of a branch.
     *
     * @param path the property's name, or for a nested policy the names from the top joined with dots, which AWS does
     *     not tell apart from names that contain dots: {@code {"a": {"b": ...}}} and {@code {"a.b": ...}} are one path
     * @param conditions the conditions that a value of the property may meet, without {@code {"exists": false}}
     * @param absenceMatches whether the property also matches when the message has no value for it
     */
    record Rule(String path, List<Condition> conditions, boolean absenceMatches) {}
}
