package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import dev.wharf.sns.api.SnsError;
import org.jspecify.annotations.Nullable;

/**
 * The push notification services that a platform application sends through, by AWS's names, and the credentials that
 * each needs: a principal and a credential (client id and secret, certificate and private key, signing key id and
 * signing key), or for Firebase (GCM) the credential alone.
 */
enum Platform {
    ADM(true, false),
    APNS(true, true),
    APNS_SANDBOX(true, true),
    APNS_VOIP(true, true),
    APNS_VOIP_SANDBOX(true, true),
    BAIDU(true, false),
    GCM(false, false),
    MACOS(true, true),
    MACOS_SANDBOX(true, true),
    MPNS(true, false),
    WNS(true, false);

    private final boolean needsPrincipal;
    private final boolean apple;

    Platform(boolean needsPrincipal, boolean apple) {
        this.needsPrincipal = needsPrincipal;
        this.apple = apple;
    }

    /** Whether the platform takes a PlatformPrincipal besides the PlatformCredential (Firebase takes none). */
    boolean needsPrincipal() {
        return needsPrincipal;
    }

    /** Whether the platform is one of Apple's, which also take token credentials (ApplePlatformTeamID and BundleID). */
    boolean apple() {
        return apple;
    }

    static Platform of(String name) {
        for (Platform platform : values()) {
            if (platform.name().equals(name)) {
                return platform;
            }
        }
        throw SnsError.InvalidParameter.with(
                "Invalid parameter: Platform Reason: " + LogText.of(name) + " is not supported");
    }

    static @Nullable Platform find(String name) {
        for (Platform platform : values()) {
            if (platform.name().equals(name)) {
                return platform;
            }
        }
        return null;
    }
}
