package dev.wharf.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * S3's scenarios, over the REST API with path-style addresses ({@code /<bucket>/<key>}), signed once for the service
 * {@code s3} (with {@code x-amz-content-sha256}) and replayed, on a bucket that each run creates, of {@value #KEYS}
 * objects of {@code --body-bytes} (at most {@value #MAX_BODY_BYTES}); a message is one request:
 *
 * <ul>
 *   <li>{@code s3-put}: PutObject of the keys in turn (each put replaces an object);
 *   <li>{@code s3-get}: after a put of every key, GetObject of the keys in turn;
 *   <li>{@code s3-list}: after a put of every key, ListObjectsV2 of the keys' prefix, {@value #LIST_KEYS} keys a page.
 * </ul>
 */
final class S3Scenarios implements AutoCloseable {

    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int KEYS = 256;
    private static final int LIST_KEYS = 100;
    private static final String PREFIX = "obj-";

    private final Options options;
    private final SqsRequests signer;
    private final LightClient client;
    private final Meter meter = new Meter();
    // Bucket names are global and lowercase: a random one, so that runs against the same server never meet.
    private final String bucket =
            "bench-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

    S3Scenarios(Options options) {
        this.options = options;
        this.signer = new SqsRequests(options.endpoint());
        this.client = new LightClient(options.endpoint(), options.generatorThreads());
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("s3-");
    }

    Meter.Measurement run() throws Exception {
        String operation = operationOf(options.scenario());
        expectOk(client.call(signer.s3(SdkHttpMethod.PUT, "/" + bucket, Map.of(), new byte[0])), "CreateBucket");
        int size = Math.max(1, Math.min(MAX_BODY_BYTES, options.bodyBytes()));
        List<ByteBuf> puts = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            puts.add(signer.s3(SdkHttpMethod.PUT, path(i), Map.of(), body(i, size)));
        }
        if (!options.scenario().equals("s3-put")) {
            int failed = ClosedLoop.sendEach(client, options.connections(), puts, meter, "PutObject");
            if (failed > 0) {
                throw new IllegalStateException(failed + " of the prefill's " + KEYS + " PutObject failed");
            }
        }
        List<ByteBuf> requests =
                switch (options.scenario()) {
                    case "s3-put" -> puts;
                    case "s3-get" -> gets();
                    case "s3-list" -> List.of(list());
                    default -> throw new IllegalArgumentException("unknown scenario " + options.scenario());
                };
        // One answer read back first: a scenario must measure real answers, not errors or empty ones.
        checkFirst(expectOk(client.call(requests.get(0)), operation), size);
        return ClosedLoop.run(
                client,
                options,
                meter,
                requests,
                (response, latencyNanos) -> {
                    if (response.status().code() == 200) {
                        meter.record(latencyNanos, 1);
                    } else {
                        meter.error(operation + " answered " + response.status().code() + ": " + text(response));
                    }
                },
                options.warmupSeconds());
    }

    private static String operationOf(String scenario) {
        return switch (scenario) {
            case "s3-put" -> "PutObject";
            case "s3-get" -> "GetObject";
            default -> "ListObjectsV2";
        };
    }

    private void checkFirst(byte[] first, int size) {
        switch (options.scenario()) {
            case "s3-get" -> {
                if (!Arrays.equals(first, body(0, size))) {
                    throw new IllegalStateException("GetObject did not return the " + size + " bytes put, but "
                            + first.length + " bytes: "
                            + new String(first, 0, Math.min(200, first.length), StandardCharsets.UTF_8));
                }
            }
            case "s3-list" -> {
                String text = new String(first, StandardCharsets.UTF_8);
                int keys = text.split("<Key>", -1).length - 1;
                if (keys != LIST_KEYS) {
                    throw new IllegalStateException("ListObjectsV2 returned " + keys + " keys, not " + LIST_KEYS + ": "
                            + text.substring(0, Math.min(500, text.length())));
                }
            }
            default -> {
                // PutObject answers an empty body with an ETag: a 200 is the check.
            }
        }
    }

    private String path(int key) {
        return "/" + bucket + "/" + PREFIX + Integer.toString(1000 + key).substring(1);
    }

    /** The object of {@code key}: letters that start at a place of the key's own, so that two keys' bodies differ. */
    private static byte[] body(int key, int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + (key + i) % 26);
        }
        return body;
    }

    private List<ByteBuf> gets() {
        List<ByteBuf> gets = new ArrayList<>(KEYS);
        for (int i = 0; i < KEYS; i++) {
            gets.add(signer.s3(SdkHttpMethod.GET, path(i), Map.of(), new byte[0]));
        }
        return gets;
    }

    private ByteBuf list() {
        Map<String, String> query = Map.of("list-type", "2", "prefix", PREFIX, "max-keys", Integer.toString(LIST_KEYS));
        return signer.s3(SdkHttpMethod.GET, "/" + bucket, query, new byte[0]);
    }

    private static byte[] expectOk(LightClient.Response answer, String operation) {
        if (answer.status() != 200) {
            throw new IllegalStateException(operation + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.body();
    }

    private static String text(FullHttpResponse response) {
        return response.content().toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
