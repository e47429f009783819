package dev.wharf.sns.engine.filter;

/**
 * The bounds of a filter policy: AWS's documented quotas, and the few bounds that Wharf adds so that no policy or
 * message can make parsing or matching unbounded.
 */
final class FilterPolicyLimits {

    /** AWS: "The maximum size of a filter policy is 256 KB", counted here in UTF-8 bytes. */
    static final int POLICY_BYTES_MAX = 256 * 1024;

    /** AWS: "A filter policy can have a maximum of five keys"; for a nested policy only the top-level keys count. */
    static final int KEYS_MAX = 5;

    /** AWS: "The total combination of values in a filter policy must not exceed 150." */
    static final long COMBINATIONS_MAX = 150;

    /** AWS: numeric values "can range from -10^9 to 10^9". */
    static final double NUMBER_MAX = 1e9;

    /**
     * Wharf: the deepest JSON nesting a policy may have. A deeper policy cannot stay within the 150 combinations, since
     * every level of properties multiplies and every level of {@code $or} adds, so it is answered as too complex.
     */
    static final int POLICY_DEPTH_MAX = 512;

    /**
     * Wharf: the most properties that one {@code $or} branch of a policy may test. Only a policy that piles dozens of
     * single-valued keys into one branch can reach it; the matcher keeps a branch's properties in a 64-bit mask.
     */
    static final int BRANCH_KEYS_MAX = 64;

    /** Wharf: the deepest JSON nesting of a message body or String.Array value that is matched at all. */
    static final int MESSAGE_DEPTH_MAX = 512;

    /**
     * Wharf: the most steps that matching one message body against one policy may take. Bodies whose arrays of objects
     * would need more to decide which element each property comes from are not delivered.
     */
    static final int BODY_MATCH_STEPS_MAX = 1_000_000;

    private FilterPolicyLimits() {}
}
