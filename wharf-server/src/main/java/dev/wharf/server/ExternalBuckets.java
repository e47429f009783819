package dev.wharf.server;

import dev.wharf.s3.api.ObjectWritePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Firehose's object writes, sent to the S3-compatible store that the config file names for a bucket ({@code
 * firehose.buckets}), and to Wharf's own S3 for every other bucket.
 *
 * <p>An outside bucket is written with the SDK for Java v2's S3 client, made on the first write to it: an object that
 * fits in one {@link #PART_BYTES} part is one PutObject, a larger one a multipart upload of such parts (aborted when a
 * part fails, so that a failed delivery leaves nothing behind). The body is read one part at a time, so a write holds
 * at most one part on the heap, and at most {@link #CONCURRENT_WRITES} writes run at once. A failure is thrown as an
 * exception naming the store's error, so that Firehose retries the delivery as it retries a write to its own S3.
 */
final class ExternalBuckets implements ObjectWritePort, AutoCloseable {

    /** The size of each part of a multipart upload, and the largest object sent as one PutObject. */
    static final int PART_BYTES = 8 * 1024 * 1024;

    /** The writes to outside stores that run at once; the others wait, so that parts on the heap stay bounded. */
    static final int CONCURRENT_WRITES = 4;

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final ObjectWritePort own;
    private final Map<String, WharfConfig.ExternalBucket> buckets;
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();
    private final Semaphore writes = new Semaphore(CONCURRENT_WRITES);
    private volatile boolean closed;

    ExternalBuckets(ObjectWritePort own, Map<String, WharfConfig.ExternalBucket> buckets) {
        this.own = own;
        this.buckets = Map.copyOf(buckets);
    }

    @Override
    public String write(ObjectWrite write, InputStream body) {
        WharfConfig.ExternalBucket outside = buckets.get(write.bucket());
        if (outside == null) {
            return own.write(write, body);
        }
        try (body) {
            writes.acquire();
            try {
                return upload(client(write.bucket(), outside), write, body);
            } finally {
                writes.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write to " + outside.endpoint(), e);
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException refused && refused.awsErrorDetails() != null
                    ? refused.awsErrorDetails().errorCode() + ": "
                    : "";
            throw new IllegalStateException(
                    "the S3 store at " + outside.endpoint() + " refused s3://" + write.bucket() + "/" + write.key()
                            + ": " + code + e.getMessage(),
                    e);
        }
    }

    private static String upload(S3Client s3, ObjectWrite write, InputStream body) throws IOException {
        byte[] first = body.readNBytes(PART_BYTES);
        if (first.length < PART_BYTES) {
            return s3.putObject(
                            put -> put.bucket(write.bucket())
                                    .key(write.key())
                                    .contentType(write.contentType())
                                    .contentEncoding(write.contentEncoding()),
                            RequestBody.fromBytes(first))
                    .eTag();
        }
        String uploadId = s3.createMultipartUpload(create -> create.bucket(write.bucket())
                        .key(write.key())
                        .contentType(write.contentType())
                        .contentEncoding(write.contentEncoding()))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte @Nullable [] part = first;
            while (part != null && part.length > 0) {
                int number = parts.size() + 1;
                String etag = s3.uploadPart(
                                upload -> upload.bucket(write.bucket())
                                        .key(write.key())
                                        .uploadId(uploadId)
                                        .partNumber(number),
                                RequestBody.fromBytes(part))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                part = part.length < PART_BYTES ? null : body.readNBytes(PART_BYTES);
            }
            return s3.completeMultipartUpload(complete -> complete.bucket(write.bucket())
                            .key(write.key())
                            .uploadId(uploadId)
                            .multipartUpload(upload -> upload.parts(parts)))
                    .eTag();
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(
                        abort -> abort.bucket(write.bucket()).key(write.key()).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private S3Client client(String bucket, WharfConfig.ExternalBucket outside) {
        if (closed) {
            throw new IllegalStateException("the server is stopping");
        }
        return clients.computeIfAbsent(bucket, name -> S3Client.builder()
                .endpointOverride(outside.endpoint())
                .region(Region.of(outside.region()))
                .forcePathStyle(outside.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(outside.accessKeyId(), outside.secretAccessKey())))
                // Checksums only where S3 requires them: older S3-compatible stores refuse the trailing checksums
                // that the SDK otherwise adds to every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(override -> override.apiCallTimeout(CALL_TIMEOUT))
                .httpClient(Apache5HttpClient.builder()
                        .maxConnections(CONCURRENT_WRITES)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(1))
                        .build())
                .build());
    }

    /** Closes the clients made so far; a write after this fails. */
    @Override
    public void close() {
        closed = true;
        clients.values().forEach(S3Client::close);
        clients.clear();
    }
}
