package dev.wharf.firehose.engine;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda functions this server can invoke for data transformation: each function ARN that the server's
 * configuration maps to an HTTP invoke URL (the same {@code sns.lambda} mapping that SNS's Lambda subscriptions use),
 * such as the Lambda Runtime Interface Emulator's {@code /2015-03-31/functions/function/invocations}.
 *
 * <p>A qualified ARN ({@code …:function:f:alias}) takes its own mapping if it has one, else its function's, as SNS
 * resolves it. Immutable.
 */
final class LambdaFunctions {

    static final LambdaFunctions NONE = new LambdaFunctions(Map.of());

    private final Map<String, URI> invokeUrls;

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
        return parts.length == 8 ? invokeUrls.get(String.join(":", Arrays.copyOf(parts, 7))) : null;
    }

    /** Whether {@code arn} is a Lambda function's ARN, qualified or not: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    static boolean isFunctionArn(String arn) {
        String[] parts = arn.split(":", -1);
        return (parts.length == 7 || parts.length == 8)
                && parts[0].equals("arn")
                && parts[2].equals("lambda")
                && parts[5].equals("function")
                && !parts[6].isEmpty();
    }
}
