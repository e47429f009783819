package dev.wharf.s3.engine;

import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import dev.wharf.storage.ObjectStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ListObjectsV2 and ListObjects: the keys under a prefix in UTF-8 order, rolled up into common prefixes at a
 * delimiter, a page at a time. Each page reads at most one more record than it returns, plus one restarted scan per
 * common prefix, which jumps past the keys the prefix rolls up instead of reading them.
 */
final class Listings {

    private final ObjectStore store;
    private final Buckets buckets;

    Listings(ObjectStore store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /** One page: its objects and common prefixes in order, and the last key or prefix it holds if it is truncated. */
    record Page(
            List<BucketShapes.ListedObject> contents,
            List<String> prefixes,
            @Nullable String next) {}

    BucketShapes.ListObjectsV2Output listV2(S3Context context, BucketShapes.ListObjectsV2Request request) {
        String bucket = buckets.require(context, request.bucket()).name();
        int maxKeys = maxKeys(request.maxKeys());
        boolean url = encodingType(request.encodingType());
        String after = request.startAfter();
        if (request.continuationToken() != null) {
            after = decodeToken(request.continuationToken());
        }
        BucketShapes.Owner owner = Boolean.TRUE.equals(request.fetchOwner()) ? Buckets.owner(context) : null;
        Page page = page(bucket, orEmpty(request.prefix()), request.delimiter(), after, maxKeys, owner);
        return new BucketShapes.ListObjectsV2Output(
                page.next() != null,
                encodeKeys(page.contents(), url),
                bucket,
                encode(request.prefix(), url),
                encode(request.delimiter(), url),
                maxKeys,
                page.prefixes().stream()
                        .map(p -> new BucketShapes.CommonPrefix(encodeText(p, url)))
                        .toList(),
                url ? "url" : null,
                page.contents().size() + page.prefixes().size(),
                request.continuationToken(),
                page.next() == null ? null : token(page.next()),
                encode(request.startAfter(), url));
    }

    BucketShapes.ListObjectsOutput listV1(S3Context context, BucketShapes.ListObjectsRequest request) {
        String bucket = buckets.require(context, request.bucket()).name();
        int maxKeys = maxKeys(request.maxKeys());
        boolean url = encodingType(request.encodingType());
        Page page = page(
                bucket,
                orEmpty(request.prefix()),
                request.delimiter(),
                request.marker(),
                maxKeys,
                Buckets.owner(context));
        // S3 gives NextMarker only with a delimiter; without one the client continues from the last key.
        String nextMarker = page.next() != null && request.delimiter() != null ? page.next() : null;
        return new BucketShapes.ListObjectsOutput(
                page.next() != null,
                encode(orEmpty(request.marker()), url),
                encode(nextMarker, url),
                encodeKeys(page.contents(), url),
                bucket,
                encode(orEmpty(request.prefix()), url),
                encode(request.delimiter(), url),
                maxKeys,
                page.prefixes().stream()
                        .map(p -> new BucketShapes.CommonPrefix(encodeText(p, url)))
                        .toList(),
                url ? "url" : null);
    }

    /** Reads one page of keys after {@code after} (exclusive; from the first when null). */
    Page page(
            String bucket,
            String prefix,
            @Nullable String delimiter,
            @Nullable String after,
            int maxKeys,
            BucketShapes.@Nullable Owner owner) {
        String base = S3Keys.objects(bucket);
        List<BucketShapes.ListedObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        // The last key or prefix of the page ("" for none yet), and where a scan restarts past a prefix ("" for none).
        String delim = delimiter == null ? "" : delimiter;
        String start = after == null ? "" : after;
        boolean afterPrefix = !delim.isEmpty() && start.endsWith(delim) && start.startsWith(prefix);
        // A page that follows one ending in a common prefix starts past every key the prefix rolled up.
        String[] last = {afterPrefix ? start : ""};
        boolean[] more = {false};
        @Nullable String from = start.isEmpty() ? base + prefix : base + start + '\0';
        if (afterPrefix) {
            String next = successor(start);
            from = base + (next == null ? start : next);
        }
        while (from != null) {
            String[] restart = {""};
            String rolledUp = last[0];
            store.scan(base + prefix, from, (recordKey, value) -> {
                String key = recordKey.substring(base.length());
                if (!delim.isEmpty() && !rolledUp.isEmpty() && rolledUp.endsWith(delim) && key.startsWith(rolledUp)) {
                    // A key the last common prefix rolled up, which a page or a scan restarted past it skips.
                    return true;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    more[0] = true;
                    return false;
                }
                int at = delim.isEmpty() ? -1 : key.indexOf(delim, prefix.length());
                if (at >= 0) {
                    String common = key.substring(0, at + delim.length());
                    prefixes.add(common);
                    last[0] = common;
                    String next = successor(common);
                    restart[0] = next == null ? "" : next;
                    return next == null;
                }
                Stored.S3Object object = Stored.decode(value, Stored.S3Object.class);
                contents.add(new BucketShapes.ListedObject(
                        key, object.lastModified(), object.eTag(), object.size(), object.storageClass(), owner));
                last[0] = key;
                return true;
            });
            from = restart[0].isEmpty() ? null : base + restart[0];
        }
        return new Page(contents, prefixes, more[0] ? last[0] : null);
    }

    /**
     * The least key that sorts after every key starting with {@code common}: its last character incremented, when that
     * gives a character that sorts in UTF-8 as in UTF-16 (no surrogate, not past the BMP); else null, and the scan skips
     * the rolled-up keys one by one.
     */
    static @Nullable String successor(String common) {
        char last = common.charAt(common.length() - 1);
        if (last >= 0xD7FF && last <= 0xDFFF || last == 0xFFFF) {
            return null;
        }
        return common.substring(0, common.length() - 1) + (char) (last + 1);
    }

    static int maxKeys(@Nullable Integer requested) {
        if (requested == null) {
            return S3Limits.MAX_KEYS;
        }
        if (requested < 0) {
            throw S3Error.InvalidArgument.with(
                    "Argument maxKeys must be an integer between 0 and 2147483647",
                    "ArgumentName",
                    "maxKeys",
                    "ArgumentValue",
                    Integer.toString(requested));
        }
        return Math.min(requested, S3Limits.MAX_KEYS);
    }

    static boolean encodingType(@Nullable String encodingType) {
        if (encodingType == null) {
            return false;
        }
        if (!encodingType.equals("url")) {
            throw S3Error.InvalidArgument.with(
                    "Invalid Encoding Method specified in Request",
                    "ArgumentName",
                    "encoding-type",
                    "ArgumentValue",
                    encodingType);
        }
        return true;
    }

    private static List<BucketShapes.ListedObject> encodeKeys(List<BucketShapes.ListedObject> contents, boolean url) {
        if (!url) {
            return contents;
        }
        return contents.stream()
                .map(o -> new BucketShapes.ListedObject(
                        encodeText(o.key(), true), o.lastModified(), o.eTag(), o.size(), o.storageClass(), o.owner()))
                .toList();
    }

    /** S3's {@code encoding-type=url}: the form encoding that the SDKs and the CLI decode. */
    static @Nullable String encode(@Nullable String text, boolean url) {
        return text == null ? null : encodeText(text, url);
    }

    static String encodeText(String text, boolean url) {
        return url ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text;
    }

    private static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.InvalidArgument.with(
                    "The continuation token provided is incorrect",
                    "ArgumentName",
                    "continuation-token",
                    "ArgumentValue",
                    token);
        }
    }
}
