package dev.wharf.mq.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

record Pages<T>(List<T> items, @Nullable String nextToken) {
    static <T> Pages<T> of(List<T> all, @Nullable String token, int size) {
        int from = offset(token);
        if (from > all.size()) {
            throw MqChecks.bad("nextToken", "The next token is invalid.");
        }

        int to = Math.min(all.size(), from + size);
        String next = to < all.size()
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII))
                : null;
        return new Pages<>(List.copyOf(all.subList(from, to)), next);
    }

    private static int offset(@Nullable String token) {
        if (token != null && !token.isEmpty()) {
            try {
                int offset =
                        Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII));
                if (offset < 0) {
                    throw new NumberFormatException();
                } else {
                    return offset;
                }
            } catch (IllegalArgumentException e) {
                throw MqChecks.bad("nextToken", "The next token is invalid.");
            }
        } else {
            return 0;
        }
    }
}
