package dev.wharf.sns.engine;

import dev.wharf.common.Arn;
import dev.wharf.sns.api.SnsError;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The protocols that SNS delivers over, and what each accepts as an endpoint. */
enum SubscriptionProtocol {
    HTTP("http", true),
    HTTPS("https", true),
    EMAIL("email", true),
    EMAIL_JSON("email-json", true),
    SMS("sms", false),
    SQS("sqs", false),
    APPLICATION("application", false),
    LAMBDA("lambda", false),
    FIREHOSE("firehose", false);

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final String wireName;
    private final boolean needsConfirmation;

    SubscriptionProtocol(String wireName, boolean needsConfirmation) {
        this.wireName = wireName;
        this.needsConfirmation = needsConfirmation;
    }

    String wireName() {
        return wireName;
    }

    /** Whether a new subscription waits for its endpoint's owner to confirm it (HTTP/S and email do). */
    boolean needsConfirmation() {
        return needsConfirmation;
    }

    static SubscriptionProtocol of(@Nullable String name) {
        if (name != null) {
            for (SubscriptionProtocol protocol : values()) {
                if (protocol.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                    return protocol;
                }
            }
        }
        throw SnsError.InvalidParameter.with(
                "Invalid parameter: Amazon SNS does not support this protocol string: " + name);
    }

    /** The endpoint as SNS keeps it, after checking that it fits the protocol. */
    String checkEndpoint(@Nullable String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsError.InvalidParameter.with("Invalid parameter: Endpoint");
        }
        boolean fits =
                switch (this) {
                    case HTTP -> endpoint.regionMatches(true, 0, "http://", 0, 7) && endpoint.length() > 7;
                    case HTTPS -> endpoint.regionMatches(true, 0, "https://", 0, 8) && endpoint.length() > 8;
                    case EMAIL, EMAIL_JSON -> EMAIL_ADDRESS.matcher(endpoint).matches();
                    case SMS -> PhoneNumbers.validSmsEndpoint(endpoint);
                    case SQS -> arnOf(endpoint, "sqs");
                    case LAMBDA -> arnOf(endpoint, "lambda");
                    case FIREHOSE -> arnOf(endpoint, "firehose");
                    case APPLICATION -> arnOf(endpoint, "sns") && endpoint.contains(":endpoint/");
                };
        if (!fits) {
            throw SnsError.InvalidParameter.with(
                    switch (this) {
                        case SQS -> "Invalid parameter: SQS endpoint ARN";
                        case LAMBDA -> "Invalid parameter: Lambda endpoint ARN";
                        case FIREHOSE -> "Invalid parameter: Firehose endpoint ARN";
                        case APPLICATION -> "Invalid parameter: Application endpoint ARN";
                        case SMS -> "Invalid SMS endpoint: " + endpoint;
                        case EMAIL, EMAIL_JSON -> "Invalid parameter: Email address";
                        case HTTP, HTTPS -> "Invalid parameter: Endpoint must match the specified protocol";
                    });
        }
        return this == SMS ? normalisedPhone(endpoint) : endpoint;
    }

    private static boolean arnOf(String endpoint, String service) {
        try {
            return Arn.parse(endpoint).service().equals(service);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A phone number in E.164 form: a plus, then digits only. */
    static String normalisedPhone(String number) {
        return PhoneNumbers.normalised(PhoneNumbers.withoutSeparators(number));
    }
}
