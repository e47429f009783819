package dev.wharf.sns.engine.filter;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.MessageAttributeValue;
import dev.wharf.sns.api.SnsError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subscription's filter policy, validated as AWS validates it: it decides whether the subscription receives a message,
 * by the message's attributes or by its JSON body, as the policy's scope says.
 *
 * <p>Instances are immutable and may be shared between threads. {@code docs/SNS-FILTER-POLICIES.md} lists what is
 * validated and matched, the AWS texts, and the few choices where AWS's behaviour is not known.
 */
public final class FilterPolicy {

    /** The subscription attribute {@code FilterPolicyScope}: what a policy is matched against. */
    public enum Scope {
        /** The message's attributes; the default. */
        MessageAttributes,
        /** The message's body, which must be a JSON object for any policy to match. */
        MessageBody;

        /** Reads the attribute's value, with AWS's error for any other text. */
        public static Scope of(String value) {
            for (Scope scope : values()) {
                if (scope.name().equals(value)) {
                    return scope;
                }
            }
            throw SnsError.InvalidParameter.with("Invalid parameter: FilterPolicyScope: Invalid value [" + value
                    + "]. Please use either MessageBody or MessageAttributes");
        }
    }

    /** What a policy made of a message, and why it rejected it, as SNS's filter metrics tell rejections apart. */
    public enum Outcome {
        /** The message passes. */
        MATCHED,
        /** A MessageAttributes policy rejected a message that has attributes a filter reads. */
        ATTRIBUTES_NOT_MATCHED,
        /** A MessageAttributes policy rejected a message without any attribute a filter reads. */
        NO_MESSAGE_ATTRIBUTES,
        /** A MessageBody policy rejected a body that is one JSON object. */
        BODY_NOT_MATCHED,
        /** A MessageBody policy rejected a body that is not one JSON object. */
        INVALID_MESSAGE_BODY
    }

    /** The operation that sets the policy, which words AWS's errors. */
    public enum Operation {
        /** Errors read {@code "Invalid parameter: Attributes Reason: FilterPolicy: ..."}. */
        Subscribe("Invalid parameter: Attributes Reason: "),
        /** Errors read {@code "Invalid parameter: FilterPolicy: ..."}. */
        SetSubscriptionAttributes("Invalid parameter: ");

        private final String prefix;

        Operation(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Scope scope;
    private final List<Branch> branches;
    private final Set<String> paths;
    private final Set<String> pathPrefixes;

    private FilterPolicy(Scope scope, List<Branch> branches) {
        this.scope = scope;
        this.branches = branches;
        Set<String> paths = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Branch branch : branches) {
            for (Branch.Rule rule : branch.rules()) {
                paths.add(rule.path());
                for (int dot = rule.path().indexOf('.');
                        dot >= 0;
                        dot = rule.path().indexOf('.', dot + 1)) {
                    prefixes.add(rule.path().substring(0, dot));
                }
            }
        }
        prefixes.addAll(paths);
        this.paths = Set.copyOf(paths);
        this.pathPrefixes = Set.copyOf(prefixes);
    }

    /** {@link #parse(String, Scope, Operation)} with the errors that SetSubscriptionAttributes words. */
    public static FilterPolicy parse(String json, Scope scope) {
        return parse(json, scope, Operation.SetSubscriptionAttributes);
    }

    /**
     * Parses and validates a policy.
     *
     * @throws AwsException {@code InvalidParameter} with AWS's message when AWS refuses the policy
     */
    public static FilterPolicy parse(String json, Scope scope, Operation operation) {
        try {
            if (utf8Length(json) > FilterPolicyLimits.POLICY_BYTES_MAX) {
                throw InvalidFilterPolicy.of("Filter policy is too large");
            }
            PolicyTree.Group policy = PolicyParser.parse(json);
            if (policy.members().size() > FilterPolicyLimits.KEYS_MAX) {
                throw InvalidFilterPolicy.of("Filter policy can not have more than 5 keys");
            }
            if (scope == Scope.MessageAttributes && PolicyTree.nested(policy)) {
                throw InvalidFilterPolicy.nestedInAttributesScope();
            }
            if (PolicyTree.combinations(policy) > FilterPolicyLimits.COMBINATIONS_MAX) {
                throw InvalidFilterPolicy.tooComplex();
            }
            return new FilterPolicy(scope, PolicyTree.branches(policy));
        } catch (InvalidFilterPolicy e) {
            throw SnsError.InvalidParameter.with(operation.prefix + e.detail());
        }
    }

    /** What the policy is matched against. */
    public Scope scope() {
        return scope;
    }

    /**
     * Whether a message with these attributes passes a MessageAttributes policy. Binary attributes are ignored, and a
     * message without other attributes passes no policy.
     *
     * @throws IllegalStateException if the policy's scope is MessageBody
     */
    public boolean matchesAttributes(Map<String, MessageAttributeValue> attributes) {
        requireScope(Scope.MessageAttributes);
        return AttributeMatcher.matches(branches, attributes);
    }

    /**
     * Whether a message with this body passes a MessageBody policy; a body that is not one JSON object passes none.
     *
     * @throws IllegalStateException if the policy's scope is MessageAttributes
     */
    public boolean matchesBody(String messageBody) {
        requireScope(Scope.MessageBody);
        MessageBody.ObjectNode body = MessageBody.parse(messageBody, paths, pathPrefixes);
        return body != null && BodyMatcher.matches(branches, body);
    }

    /** Whether a message passes the policy, by its attributes or its body as the scope says, and if not, why. */
    public Outcome outcome(String messageBody, Map<String, MessageAttributeValue> attributes) {
        if (scope == Scope.MessageAttributes) {
            if (!AttributeMatcher.filterable(attributes)) {
                return Outcome.NO_MESSAGE_ATTRIBUTES;
            }
            return AttributeMatcher.matches(branches, attributes) ? Outcome.MATCHED : Outcome.ATTRIBUTES_NOT_MATCHED;
        }
        MessageBody.ObjectNode body = MessageBody.parse(messageBody, paths, pathPrefixes);
        if (body == null) {
            return Outcome.INVALID_MESSAGE_BODY;
        }
        return BodyMatcher.matches(branches, body) ? Outcome.MATCHED : Outcome.BODY_NOT_MATCHED;
    }

    /** The number of branches once {@code $or}s are expanded; for tests. */
    int branchCount() {
        return branches.size();
    }

    private void requireScope(Scope expected) {
        if (scope != expected) {
            throw new IllegalStateException("the policy's scope is " + scope + ", not " + expected);
        }
    }

    private static long utf8Length(String text) {
        if (text.length() > FilterPolicyLimits.POLICY_BYTES_MAX) {
            return text.length();
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
