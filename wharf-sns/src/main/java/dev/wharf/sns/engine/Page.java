package dev.wharf.sns.engine;

import dev.wharf.sns.api.SnsError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and the token of the next, which names the last key of this page: the listing goes on after
 * it, so pages stay stable while resources come and go.
 */
record Page<T>(List<T> items, @Nullable String nextToken) {

    static String token(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which a page starts, or null for the first page. */
    static @Nullable String after(@Nullable String nextToken) {
        if (nextToken == null || nextToken.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SnsError.InvalidParameter.with("Invalid parameter: NextToken");
        }
    }
}
