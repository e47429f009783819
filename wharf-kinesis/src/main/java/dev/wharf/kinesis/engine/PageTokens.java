package dev.wharf.kinesis.engine;

import dev.wharf.kinesis.api.KinesisError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The NextTokens of Kinesis's listings: where the next page starts (and, for ListShards, the filter the first page
 * asked for), as URL-safe base64 of slash-separated parts, which no name or id of Kinesis contains.
 */
final class PageTokens {

    private PageTokens() {}

    static String encode(String... parts) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("/", parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a token, at least {@code min} of them.
     *
     * @throws dev.wharf.common.AwsException {@code InvalidArgumentException} for a token that Wharf did not make
     */
    static String[] decode(String token, int min) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("/", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length < min) {
            throw invalid();
        }
        return parts;
    }

    static dev.wharf.common.AwsException invalid() {
        return KinesisError.InvalidArgument.with("Invalid ShardIterator or NextToken.");
    }
}
