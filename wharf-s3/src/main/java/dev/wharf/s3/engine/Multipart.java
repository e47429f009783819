package dev.wharf.s3.engine;

import dev.wharf.s3.api.BucketShapes;
import dev.wharf.s3.api.MultipartShapes;
import dev.wharf.s3.api.S3Context;
import dev.wharf.s3.api.S3Error;
import dev.wharf.s3.api.S3Limits;
import dev.wharf.storage.BlobId;
import dev.wharf.storage.ObjectBatch;
import dev.wharf.storage.ObjectStore;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Multipart uploads: parts stream into blobs of their own, and completing an upload makes those blobs the object's
 * segments in one commit, without copying a byte. The object's ETag is S3's: the MD5 of the parts' binary MD5s,
 * then {@code -} and the number of parts.
 */
final class Multipart {

    private static final Pattern COPY_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectStore store;
    private final Clock clock;
    private final KeyLocks locks;
    private final Buckets buckets;
    private final ObjectReads reads;
    private final ObjectWrites writes;

    Multipart(ObjectStore store, Clock clock, KeyLocks locks, Buckets buckets, ObjectReads reads, ObjectWrites writes) {
        this.store = store;
        this.clock = clock;
        this.locks = locks;
        this.buckets = buckets;
        this.reads = reads;
        this.writes = writes;
    }

    MultipartShapes.CreateMultipartUploadOutput create(
            S3Context context, MultipartShapes.CreateMultipartUploadRequest request) {
        String bucket = buckets.require(context, request.bucket()).name();
        String key = ObjectRules.key(request.key());
        String uploadId = newUploadId();
        Stored.Upload upload = new Stored.Upload(
                uploadId,
                key,
                writes.now(),
                context.accountId(),
                new Stored.Headers(
                        request.contentType(),
                        request.contentEncoding(),
                        request.contentDisposition(),
                        request.contentLanguage(),
                        request.cacheControl(),
                        request.expires() == null ? null : request.expires().toEpochMilli()),
                ObjectRules.metadata(request.metadata()),
                ObjectRules.tagsOfHeader(request.tagging()),
                ObjectRules.storageClass(request.storageClass()));
        store.commit(new ObjectBatch().put(S3Keys.upload(bucket, key, uploadId), Stored.encode(upload)));
        return new MultipartShapes.CreateMultipartUploadOutput(bucket, key, uploadId);
    }

    /** An upload id that sorts by creation time, as S3 lists a key's uploads in the order they were initiated. */
    private String newUploadId() {
        long millis = clock.instant().toEpochMilli();
        long random = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return String.format(java.util.Locale.ROOT, "%012x%016x", millis, random);
    }

    private Stored.Upload upload(String bucket, String key, @Nullable String uploadId) {
        byte[] value = uploadId == null || uploadId.isEmpty() ? null : store.read(S3Keys.upload(bucket, key, uploadId));
        if (value == null) {
            throw S3Error.NoSuchUpload.with(
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
                            + " aborted or completed.",
                    "UploadId",
                    uploadId == null ? "" : uploadId);
        }
        return Stored.decode(value, Stored.Upload.class);
    }

    private static int partNumber(@Nullable Integer partNumber) {
        if (partNumber == null || partNumber < 1 || partNumber > S3Limits.MAX_PART_NUMBER) {
            throw S3Error.InvalidArgument.with(
                    "Part number must be an integer between 1 and 10000, inclusive",
                    "ArgumentName",
                    "partNumber",
                    "ArgumentValue",
                    String.valueOf(partNumber));
        }
        return partNumber;
    }

    MultipartShapes.UploadPartOutput uploadPart(
            S3Context context,
            MultipartShapes.UploadPartRequest request,
            InputStream body,
            long length,
            java.util.function.Supplier<Map<String, String>> checksumsRead) {
        String bucket = buckets.require(context, request.bucket()).name();
        String key = ObjectRules.key(request.key());
        int partNumber = partNumber(request.partNumber());
        upload(bucket, key, request.uploadId());
        try (BodyWriter.Written written = BodyWriter.write(store, body, length, request.contentMD5())) {
            Map<String, String> checksums = checksumsRead.get();
            Stored.Part part = new Stored.Part(
                    partNumber,
                    new Stored.Segment(written.blob().value(), written.length()),
                    written.eTag(),
                    writes.now(),
                    Map.copyOf(checksums));
            putPart(bucket, key, request.uploadId(), part, written.blob());
            return new MultipartShapes.UploadPartOutput(
                    written.eTag(),
                    checksums.get("ChecksumCRC32"),
                    checksums.get("ChecksumCRC32C"),
                    checksums.get("ChecksumCRC64NVME"),
                    checksums.get("ChecksumSHA1"),
                    checksums.get("ChecksumSHA256"));
        }
    }

    /** Records a part, replacing one uploaded before under its number, unless the upload ended meanwhile. */
    private void putPart(String bucket, String key, @Nullable String uploadId, Stored.Part part, BlobId blob) {
        Lock keyLock = locks.key(bucket, key);
        keyLock.lock();
        try {
            Stored.Upload upload = upload(bucket, key, uploadId);
            String partKey = S3Keys.part(upload.uploadId(), part.partNumber());
            byte[] old = store.read(partKey);
            ObjectBatch batch = new ObjectBatch().addBlob(blob).put(partKey, Stored.encode(part));
            if (old != null) {
                batch.deleteBlob(new BlobId(
                        Stored.decode(old, Stored.Part.class).segment().blob()));
            }
            store.commit(batch);
        } finally {
            keyLock.unlock();
        }
    }

    MultipartShapes.UploadPartCopyOutput uploadPartCopy(
            S3Context context, MultipartShapes.UploadPartCopyRequest request) {
        String bucket = buckets.require(context, request.destinationBucket()).name();
        String key = ObjectRules.key(request.destinationKey());
        int partNumber = partNumber(request.partNumber());
        upload(bucket, key, request.uploadId());
        ObjectWrites.CopySource source = ObjectWrites.CopySource.parse(request.copySource());
        buckets.require(context, source.bucket());
        Stored.S3Object from = reads.find(source.bucket(), source.key());
        ObjectWrites.checkCopyConditions(
                from,
                request.copySourceIfMatch(),
                request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(),
                request.copySourceIfUnmodifiedSince());
        long start = 0;
        long length = from.size();
        if (request.copySourceRange() != null) {
            Matcher matcher = COPY_RANGE.matcher(request.copySourceRange());
            if (!matcher.matches()) {
                throw S3Error.InvalidArgument.with(
                        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last"
                                + " are the zero-based offsets of the first and last bytes to copy",
                        "ArgumentName",
                        "x-amz-copy-source-range",
                        "ArgumentValue",
                        request.copySourceRange());
            }
            start = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            if (last < start || last >= from.size()) {
                throw S3Error.InvalidRequest.with("The specified copy range is invalid for the source object size");
            }
            length = last - start + 1;
        }
        if (length > S3Limits.MAX_PUT_BYTES) {
            throw S3Error.InvalidRequest.with("The specified copy source is larger than the maximum allowable size"
                    + " for a copy source: " + S3Limits.MAX_PUT_BYTES);
        }
        try (BodyWriter.Written written = BodyWriter.copy(store, reads.open(from, start, length))) {
            Stored.Part part = new Stored.Part(
                    partNumber,
                    new Stored.Segment(written.blob().value(), written.length()),
                    written.eTag(),
                    writes.now(),
                    Map.of());
            putPart(bucket, key, request.uploadId(), part, written.blob());
            return new MultipartShapes.UploadPartCopyOutput(new MultipartShapes.CopyPartResult(
                    written.eTag(), Instant.ofEpochMilli(part.lastModifiedMillis())));
        }
    }

    MultipartShapes.CompleteMultipartUploadOutput complete(
            S3Context context, MultipartShapes.CompleteMultipartUploadRequest request, String endpoint) {
        String bucket = buckets.require(context, request.bucket()).name();
        String key = ObjectRules.key(request.key());
        List<MultipartShapes.CompletedPart> named =
                request.multipartUpload() == null || request.multipartUpload().parts() == null
                        ? List.of()
                        : request.multipartUpload().parts();
        if (named.isEmpty()) {
            throw S3Error.MalformedXML.with(
                    "The XML you provided was not well-formed or did not validate against" + " our published schema");
        }
        Lock bucketLock = locks.bucket(bucket).readLock();
        bucketLock.lock();
        try {
            Lock keyLock = locks.key(bucket, key);
            keyLock.lock();
            try {
                Stored.Upload upload = upload(bucket, key, request.uploadId());
                Map<Integer, Stored.Part> uploaded = parts(upload.uploadId());
                List<Stored.Part> chosen = choose(upload.uploadId(), named, uploaded);
                return commitObject(bucket, upload, chosen, uploaded, endpoint);
            } finally {
                keyLock.unlock();
            }
        } finally {
            bucketLock.unlock();
        }
    }

    /** The parts a Complete names, checked against S3's rules: ascending numbers, known ETags, 5 MiB but the last. */
    private static List<Stored.Part> choose(
            String uploadId, List<MultipartShapes.CompletedPart> named, Map<Integer, Stored.Part> uploaded) {
        List<Stored.Part> chosen = new ArrayList<>(named.size());
        int previous = 0;
        for (MultipartShapes.CompletedPart part : named) {
            int number = part.partNumber() == null ? 0 : part.partNumber();
            if (number <= previous) {
                throw S3Error.InvalidPartOrder.with(
                        "The list of parts was not in ascending order. Parts must be ordered by part number.",
                        "UploadId",
                        uploadId);
            }
            previous = number;
            Stored.Part stored = uploaded.get(number);
            if (stored == null || part.eTag() == null || !ObjectReads.eTagMatches(part.eTag(), stored.eTag())) {
                throw S3Error.InvalidPart.with(
                        "One or more of the specified parts could not be found.  The part may not have been"
                                + " uploaded, or the specified entity tag may not match the part's entity tag.",
                        "UploadId",
                        uploadId,
                        "PartNumber",
                        Integer.toString(number),
                        "ETag",
                        String.valueOf(part.eTag()));
            }
            chosen.add(stored);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            Stored.Part part = chosen.get(i);
            if (part.segment().length() < S3Limits.MIN_PART_BYTES) {
                throw S3Error.EntityTooSmall.with(
                        "Your proposed upload is smaller than the minimum allowed object size.",
                        "ProposedSize",
                        Long.toString(part.segment().length()),
                        "MinSizeAllowed",
                        Long.toString(S3Limits.MIN_PART_BYTES),
                        "PartNumber",
                        Integer.toString(part.partNumber()),
                        "ETag",
                        part.eTag());
            }
        }
        return chosen;
    }

    /** Lock of the key must be held: records the object, drops the upload and every part it did not use. */
    private MultipartShapes.CompleteMultipartUploadOutput commitObject(
            String bucket,
            Stored.Upload upload,
            List<Stored.Part> chosen,
            Map<Integer, Stored.Part> uploaded,
            String endpoint) {
        MessageDigest md5s = BodyWriter.md5();
        List<Stored.Segment> segments = new ArrayList<>(chosen.size());
        long size = 0;
        for (Stored.Part part : chosen) {
            md5s.update(HEX.parseHex(part.eTag().substring(1, part.eTag().length() - 1)));
            segments.add(part.segment());
            size += part.segment().length();
        }
        String eTag = '"' + HEX.formatHex(md5s.digest()) + "-" + chosen.size() + '"';
        Stored.S3Object object = new Stored.S3Object(
                upload.key(),
                segments,
                size,
                eTag,
                writes.now(),
                upload.headers(),
                upload.metadata(),
                upload.tags(),
                Map.of(),
                upload.storageClass(),
                chosen.size());
        ObjectBatch batch = new ObjectBatch();
        String recordKey = S3Keys.object(bucket, upload.key());
        byte[] old = store.read(recordKey);
        if (old != null) {
            Stored.decode(old, Stored.S3Object.class)
                    .segments()
                    .forEach(segment -> batch.deleteBlob(new BlobId(segment.blob())));
        }
        batch.put(recordKey, Stored.encode(object));
        batch.delete(S3Keys.upload(bucket, upload.key(), upload.uploadId()));
        for (Stored.Part part : uploaded.values()) {
            batch.delete(S3Keys.part(upload.uploadId(), part.partNumber()));
            if (!chosen.contains(part)) {
                batch.deleteBlob(new BlobId(part.segment().blob()));
            }
        }
        store.commit(batch);
        String location = endpoint + "/" + bucket + "/" + upload.key();
        return new MultipartShapes.CompleteMultipartUploadOutput(location, bucket, upload.key(), eTag);
    }

    /** Every part of an upload by number; an upload has at most 10,000. */
    private Map<Integer, Stored.Part> parts(String uploadId) {
        Map<Integer, Stored.Part> parts = new java.util.TreeMap<>();
        store.scan(S3Keys.parts(uploadId), "", (key, value) -> {
            Stored.Part part = Stored.decode(value, Stored.Part.class);
            parts.put(part.partNumber(), part);
            return true;
        });
        return parts;
    }

    void abort(S3Context context, MultipartShapes.UploadRequest request) {
        String bucket = buckets.require(context, request.bucket()).name();
        String key = ObjectRules.key(request.key());
        Lock keyLock = locks.key(bucket, key);
        keyLock.lock();
        try {
            Stored.Upload upload = upload(bucket, key, request.uploadId());
            ObjectBatch batch = new ObjectBatch().delete(S3Keys.upload(bucket, key, upload.uploadId()));
            for (Stored.Part part : parts(upload.uploadId()).values()) {
                batch.delete(S3Keys.part(upload.uploadId(), part.partNumber()));
                batch.deleteBlob(new BlobId(part.segment().blob()));
            }
            store.commit(batch);
        } finally {
            keyLock.unlock();
        }
    }

    MultipartShapes.ListPartsOutput listParts(S3Context context, MultipartShapes.ListPartsRequest request) {
        String bucket = buckets.require(context, request.bucket()).name();
        String key = ObjectRules.key(request.key());
        Stored.Upload upload = upload(bucket, key, request.uploadId());
        int max = request.maxParts() == null ? S3Limits.MAX_KEYS : Math.min(Math.max(request.maxParts(), 0), 1000);
        int marker = request.partNumberMarker() == null ? 0 : Math.max(request.partNumberMarker(), 0);
        List<MultipartShapes.Part> parts = new ArrayList<>();
        boolean[] more = {false};
        String from = marker == 0 ? "" : S3Keys.part(upload.uploadId(), Math.min(marker, 99_999)) + '\0';
        store.scan(S3Keys.parts(upload.uploadId()), from, (partKey, value) -> {
            if (parts.size() == max) {
                more[0] = true;
                return false;
            }
            Stored.Part part = Stored.decode(value, Stored.Part.class);
            parts.add(new MultipartShapes.Part(
                    part.partNumber(),
                    Instant.ofEpochMilli(part.lastModifiedMillis()),
                    part.eTag(),
                    part.segment().length()));
            return true;
        });
        Integer next = parts.isEmpty() ? null : parts.get(parts.size() - 1).partNumber();
        BucketShapes.Owner owner = Buckets.owner(context);
        return new MultipartShapes.ListPartsOutput(
                bucket,
                key,
                upload.uploadId(),
                marker,
                next,
                max,
                more[0],
                parts,
                new MultipartShapes.Initiator(owner.iD(), owner.displayName()),
                owner,
                upload.storageClass());
    }

    MultipartShapes.ListMultipartUploadsOutput listUploads(
            S3Context context, MultipartShapes.ListMultipartUploadsRequest request) {
        String bucket = buckets.require(context, request.bucket()).name();
        int max = request.maxUploads() == null
                ? S3Limits.MAX_KEYS
                : Math.min(Math.max(request.maxUploads(), 0), S3Limits.MAX_KEYS);
        boolean url = Listings.encodingType(request.encodingType());
        String prefix = request.prefix() == null ? "" : request.prefix();
        String delimiter = request.delimiter() == null ? "" : request.delimiter();
        String keyMarker = request.keyMarker() == null ? "" : request.keyMarker();
        String idMarker = request.uploadIdMarker();
        String base = S3Keys.uploads(bucket);
        List<MultipartShapes.MultipartUpload> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        // The page's last key and upload id, or its last prefix and "".
        String[] last = {"", ""};
        boolean[] more = {false};
        BucketShapes.Owner owner = Buckets.owner(context);
        store.scan(base + prefix, keyMarker.isEmpty() ? "" : base + keyMarker, (recordKey, value) -> {
            Stored.Upload upload = Stored.decode(value, Stored.Upload.class);
            String key = upload.key();
            boolean pastMarker = keyMarker.isEmpty()
                    || key.compareTo(keyMarker) > 0
                    || (key.equals(keyMarker)
                            && idMarker != null
                            && upload.uploadId().compareTo(idMarker) > 0);
            if (!pastMarker) {
                return true;
            }
            int at = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            String common = at < 0 ? null : key.substring(0, at + delimiter.length());
            if (common != null
                    && !prefixes.isEmpty()
                    && prefixes.get(prefixes.size() - 1).equals(common)) {
                return true;
            }
            if (uploads.size() + prefixes.size() == max) {
                more[0] = true;
                return false;
            }
            if (common != null) {
                prefixes.add(common);
                last[0] = common;
                last[1] = "";
                return true;
            }
            uploads.add(new MultipartShapes.MultipartUpload(
                    upload.uploadId(),
                    Listings.encodeText(key, url),
                    Instant.ofEpochMilli(upload.initiatedMillis()),
                    upload.storageClass(),
                    owner,
                    new MultipartShapes.Initiator(owner.iD(), owner.displayName())));
            last[0] = key;
            last[1] = upload.uploadId();
            return true;
        });
        return new MultipartShapes.ListMultipartUploadsOutput(
                bucket,
                Listings.encode(keyMarker, url),
                idMarker,
                more[0] ? Listings.encode(last[0], url) : null,
                Listings.encode(prefix, url),
                Listings.encode(request.delimiter(), url),
                more[0] && !last[1].isEmpty() ? last[1] : null,
                max,
                more[0],
                uploads,
                prefixes.stream()
                        .map(p -> new BucketShapes.CommonPrefix(Listings.encodeText(p, url)))
                        .toList(),
                url ? "url" : null);
    }
}
