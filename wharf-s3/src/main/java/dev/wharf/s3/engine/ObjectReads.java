package dev.wharf.s3.engine;

import dev.wharf.s3.api.ObjectRead;
import dev.wharf.s3.api.ObjectShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** GetObject and HeadObject: conditional requests, byte ranges, parts, and the headers S3 answers with. */
final class ObjectReads {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final Buckets buckets;

    ObjectReads(ObjectStore store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /** A run of bytes of the object: where it starts, how long it is, and its Content-Range, if partial. */
    private record Run(long start, long length, @Nullable String contentRange) {}

    ObjectRead get(S3Context context, ObjectShapes.GetObjectRequest request, boolean head) {
        buckets.require(context, request.bucket());
        Stored.S3Object object = find(request.bucket(), ObjectRules.key(request.key()));
        checkConditions(object, request);
        Run run = run(object, request);
        Integer partsCount = object.partsCount() > 0 ? object.partsCount() : null;
        boolean checksums = "ENABLED".equals(request.checksumMode()) && run.contentRange() == null;
        Map<String, String> sums = checksums ? object.checksums() : Map.of();
        Stored.Headers headers = object.headers();
        ObjectShapes.GetObjectOutput output = new ObjectShapes.GetObjectOutput(
                object.lastModified(),
                run.length(),
                object.eTag(),
                "bytes",
                run.contentRange(),
                override(request.responseContentType(), headers.contentType(), "binary/octet-stream"),
                override(request.responseContentEncoding(), headers.contentEncoding(), null),
                override(request.responseContentDisposition(), headers.contentDisposition(), null),
                override(request.responseContentLanguage(), headers.contentLanguage(), null),
                override(request.responseCacheControl(), headers.cacheControl(), null),
                expires(request.responseExpires(), headers.expiresMillis()),
                object.metadata(),
                object.storageClass().equals(ObjectRules.STANDARD) ? null : object.storageClass(),
                request.partNumber() != null ? partsCount : null,
                object.tags().isEmpty() ? null : object.tags().size(),
                sums.get("ChecksumCRC32"),
                sums.get("ChecksumCRC32C"),
                sums.get("ChecksumCRC64NVME"),
                sums.get("ChecksumSHA1"),
                sums.get("ChecksumSHA256"),
                sums.isEmpty() ? null : object.partsCount() > 0 ? "COMPOSITE" : "FULL_OBJECT");
        int status = run.contentRange() == null ? 200 : 206;
        if (head) {
            return new ObjectRead(output, status, null, run.length());
        }
        return new ObjectRead(output, status, open(object, run), run.length());
    }

    Stored.S3Object find(@Nullable String bucket, String key) {
        byte[] value = store.read(S3Keys.object(Buckets.required(bucket), key));
        if (value == null) {
            throw S3Error.NoSuchKey.with("The specified key does not exist.", "Key", key);
        }
        return Stored.decode(value, Stored.S3Object.class);
    }

    InputStream open(Stored.S3Object object, long start, long length) {
        try {
            return new SegmentStream(store, object.segments(), start, length);
        } catch (IOException e) {
            throw new UncheckedIOException("the object's blob cannot be opened", e);
        }
    }

    private InputStream open(Stored.S3Object object, Run run) {
        return open(object, run.start(), run.length());
    }

    /** RFC 9110's order: If-Match, then If-Unmodified-Since, then If-None-Match, then If-Modified-Since. */
    private static void checkConditions(Stored.S3Object object, ObjectShapes.GetObjectRequest request) {
        Instant modified = object.lastModified();
        if (request.ifMatch() != null) {
            if (!eTagMatches(request.ifMatch(), object.eTag())) {
                throw preconditionFailed("If-Match");
            }
        } else if (request.ifUnmodifiedSince() != null && modified.isAfter(request.ifUnmodifiedSince())) {
            throw preconditionFailed("If-Unmodified-Since");
        }
        if (request.ifNoneMatch() != null) {
            if (eTagMatches(request.ifNoneMatch(), object.eTag())) {
                throw notModified(object);
            }
        } else if (request.ifModifiedSince() != null && !modified.isAfter(request.ifModifiedSince())) {
            throw notModified(object);
        }
    }

    static boolean eTagMatches(String condition, String eTag) {
        String bare = unquote(eTag);
        for (String candidate : condition.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*")
                    || unquote(trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed)
                            .equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String eTag) {
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    static dev.wharf.common.AwsException preconditionFailed(String condition) {
        return S3Error.PreconditionFailed.with(
                "At least one of the pre-conditions you specified did not hold", "Condition", condition);
    }

    private static dev.wharf.common.AwsException notModified(Stored.S3Object object) {
        return S3Error.NotModified.with(
                "Not Modified",
                Map.of(),
                Map.of("ETag", object.eTag(), "Last-Modified", HTTP_DATE.format(object.lastModified())));
    }

    private static Run run(Stored.S3Object object, ObjectShapes.GetObjectRequest request) {
        long size = object.size();
        Integer partNumber = request.partNumber();
        if (partNumber != null) {
            if (request.range() != null) {
                throw S3Error.InvalidRequest.with("Cannot specify both Range header and partNumber query parameter");
            }
            return part(object, partNumber);
        }
        String range = request.range();
        Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
        if (matcher == null
                || !matcher.matches()
                || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            // S3 serves the whole object for a Range it cannot parse, as HTTP lets a server ignore one.
            return new Run(0, size, null);
        }
        long first;
        long last;
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                first = Math.max(0, size - suffix);
                last = suffix == 0 ? -1 : size - 1;
            } else {
                first = Long.parseLong(matcher.group(1));
                last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
                if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
                    return new Run(0, size, null);
                }
            }
        } catch (NumberFormatException e) {
            return new Run(0, size, null);
        }
        if (first >= size || last < first) {
            Map<String, String> elements = new LinkedHashMap<>();
            elements.put("RangeRequested", range);
            elements.put("ActualObjectSize", Long.toString(size));
            throw S3Error.InvalidRange.with(
                    "The requested range is not satisfiable", elements, Map.of("Content-Range", "bytes */" + size));
        }
        return new Run(first, last - first + 1, "bytes " + first + "-" + last + "/" + size);
    }

    private static Run part(Stored.S3Object object, int partNumber) {
        List<Stored.Segment> segments = object.segments();
        int parts = object.partsCount() > 0 ? segments.size() : 1;
        if (partNumber < 1 || partNumber > parts) {
            throw S3Error.InvalidPartNumber.with(
                    "The requested partnumber is not satisfiable",
                    "PartNumberRequested",
                    Integer.toString(partNumber),
                    "ActualPartCount",
                    Integer.toString(parts));
        }
        if (object.partsCount() == 0) {
            return new Run(
                    0,
                    object.size(),
                    object.size() == 0 ? null : "bytes 0-" + (object.size() - 1) + "/" + object.size());
        }
        long start = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            start += segments.get(i).length();
        }
        long length = segments.get(partNumber - 1).length();
        return new Run(start, length, "bytes " + start + "-" + (start + length - 1) + "/" + object.size());
    }

    private static @Nullable String override(
            @Nullable String requested, @Nullable String stored, @Nullable String fallback) {
        return requested != null ? requested : stored != null ? stored : fallback;
    }

    private static @Nullable String expires(@Nullable Instant requested, @Nullable Long stored) {
        if (requested != null) {
            return HTTP_DATE.format(requested);
        }
        return stored == null ? null : HTTP_DATE.format(Instant.ofEpochMilli(stored));
    }
}
