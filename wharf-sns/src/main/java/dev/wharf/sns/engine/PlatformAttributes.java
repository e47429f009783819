package dev.wharf.sns.engine;

import dev.wharf.common.Arn;
import dev.wharf.common.LogText;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the attributes of platform applications and endpoints as SNS does, with AWS's texts, and keeps the
 * credentials out of what is stored: SNS never returns them, and Wharf, which connects to no push service, has no use
 * for them.
 */
final class PlatformAttributes {

    static final String PLATFORM_CREDENTIAL = "PlatformCredential";
    static final String PLATFORM_PRINCIPAL = "PlatformPrincipal";
    static final String APPLE_TEAM_ID = "ApplePlatformTeamID";
    static final String APPLE_BUNDLE_ID = "ApplePlatformBundleID";
    static final String ENABLED = "Enabled";
    static final String TOKEN = "Token";
    static final String CUSTOM_USER_DATA = "CustomUserData";

    private static final Set<String> EVENT_TOPICS =
            Set.of("EventEndpointCreated", "EventEndpointDeleted", "EventEndpointUpdated", "EventDeliveryFailure");
    private static final Set<String> ROLES = Set.of("SuccessFeedbackRoleArn", "FailureFeedbackRoleArn");
    private static final String SAMPLE_RATE = "SuccessFeedbackSampleRate";
    private static final Set<String> ENDPOINT = Set.of(CUSTOM_USER_DATA, ENABLED, TOKEN);

    private PlatformAttributes() {}

    /**
     * The attributes of CreatePlatformApplication to keep, after checking their names, values and the credentials
     * that the platform needs.
     */
    static Map<String, String> checkAtCreation(Platform platform, Map<String, String> attributes) {
        Map<String, String> kept = checkApplication(platform, attributes);
        String credential = attributes.get(PLATFORM_CREDENTIAL);
        String principal = attributes.get(PLATFORM_PRINCIPAL);
        if (credential == null && principal == null) {
            throw invalidCredentials();
        }
        requirePairs(platform, attributes);
        if (credential == null
                || credential.isEmpty()
                || (platform.needsPrincipal() && (principal == null || principal.isEmpty()))) {
            throw invalidCredentials();
        }
        return kept;
    }

    /** The attributes of SetPlatformApplicationAttributes to keep, after the same checks, for what they name. */
    static Map<String, String> checkForSet(Platform platform, Map<String, String> attributes) {
        Map<String, String> kept = checkApplication(platform, attributes);
        requirePairs(platform, attributes);
        return kept;
    }

    private static Map<String, String> checkApplication(Platform platform, Map<String, String> attributes) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            String value = attribute.getValue() == null ? "" : attribute.getValue();
            if (name.equals(PLATFORM_CREDENTIAL) || name.equals(PLATFORM_PRINCIPAL)) {
                continue;
            }
            if (EVENT_TOPICS.contains(name)) {
                requireArn(name, value, "sns", "a topic ARN");
            } else if (ROLES.contains(name)) {
                requireArn(name, value, "iam", "an IAM role ARN");
            } else if (name.equals(SAMPLE_RATE)) {
                requireInteger(name, value, 0, 100);
            } else if (name.equals(ENABLED)) {
                value = requireBoolean(name, value);
            } else if (!(platform.apple() && (name.equals(APPLE_TEAM_ID) || name.equals(APPLE_BUNDLE_ID)))) {
                throw invalidName(name);
            }
            kept.put(name, value);
        }
        return kept;
    }

    /** A principal needs its credential and, where the platform takes one, a credential its principal. */
    private static void requirePairs(Platform platform, Map<String, String> attributes) {
        boolean credential = attributes.containsKey(PLATFORM_CREDENTIAL);
        boolean principal = attributes.containsKey(PLATFORM_PRINCIPAL);
        if (principal && !credential) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: PlatformPrincipal attribute"
                    + " provided without PlatformCredential");
        }
        if (credential && !principal && platform.needsPrincipal()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: PlatformCredential attribute"
                    + " provided without PlatformPrincipal");
        }
        boolean team = attributes.containsKey(APPLE_TEAM_ID);
        boolean bundle = attributes.containsKey(APPLE_BUNDLE_ID);
        if (team != bundle) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: "
                    + (team
                            ? APPLE_TEAM_ID + " attribute provided without " + APPLE_BUNDLE_ID
                            : APPLE_BUNDLE_ID + " attribute provided without " + APPLE_TEAM_ID));
        }
    }

    /** The attributes of CreatePlatformEndpoint or SetEndpointAttributes, checked, with Enabled in lower case. */
    static Map<String, String> checkEndpoint(Map<String, String> attributes) {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            String value = attribute.getValue() == null ? "" : attribute.getValue();
            if (!ENDPOINT.contains(name)) {
                throw invalidName(name);
            }
            switch (name) {
                case CUSTOM_USER_DATA -> requireBytes(name, value, SnsLimits.CUSTOM_USER_DATA_BYTES_MAX);
                case TOKEN -> checkToken(value);
                default -> value = requireBoolean(name, value);
            }
            checked.put(name, value);
        }
        return checked;
    }

    private static void checkToken(String token) {
        if (token.isEmpty()) {
            throw invalidValue(TOKEN, "cannot be empty");
        }
        requireBytes(TOKEN, token, SnsLimits.DEVICE_TOKEN_BYTES_MAX);
    }

    private static void requireBytes(String name, String value, int max) {
        if (value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw invalidValue(name, "must be at most " + max + " bytes long in UTF-8 encoding");
        }
    }

    private static String requireBoolean(String name, String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalidValue(name, "must be true or false");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    private static void requireInteger(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return;
            }
        } catch (NumberFormatException e) {
            // Reported below, as a value out of range is.
        }
        throw invalidValue(name, "must be an integer from " + min + " to " + max);
    }

    /** An ARN of the service, or the empty string, which clears the attribute. */
    private static void requireArn(String name, String value, String service, String what) {
        if (value.isEmpty()) {
            return;
        }
        try {
            if (Arn.parse(value).service().equals(service)) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        throw invalidValue(name, "must be " + what);
    }

    private static dev.wharf.common.AwsException invalidName(String name) {
        return SnsError.InvalidParameter.with(
                "Invalid parameter: Attributes Reason: Invalid attribute name: " + LogText.of(name));
    }

    private static dev.wharf.common.AwsException invalidValue(String name, String reason) {
        return SnsError.InvalidParameter.with(
                "Invalid parameter: Attributes Reason: Invalid value for attribute: " + name + ": " + reason);
    }

    static dev.wharf.common.AwsException invalidCredentials() {
        return SnsError.InvalidParameter.with("Invalid parameter: Attributes Reason: Platform credentials are invalid");
    }
}
