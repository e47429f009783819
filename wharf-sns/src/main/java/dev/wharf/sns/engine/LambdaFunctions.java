package dev.wharf.sns.engine;

import dev.wharf.common.LogText;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda functions this server can invoke: each function ARN that the configuration maps to an HTTP invoke URL,
 * such as the AWS Lambda Runtime Interface Emulator's {@code /2015-03-31/functions/function/invocations}.
 *
 * <p>A qualified ARN ({@code …:function:f:alias}) takes its own mapping if it has one, else its function's. Thread-safe.
 */
final class LambdaFunctions {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunctions.class);
    /** How many unmapped functions are reported, each once; beyond it they are not, so the log stays bounded. */
    private static final int REPORTED_MAX = 1000;

    private final Map<String, URI> invokeUrls;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    LambdaFunctions(Map<String, URI> invokeUrls) {
        this.invokeUrls = Map.copyOf(invokeUrls);
    }

    /** The invoke URL of a function, or null when none is configured. */
    @Nullable
    URI invokeUrl(String functionArn) {
        URI url = invokeUrls.get(functionArn);
        if (url != null) {
            return url;
        }
        String[] parts = functionArn.split(":", -1);
        // arn:aws:lambda:region:account:function:name:qualifier
        return parts.length == 8 ? invokeUrls.get(String.join(":", java.util.Arrays.copyOf(parts, 7))) : null;
    }

    /** Logs, once per function, that a delivery failed because the function has no invoke URL. */
    void reportUnmapped(String functionArn) {
        if (reported.size() < REPORTED_MAX && reported.add(functionArn)) {
            LOG.warn(
                    "SNS cannot invoke {}: no invoke URL is configured for it (sns.lambda in the config file, or"
                            + " WHARF_SNS_LAMBDA); its deliveries fail as a missing function's do",
                    LogText.of(functionArn));
        }
    }
}
