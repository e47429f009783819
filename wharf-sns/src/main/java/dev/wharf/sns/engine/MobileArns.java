package dev.wharf.sns.engine;

import dev.wharf.sns.api.SnsError;

/**
 * The ARNs of platform applications ({@code arn:aws:sns:<region>:<account>:app/<Platform>/<Name>}) and endpoints
 * ({@code arn:aws:sns:<region>:<account>:endpoint/<Platform>/<Name>/<id>}), checked as SNS reads them, with AWS's
 * texts.
 */
final class MobileArns {

    private static final int ELEMENTS = 6;
    private static final int APPLICATION_SLASHES = 2;
    private static final int ENDPOINT_SLASHES = 3;

    private MobileArns() {}

    static String application(String region, String accountId, Platform platform, String name) {
        return "arn:aws:sns:" + region + ":" + accountId + ":app/" + platform.name() + "/" + name;
    }

    /** Checks that a request's application ARN has its elements and slashes; whether it exists is the caller's. */
    static String checkApplication(String member, String arn) {
        check(member, arn, APPLICATION_SLASHES);
        return arn;
    }

    static String checkEndpoint(String member, String arn) {
        check(member, arn, ENDPOINT_SLASHES);
        return arn;
    }

    /** Whether a TargetArn names a platform endpoint rather than a topic. */
    static boolean isEndpoint(String arn) {
        String[] parts = arn.split(":", ELEMENTS);
        return parts.length == ELEMENTS && parts[5].startsWith("endpoint/");
    }

    /** The ARN of the application that a well-formed endpoint ARN belongs to. */
    static String applicationOf(String endpointArn) {
        String[] parts = endpointArn.split(":", ELEMENTS);
        String[] path = parts[5].split("/", -1);
        return String.join(":", java.util.Arrays.copyOf(parts, 5)) + ":app/" + path[1] + "/" + path[2];
    }

    private static void check(String member, String arn, int slashes) {
        String[] parts = arn.split(":", -1);
        if (parts.length < ELEMENTS) {
            throw SnsError.InvalidParameter.with("Invalid parameter: " + member
                    + " Reason: An ARN must have at least 6 elements, not " + parts.length);
        }
        String resource = arn.split(":", ELEMENTS)[5];
        if (resource.chars().filter(c -> c == '/').count() != slashes) {
            throw SnsError.InvalidParameter.with("Invalid parameter: " + member
                    + " Reason: Wrong number of slashes in relative portion of the ARN.");
        }
    }
}
