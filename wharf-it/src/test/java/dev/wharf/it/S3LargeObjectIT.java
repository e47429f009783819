package dev.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object eight times larger than the server's heap goes up in one PutObject and comes back whole: bodies stream
 * to and from the data directory and are never held on the heap.
 */
class S3LargeObjectIT {

    static final int HEAP_MIB = 64;
    static final long SIZE = 8L * HEAP_MIB * 1024 * 1024;

    /** Deterministic bytes of any length, made as they are read, so the test holds no more of them than the server. */
    static final class Generated extends InputStream {
        private final long length;
        private long position;

        Generated(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? (int) (mix(position++) & 0xff) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) mix(position++);
            }
            return n;
        }

        private static long mix(long x) {
            long z = x * 0x9E3779B97F4A7C15L;
            return (z ^ (z >>> 29)) >>> 7;
        }
    }

    static String md5(InputStream in) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            md5.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void anObjectEightTimesTheHeapGoesUpAndComesBackWhole(@TempDir Path dataDir) throws Exception {
        RestartIT.Wharf wharf = RestartIT.start(
                List.of("-Xmx" + HEAP_MIB + "m"),
                Map.of(),
                ProcessBuilder.Redirect.DISCARD,
                "--port",
                "0",
                "--data-dir",
                dataDir.toString());
        try (S3Client s3 = S3DurabilityIT.client(wharf.endpoint())) {
            s3.createBucket(b -> b.bucket("large"));
            String expected = md5(new Generated(SIZE));
            String eTag = s3.putObject(
                            b -> b.bucket("large").key("huge.bin"),
                            RequestBody.fromContentProvider(
                                    () -> new Generated(SIZE), SIZE, "application/octet-stream"))
                    .eTag();
            assertThat(eTag).isEqualTo('"' + expected + '"');
            try (ResponseInputStream<GetObjectResponse> body =
                    s3.getObject(b -> b.bucket("large").key("huge.bin"))) {
                assertThat(body.response().contentLength()).isEqualTo(SIZE);
                assertThat(md5(body)).isEqualTo(expected);
            }
            assertThat(wharf.process().isAlive())
                    .as("the server did not run out of heap")
                    .isTrue();
        } finally {
            wharf.process().destroy();
            assertThat(wharf.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
