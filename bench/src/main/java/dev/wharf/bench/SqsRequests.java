package dev.wharf.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds SQS requests in AWS JSON 1.0 (and signs the other services' AWS JSON, Query and S3 REST requests) with the
 * SDK's own SigV4 signer, and renders each as the complete bytes of an HTTP/1.1 request, so that a static request is
 * signed once and then replayed as it is.
 */
final class SqsRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsCredentialsIdentity CREDENTIALS = AwsCredentialsIdentity.create("test", "test");
    private static final String REGION = "us-east-1";

    private final URI endpoint;
    private final String hostHeader;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SqsRequests(URI endpoint) {
        this.endpoint = endpoint;
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Returns the signed request for {@code operation} with the JSON {@code body}, as an unreleasable buffer. */
    ByteBuf request(String operation, ObjectNode body) {
        return request(operation, toBytes(body));
    }

    ByteBuf request(String operation, byte[] body) {
        return json("sqs", "AmazonSQS." + operation, "application/x-amz-json-1.0", body);
    }

    /**
     * Returns the signed AWS JSON request of {@code service} for the {@code X-Amz-Target} {@code target}: the SQS
     * requests above, and Kinesis's in JSON 1.1 ({@link KinesisRequests}).
     */
    ByteBuf json(String service, String target, String contentType, byte[] body) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Host", hostHeader)
                .putHeader("X-Amz-Target", target)
                .putHeader("Content-Type", contentType)
                .build();
        return render(unsigned, body, service);
    }

    /** Returns the signed Query request of {@code service} (SNS speaks only Query) with the form {@code body}. */
    ByteBuf query(String service, String form) {
        byte[] body = form.getBytes(UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Host", hostHeader)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        return render(unsigned, body, service);
    }

    /**
     * Returns the signed S3 REST request {@code method} of {@code path} ({@code /<bucket>} or {@code /<bucket>/<key>},
     * path-style, already URL-encoded) with the raw {@code query} parameters and {@code body}, signed as the SDK signs
     * for S3: the header {@code x-amz-content-sha256} holds the hex SHA-256 of the body, which S3 requires, and the
     * path is neither encoded twice nor normalised, since a key may hold {@code //} or {@code ./}.
     */
    ByteBuf s3(SdkHttpMethod method, String path, Map<String, String> query, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(method)
                .uri(endpoint.resolve("/"))
                .encodedPath(path)
                .putHeader("Host", hostHeader)
                .putHeader("x-amz-content-sha256", sha256Hex(body));
        query.forEach(unsigned::putRawQueryParameter);
        SignedRequest signed = signer.sign(r -> r.identity(CREDENTIALS)
                .request(unsigned.build())
                .payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        return bytes(signed.request(), body);
    }

    private ByteBuf render(SdkHttpRequest unsigned, byte[] body, String service) {
        SignedRequest signed = signer.sign(r -> r.identity(CREDENTIALS)
                .request(unsigned)
                .payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service));
        return bytes(signed.request(), body);
    }

    /** Renders a signed request and its body as the bytes of an HTTP/1.1 request, in an unreleasable buffer. */
    private static ByteBuf bytes(SdkHttpRequest signed, byte[] body) {
        StringBuilder head = new StringBuilder(512)
                .append(signed.method().name())
                .append(' ')
                .append(signed.encodedPath());
        signed.encodedQueryParameters().ifPresent(query -> head.append('?').append(query));
        head.append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(UTF_8);
        ByteBuf buffer = Unpooled.buffer(headBytes.length + body.length);
        buffer.writeBytes(headBytes).writeBytes(body);
        return Unpooled.unreleasableBuffer(buffer);
    }

    static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] toBytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode createQueue(String name, boolean fifo) {
        ObjectNode body = object().put("QueueName", name);
        ObjectNode attributes = body.putObject("Attributes").put("VisibilityTimeout", "600");
        if (fifo) {
            attributes.put("FifoQueue", "true");
        }
        return body;
    }

    /** A SendMessageBatch of {@code count} entries, each with {@code body}, and FIFO fields when groups > 0. */
    static ObjectNode sendMessageBatch(String queueUrl, int count, String body, int groups, long sequence) {
        ObjectNode request = object().put("QueueUrl", queueUrl);
        ArrayNode entries = request.putArray("Entries");
        for (int i = 0; i < count; i++) {
            ObjectNode entry = entries.addObject().put("Id", "m" + i).put("MessageBody", body);
            if (groups > 0) {
                long n = sequence + i;
                entry.put("MessageGroupId", "g" + (n % groups)).put("MessageDeduplicationId", "d" + n);
            }
        }
        return request;
    }

    static ObjectNode sendMessage(String queueUrl, String body) {
        return object().put("QueueUrl", queueUrl).put("MessageBody", body);
    }

    static ObjectNode receiveMessage(String queueUrl, int max, int waitSeconds) {
        return object().put("QueueUrl", queueUrl)
                .put("MaxNumberOfMessages", max)
                .put("WaitTimeSeconds", waitSeconds);
    }

    static ObjectNode deleteMessageBatch(String queueUrl, List<String> receiptHandles) {
        ObjectNode request = object().put("QueueUrl", queueUrl);
        ArrayNode entries = request.putArray("Entries");
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.addObject().put("Id", "d" + i).put("ReceiptHandle", receiptHandles.get(i));
        }
        return request;
    }

    /** A message body of {@code size} bytes of ASCII. */
    static String body(int size) {
        return "x".repeat(size);
    }
}
