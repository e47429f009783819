package dev.wharf.s3.engine;

import dev.wharf.s3.api.S3Error;
import java.util.List;
import java.util.regex.Pattern;

/** Checks bucket names against the rules of S3's general purpose buckets. */
final class BucketNames {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES =
            List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    static boolean valid(String name) {
        return ALLOWED.matcher(name).matches()
                && !name.contains("..")
                && !name.contains(".-")
                && !name.contains("-.")
                && !IP_ADDRESS.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    /** Throws InvalidBucketName for a name S3 would not create. */
    static void check(String name) {
        if (!valid(name)) {
            throw S3Error.InvalidBucketName.with("The specified bucket is not valid.", "BucketName", name);
        }
    }
}
