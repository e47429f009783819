package dev.wharf.s3.http;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells path-style requests ({@code localhost:4566/bucket/key}) from virtual-hosted-style ones ({@code
 * bucket.localhost:4566/key}), and gives both as one resource path with the bucket first, which S3's operations are
 * matched against.
 *
 * <p>A host names a bucket when it is a bucket name followed by one of the endpoints' names: {@code localhost}, {@code
 * s3.localhost.localstack.cloud} (the name other local emulators resolve to 127.0.0.1), or an AWS S3 endpoint ({@code
 * s3.amazonaws.com}, {@code s3.<region>.amazonaws.com}, {@code s3-<region>.amazonaws.com}). Any other host is path
 * style.
 */
final class S3Addressing {

    private static final List<String> LOCAL_SUFFIXES = List.of(".s3.localhost.localstack.cloud", ".localhost");
    private static final Pattern AWS_HOST =
            Pattern.compile("(.+)\\.s3(?:[.-](?:dualstack\\.)?[a-z0-9-]+)?\\.amazonaws\\.com");

    private S3Addressing() {}

    /** The bucket that a virtual-hosted request's Host names, or null for a path-style request. */
    static @Nullable String virtualBucket(@Nullable String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        for (String suffix : LOCAL_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        Matcher aws = AWS_HOST.matcher(name);
        return aws.matches() ? aws.group(1) : null;
    }

    /** The request's path with its bucket first: the path itself for path style, the Host's bucket before it else. */
    static String resourcePath(@Nullable String host, String rawPath) {
        String bucket = virtualBucket(host);
        if (bucket == null) {
            return rawPath;
        }
        return rawPath.equals("/") || rawPath.isEmpty() ? "/" + bucket : "/" + bucket + rawPath;
    }
}
