package dev.wharf.bench.fuzz;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Broken and borderline variants of a queue URL. Every variant still names the same queue or none, never another
 * fuzz queue, so that a lenient server cannot delete or purge a queue that other cases rely on.
 */
final class QueueUrls {

    private QueueUrls() {}

    static String variant(SplittableRandom r, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return url + "/";
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> variants = List.of(
                "",
                " ",
                "x",
                "http://",
                origin + "/",
                url + "/",
                url + "/extra",
                "http://example.invalid/000000000000/" + name,
                origin + "/abc/" + name,
                origin + "/123/" + name,
                "000000000000/" + name,
                "/000000000000/" + name,
                url + "%00",
                origin + "/000000000000/" + "q".repeat(81),
                url + "?x=1",
                url + "#fragment",
                "http://[::1" + path,
                "file:///etc/passwd",
                origin + "/000000000000/../000000000000/" + name,
                url.toUpperCase(Locale.ROOT),
                origin + "/999999999999/" + name,
                "https://sqs.us-east-1.amazonaws.com/000000000000/" + name,
                origin + "//" + name,
                url + "%2F..",
                url + ".fifo",
                origin + "/000000000000/" + name + "\u00e9",
                origin + "/000000000000/%ZZ",
                origin + path.replace("/", "%2F"),
                "http://127.0.0.1:0" + path,
                url + " " + url);
        return variants.get(r.nextInt(variants.size()));
    }

    /** The path of a queue URL, {@code /000000000000/name}, as the SDK v1 sends it. */
    static String path(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
